package dev.till.core.orders;

import dev.till.domain.orders.OrderCommand;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The time-driven transitions. Each round claims a batch with {@code FOR UPDATE SKIP LOCKED} in
 * its own transaction, so several nodes can run the same job without acting twice on an order.
 * Thread-safe.
 */
public final class OrderJobs {
    public static final String DUE_DATES = "order-due-dates";
    public static final String HOLD_RELEASE = "order-hold-release";
    /** Seed 001: held funds are cancelled automatically after 28 days without the merchant acting. */
    public static final Duration HOLD_LIMIT = Duration.ofDays(28);
    private static final int BATCH = 100;

    private final Jdbi jdbi;
    private final Clock clock;
    private final OrderTransitions transitions;
    private final HoldRelease holdRelease;

    /** Gives held funds back to the cardholder when a hold is cancelled (the payments capability voids). */
    public interface HoldRelease {
        HoldRelease NONE = (tx, order) -> {};

        void release(org.jdbi.v3.core.Handle tx, Order order);
    }

    public OrderJobs(Jdbi jdbi, Clock clock, OrderTransitions transitions, HoldRelease holdRelease) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.transitions = transitions;
        this.holdRelease = holdRelease;
    }

    /** Due date reached: overdue (attempts still allowed) or expired (declined), as the order chose. */
    public int passDueDates() {
        return jdbi.inTransaction(tx -> {
            List<Order> due = new OrderStore(tx).claimDue(clock.instant(), BATCH);
            for (Order o : due) transitions.apply(tx, o, new OrderCommand.DueDatePassed(o.expireOnDueDate()), null);
            return due.size();
        });
    }

    public int releaseOldHolds() {
        return jdbi.inTransaction(tx -> {
            List<Order> held = new OrderStore(tx).claimHeldSince(clock.instant().minus(HOLD_LIMIT), BATCH);
            for (Order o : held) {
                holdRelease.release(tx, o); // voids the payment and cancels the order
            }
            return held.size();
        });
    }
}
