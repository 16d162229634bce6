package dev.till.core.ledger;

import java.time.Instant;

/** Captured funds of one source waiting in pending until {@code settleOn}. */
public record Settlement(String id, String merchantId, String sourceId, String currency, long amount, Instant settleOn) {}
