package dev.till.core.orders;

import dev.till.core.events.Events;
import dev.till.domain.Problem;
import dev.till.domain.orders.OrderCommand;
import dev.till.domain.orders.OrderMachine;
import dev.till.domain.orders.OrderStatus;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Moves an order through {@link OrderMachine} and records what happened, in the caller's
 * transaction: {@code order.<status>} for every change, plus {@code order.payment_success} when an
 * attempt is approved and {@code order.payment_failure} when one is declined. Thread-safe.
 */
public final class OrderTransitions {
    private final Clock clock;
    private final Events events;

    public OrderTransitions(Clock clock, Events events) {
        this.clock = clock;
        this.events = events;
    }

    /** Applies the command to a row locked by the caller; a no-op command changes nothing. */
    public Order apply(Handle tx, Order order, OrderCommand command, String paymentId) {
        OrderStatus next = OrderMachine.apply(order.state(), command);
        OrderStore store = new OrderStore(tx);
        if (next != order.state()) {
            int changed = next == OrderStatus.HOLD
                    ? store.markHeld(order.merchantId(), order.id(), clock.instant())
                    : store.markStatus(order.merchantId(), order.id(), order.status(), next.wire(), clock.instant());
            if (changed != 1) {
                throw Problem.conflict("order_changed", "Order " + order.id() + " changed while this request ran; retry.").toException();
            }
        }
        Order after = store.find(order.merchantId(), order.id()).orElseThrow();
        OrderSnapshot snapshot = OrderSnapshot.of(after, paymentId);
        if (command instanceof OrderCommand.AttemptApproved) {
            events.record(tx, order.merchantId(), "order.payment_success", order.id(), snapshot);
        } else if (command instanceof OrderCommand.AttemptDeclined) {
            events.record(tx, order.merchantId(), "order.payment_failure", order.id(), snapshot);
        }
        if (next != order.state()) events.record(tx, order.merchantId(), "order." + next.wire(), order.id(), snapshot);
        return after;
    }

    /** The creation event. */
    public void issued(Handle tx, Order order) {
        events.record(tx, order.merchantId(), "order." + order.status(), order.id(), OrderSnapshot.of(order, null));
    }
}
