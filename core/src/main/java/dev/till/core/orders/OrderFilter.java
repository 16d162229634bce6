package dev.till.core.orders;

import java.time.Instant;

/** Filters of the order list; null means "any". */
public record OrderFilter(String status, String reference, String clientEmail, Instant createdFrom, Instant createdTo) {}
