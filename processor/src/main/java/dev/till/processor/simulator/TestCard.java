package dev.till.processor.simulator;

/** One simulator test card; any future expiry date works. */
public record TestCard(String number, String scheme, String cvv, Behaviour behaviour) {}
