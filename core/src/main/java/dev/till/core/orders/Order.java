package dev.till.core.orders;

import dev.till.domain.orders.OrderStatus;
import java.time.Instant;

/**
 * One order as stored. Amounts are in the currency's minor unit; {@code metadata} is JSON text.
 * {@code maxPaymentAttempts} is null when the merchant set no limit.
 */
public record Order(String id, String merchantId, String status, String currency, long amount, long refundedAmount,
                    String description, String reference, String metadata, String clientEmail, String clientName,
                    String clientPhone, boolean capture, Instant dueDate, boolean expireOnDueDate,
                    Integer maxPaymentAttempts, int paymentAttempts, String successRedirect, String inProgressRedirect,
                    String failureRedirect, Instant heldOn, Instant createdOn, Instant updatedOn) {

    public OrderStatus state() {
        return OrderStatus.fromWire(status).orElseThrow(() -> new IllegalStateException("unknown order status " + status));
    }

    /** Whether the next declined attempt uses up the limit. */
    public boolean lastAttempt() {
        return maxPaymentAttempts != null && paymentAttempts >= maxPaymentAttempts;
    }
}
