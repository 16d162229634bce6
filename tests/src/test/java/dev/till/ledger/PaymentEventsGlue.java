package dev.till.ledger;

import dev.till.server.Services;
import java.util.Map;

/**
 * Records {@code payment_captured} / {@code payment_refunded} events directly, in the payments
 * capability's frozen data shape, so ledger stories and the property test can post exact amounts
 * and currencies quickly. The same postings through real {@code POST /payments}, captures and
 * refunds are covered by {@link LedgerWithPaymentsTest}.
 */
public final class PaymentEventsGlue {
    private final Services services;

    public PaymentEventsGlue(Services services) {
        this.services = services;
    }

    /** Records a capture of {@code amount}; returns the action id. */
    public String capture(String merchantId, String paymentId, String currency, long amount, boolean immediate) {
        return record(merchantId, "payment_captured", paymentId, currency, amount, "Capture", immediate);
    }

    public String refund(String merchantId, String paymentId, String currency, long amount) {
        return record(merchantId, "payment_refunded", paymentId, currency, amount, "Refund", false);
    }

    public String newPaymentId() {
        return services.ids().next("pay_");
    }

    private String record(String merchantId, String type, String paymentId, String currency, long amount, String actionType,
                          boolean immediate) {
        String actionId = services.ids().next("act_");
        Map<String, Object> data = Map.of("id", paymentId, "amount", amount, "currency", currency,
                "funds_availability", immediate ? "immediate" : "standard",
                "action", Map.of("id", actionId, "type", actionType, "amount", amount));
        services.jdbi().useTransaction(tx -> services.events().record(tx, merchantId, type, paymentId, data));
        return actionId;
    }
}
