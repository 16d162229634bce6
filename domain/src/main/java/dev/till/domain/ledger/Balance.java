package dev.till.domain.ledger;

/** A merchant's balances in one currency, in minor units. */
public record Balance(String currency, long pending, long available, long reserved) {}
