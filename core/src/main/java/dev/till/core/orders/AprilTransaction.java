package dev.till.core.orders;

import java.time.Instant;

/** An April-dialect transaction: its own {@code tran_} ID over an order's payment. */
public record AprilTransaction(String id, String paymentId, String orderId, Instant createdOn) {}
