package dev.till.core.payments;

import dev.till.domain.payments.Balances;
import dev.till.domain.payments.PaymentStatus;
import java.time.Instant;

/**
 * A payment row. {@code metadata} is JSON text. {@code awaiting} says why a Pending payment waits:
 * {@code challenge} (the cardholder's 3-D Secure) or {@code network} (a reply that never came).
 * {@code paysFor} says what the payment was created for: {@link #PAYS_FOR_ORDER},
 * {@link #PAYS_FOR_LINK}, or null for a plain API payment. It never changes and is internal: the
 * orders and links listeners read it to skip payments that are none of theirs.
 */
public record Payment(String id, String merchantId, int version, String status, long amount, String currency,
                      long authorized, long captured, long refunded, long released, String actionId, String sourceId,
                      String customerId, String reference, String description, String paymentType,
                      boolean captureRequested, boolean threeDsRequested, String challengeId, String successUrl,
                      String failureUrl, String metadata, Boolean approved, String authCode, String responseCode,
                      String responseSummary, String avsCheck, String cvvCheck, boolean riskFlagged,
                      String fundsAvailability, String networkReference, String awaiting, Instant requestedOn,
                      Instant processedOn, Instant expiresOn, String paysFor) {
    /** An order's payment attempt (the payform, April, {@code POST /orders/{id}/pay}). */
    public static final String PAYS_FOR_ORDER = "order";
    /** A payment link's payment (the widget). */
    public static final String PAYS_FOR_LINK = "link";

    public PaymentStatus state() {
        return PaymentStatus.fromWire(status);
    }

    public Balances balances() {
        return new Balances(authorized, captured, refunded, released);
    }
}
