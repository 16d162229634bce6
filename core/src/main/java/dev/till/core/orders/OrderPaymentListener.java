package dev.till.core.orders;

import dev.till.core.events.Event;
import dev.till.core.events.Events;
import dev.till.core.payments.Payments;
import dev.till.domain.orders.OrderCommand;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Moves an order when one of its payments settles later than the attempt that started it: after
 * the cardholder's 3-D Secure challenge, or when the reconciler learns a timed-out payment's fate;
 * and cancels a hold whose authorization the payments capability let expire.
 * Runs inside the payment's transaction, so the order and the payment change together.
 */
public final class OrderPaymentListener implements Events.Listener {
    private static final Set<String> OUTCOMES = Set.of("payment_approved", "payment_declined");

    private final Payments payments;
    private final OrderPayments orderPayments;

    public OrderPaymentListener(Payments payments, OrderPayments orderPayments) {
        this.payments = payments;
        this.orderPayments = orderPayments;
    }

    @Override
    public void recorded(Handle tx, Event event) {
        if (event.type().equals("payment_expired")) {
            orderPayments.authorizationExpired(tx, event.merchantId(), event.objectId());
            return;
        }
        if (event.type().equals("payment_captured")) {
            orderPayments.heldPaymentMoved(tx, event.merchantId(), event.objectId(), new OrderCommand.Capture());
            return;
        }
        if (event.type().equals("payment_voided")) {
            orderPayments.heldPaymentMoved(tx, event.merchantId(), event.objectId(), new OrderCommand.ReleaseHold());
            return;
        }
        if (!OUTCOMES.contains(event.type())) return;
        orderPayments.settle(tx, event.merchantId(), payments.payment(tx, event.merchantId(), event.objectId()));
    }
}
