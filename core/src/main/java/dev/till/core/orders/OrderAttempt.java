package dev.till.core.orders;

import java.time.Instant;

/** One payment attempt of an order: the payment ({@code pay_}) and what became of it. */
public record OrderAttempt(String paymentId, String orderId, String outcome, Instant createdOn) {}
