package dev.till.core.ledger;

/** A stored ledger line. */
public record LineRow(String entryId, int lineNo, String account, String currency, String direction, long amount) {}
