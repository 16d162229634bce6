package dev.till.core.orders;

import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * What every {@code order.*} event carries: the order as the API's standard view names it. The
 * shape is frozen: webhook consumers parse it.
 */
public record OrderSnapshot(String id, String status, String currency, long amount, long refundedAmount,
                            String reference, String description, @JsonRawValue String metadata, String clientEmail,
                            int paymentAttempts, String paymentId) {
    public static OrderSnapshot of(Order o, String paymentId) {
        return new OrderSnapshot(o.id(), o.status(), o.currency(), o.amount(), o.refundedAmount(), o.reference(),
                o.description(), o.metadata(), o.clientEmail(), o.paymentAttempts(), paymentId);
    }
}
