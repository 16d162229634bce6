package dev.till.core.orders;

/** A payment approved for an order that another attempt had already settled. */
public record SupersededAttempt(String merchantId, String paymentId) {}
