package dev.till.processor;

/** A capture, void or refund of an earlier approved authorization. */
public record ActionRequest(String paymentId, String actionId, String networkReference, long amount, String currency) {}
