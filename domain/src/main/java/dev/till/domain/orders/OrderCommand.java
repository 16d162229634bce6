package dev.till.domain.orders;

import java.util.List;

/** Everything that can happen to an order after it was issued. */
public sealed interface OrderCommand {
    /** The customer opened the payform. */
    record View() implements OrderCommand {}

    /** A card payment attempt started (on the payform, through till.js or the April dialect). */
    record StartAttempt() implements OrderCommand {}

    /** @param captured false when the order only holds the funds ({@code capture: false}) */
    record AttemptApproved(boolean captured) implements OrderCommand {}

    /**
     * @param exhausted      the attempt used up {@code max_payment_attempts}: the order is cancelled
     * @param othersPending  another attempt of the order still waits (3-D Secure, or the network's
     *                       reply): it may yet pay the order, so the order stays in progress
     */
    record AttemptDeclined(boolean exhausted, boolean othersPending) implements OrderCommand {}

    /** The merchant captured held funds. */
    record Capture() implements OrderCommand {}

    /** The merchant voided held funds, or they were held for 28 days without action. */
    record ReleaseHold() implements OrderCommand {}

    record Cancel() implements OrderCommand {}

    /** The customer chose "cancel and return" on the payform. */
    record Reject() implements OrderCommand {}

    /** The merchant was paid outside the gateway. */
    record Receive() implements OrderCommand {}

    /** @param expire the order's (or merchant's) choice: expired declines later attempts, overdue allows them */
    record DueDatePassed(boolean expire) implements OrderCommand {}

    record RefundInitiated() implements OrderCommand {}

    /** @param full nothing is left to refund; a partial refund returns the order to paid */
    record RefundSucceeded(boolean full) implements OrderCommand {}

    record RefundFailed() implements OrderCommand {}

    /** The processing centre cancelled a refund by hand. */
    record RefundReversed() implements OrderCommand {}

    record ReversalInitiated() implements OrderCommand {}

    record ReversalSucceeded() implements OrderCommand {}

    record ReversalFailed() implements OrderCommand {}

    /** The card network raised a dispute stage (seed 001's dispute-related statuses). */
    record Dispute(OrderStatus stage) implements OrderCommand {}

    /** One instance of every command (and of each variant), so a test can walk the whole machine. */
    static List<OrderCommand> samples() {
        var all = new java.util.ArrayList<OrderCommand>(List.of(new View(), new StartAttempt(),
                new AttemptApproved(true), new AttemptApproved(false), new AttemptDeclined(false, false), new AttemptDeclined(true, false),
                new AttemptDeclined(false, true), new AttemptDeclined(true, true),
                new Capture(), new ReleaseHold(), new Cancel(), new Reject(), new Receive(),
                new DueDatePassed(false), new DueDatePassed(true), new RefundInitiated(), new RefundSucceeded(true),
                new RefundSucceeded(false), new RefundFailed(), new RefundReversed(), new ReversalInitiated(),
                new ReversalSucceeded(), new ReversalFailed()));
        for (OrderStatus s : OrderStatus.values()) if (s.dispute()) all.add(new Dispute(s));
        return List.copyOf(all);
    }
}
