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

    // The rows a new payment passes through before its one insert (see Openings). Each sets
    // what the mark*.sql update of the same name sets on a payment that is already stored.

    /** As {@code markApproved.sql} leaves it. */
    Payment approved(String status, long authorized, String authCode, String avsCheck, String cvvCheck,
                     boolean riskFlagged, String fundsAvailability, String networkReference, Instant now, Instant expiresOn) {
        return new Payment(id, merchantId, version + 1, status, amount, currency, authorized, captured, refunded, released,
                actionId, sourceId, customerId, reference, description, paymentType, captureRequested, threeDsRequested,
                challengeId, successUrl, failureUrl, metadata, true, authCode, "10000", "Approved", avsCheck, cvvCheck,
                riskFlagged, fundsAvailability, networkReference, null, requestedOn, now, expiresOn, paysFor);
    }

    /** As {@code markDeclined.sql} leaves it. */
    Payment declined(String responseCode, String responseSummary, String networkReference, Instant now) {
        return new Payment(id, merchantId, version + 1, "Declined", amount, currency, authorized, captured, refunded,
                released, actionId, sourceId, customerId, reference, description, paymentType, captureRequested,
                threeDsRequested, challengeId, successUrl, failureUrl, metadata, false, authCode, responseCode,
                responseSummary, avsCheck, cvvCheck, riskFlagged, fundsAvailability, networkReference, null, requestedOn,
                now, expiresOn, paysFor);
    }

    /** As {@code markAwaitingChallenge.sql} leaves it. */
    Payment awaitingChallenge(String challengeId) {
        return new Payment(id, merchantId, version + 1, status, amount, currency, authorized, captured, refunded, released,
                actionId, sourceId, customerId, reference, description, paymentType, captureRequested, threeDsRequested,
                challengeId, successUrl, failureUrl, metadata, approved, authCode, responseCode, responseSummary, avsCheck,
                cvvCheck, riskFlagged, fundsAvailability, networkReference, "challenge", requestedOn, processedOn,
                expiresOn, paysFor);
    }

    /**
     * As {@code markMovedAll.sql} leaves it; also, with an earlier version's status and balances,
     * the row as it stood before a capture that was written together with the approval.
     */
    Payment withState(int version, String status, Balances b) {
        return new Payment(id, merchantId, version, status, amount, currency, b.authorized(), b.captured(), b.refunded(),
                b.released(), actionId, sourceId, customerId, reference, description, paymentType, captureRequested,
                threeDsRequested, challengeId, successUrl, failureUrl, metadata, approved, authCode, responseCode,
                responseSummary, avsCheck, cvvCheck, riskFlagged, fundsAvailability, networkReference, awaiting,
                requestedOn, processedOn, expiresOn, paysFor);
    }
}
