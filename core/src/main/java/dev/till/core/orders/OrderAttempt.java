package dev.till.core.orders;

import java.time.Instant;

/**
 * One payment attempt of an order: the payment ({@code pay_}) and what became of it.
 * {@code supersededOn} is set when the attempt was approved after another attempt had settled
 * the order: the release job gives that payment back, and it never stands for the order.
 */
public record OrderAttempt(String paymentId, String orderId, String outcome, Instant createdOn, Instant supersededOn) {
    /** Whether this attempt's payment is the order's: approved, and not a late approval another attempt beat. */
    public boolean paysOrder() {
        return outcome.equals("approved") && supersededOn == null;
    }
}
