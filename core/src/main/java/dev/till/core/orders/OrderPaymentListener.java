package dev.till.core.orders;

import dev.till.core.events.Event;
import dev.till.core.events.Events;
import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentSnapshot;
import dev.till.domain.orders.OrderCommand;
import org.jdbi.v3.core.Handle;

/**
 * Moves an order when one of its payments settles later than the attempt that started it: after
 * the cardholder's 3-D Secure challenge, or when the reconciler learns a timed-out payment's fate;
 * cancels a hold whose authorization the payments capability let expire; and follows captures,
 * voids and refunds made through the payments API.
 * Runs inside the payment's transaction, so the order and the payment change together. A payment
 * that was not created for an order ({@link Payment#paysFor()}) is none of its business: it
 * returns without a query.
 */
public final class OrderPaymentListener implements Events.Listener {
    private final OrderPayments orderPayments;

    public OrderPaymentListener(OrderPayments orderPayments) {
        this.orderPayments = orderPayments;
    }

    @Override
    public void recorded(Handle tx, Event event, Object snapshot) {
        // Most payments belong to no order; the payment says so itself. (A payment event recorded
        // without a PaymentSnapshot, which the payments core never does, is looked up as before.)
        if (snapshot instanceof PaymentSnapshot p && !Payment.PAYS_FOR_ORDER.equals(p.paysFor())) return;
        switch (event.type()) {
            case "payment_expired" -> orderPayments.authorizationExpired(tx, event.merchantId(), event.objectId());
            case "payment_captured" -> orderPayments.heldPaymentMoved(tx, event.merchantId(), event.objectId(),
                    new OrderCommand.Capture());
            case "payment_voided" -> orderPayments.heldPaymentMoved(tx, event.merchantId(), event.objectId(),
                    new OrderCommand.ReleaseHold());
            case "payment_refunded" -> orderPayments.paymentRefunded(tx, event.merchantId(), event.objectId());
            // The event names the outcome: the payment itself need not be read.
            case "payment_approved", "payment_declined" -> orderPayments.settle(tx, event.merchantId(), event.objectId(),
                    event.type().equals("payment_approved"));
            default -> { }
        }
    }
}
