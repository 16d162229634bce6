package dev.till.core.payments;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.till.core.vault.StoredCard;
import dev.till.domain.payments.Balances;
import dev.till.domain.payments.PaymentStatus;

/**
 * The {@code data} of every payment event: the payment with no card data beyond scheme, BIN and
 * last four. Field names render in snake_case. Frozen: webhook consumers rely on this shape.
 * {@code paysFor} ({@link Payment#paysFor()}) is for the listeners that run in the recording
 * transaction (orders, links): it is never serialised, so the event's data does not show it.
 */
public record PaymentSnapshot(String id, String status, long amount, String currency, Boolean approved, String reference,
                              String responseCode, String responseSummary, BalancesJson balances, Source source,
                              CustomerId customer, String fundsAvailability, @JsonRawValue String metadata, Action action,
                              @JsonIgnore String paysFor) {

    public record Source(String type, String id, String scheme, String bin, String last4, int expiryMonth, int expiryYear) {}

    public record CustomerId(String id) {}

    public record Action(String id, String type, long amount, boolean approved, String responseCode) {}

    /** Checkout.com's balances object; {@code total_voided} counts everything released. */
    public record BalancesJson(long totalAuthorized, long totalVoided, long availableToVoid, long totalCaptured,
                               long availableToCapture, long totalRefunded, long availableToRefund) {
        public static BalancesJson of(PaymentStatus status, Balances b) {
            boolean capturable = status == PaymentStatus.AUTHORIZED || status == PaymentStatus.PARTIALLY_CAPTURED;
            boolean refundable = status == PaymentStatus.PARTIALLY_CAPTURED || status == PaymentStatus.CAPTURED
                    || status == PaymentStatus.PARTIALLY_REFUNDED;
            return new BalancesJson(b.authorized(), b.released(), status == PaymentStatus.AUTHORIZED ? b.uncaptured() : 0,
                    b.captured(), capturable ? b.uncaptured() : 0, b.refunded(), refundable ? b.refundable() : 0);
        }
    }

    public static PaymentSnapshot of(PaymentView v, PaymentAction action) {
        Payment p = v.payment();
        StoredCard s = v.source();
        return new PaymentSnapshot(p.id(), p.status(), p.amount(), p.currency(), p.approved(), p.reference(),
                p.responseCode(), p.responseSummary(), BalancesJson.of(p.state(), p.balances()),
                s == null ? null : new Source("card", s.id(), s.scheme(), s.bin(), s.last4(), s.expiryMonth(), s.expiryYear()),
                p.customerId() == null ? null : new CustomerId(p.customerId()), p.fundsAvailability(), p.metadata(),
                action == null ? null : new Action(action.id(), action.type(), action.amount(), action.approved(), action.responseCode()),
                p.paysFor());
    }
}
