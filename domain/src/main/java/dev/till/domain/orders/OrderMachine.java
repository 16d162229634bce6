package dev.till.domain.orders;

import static dev.till.domain.orders.OrderStatus.*;

import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The order state machine, stated once. Every status change of an order goes through
 * {@link #apply}; storage writes the result with a status guard in its WHERE clause. A test walks
 * this machine to draw {@code docs/order-states.md}.
 * <ul>
 *   <li>Failed is not final: the order stays payable until its attempts run out.</li>
 *   <li>A declined attempt fails the order only when no other attempt is pending.</li>
 *   <li>Overdue orders still take attempts; expired ones decline them.</li>
 *   <li>Cancelled, rejected and expired are final for payment.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class OrderMachine {
    private OrderMachine() {}

    private static final Set<OrderStatus> UNPAID = EnumSet.of(ISSUED, VIEWED, FAILED, OVERDUE);
    private static final Set<OrderStatus> REFUNDABLE = EnumSet.of(PAID, REFUND_FAILED, REFUND_REVERSED);

    /** Which dispute stage may follow which: the network's usual escalation. */
    private static final Map<OrderStatus, Set<OrderStatus>> DISPUTES = Map.of(
            PAID, EnumSet.of(RETRIEVAL, CHARGEBACK, FRAUD_ADVICE),
            FRAUD_ADVICE, EnumSet.of(RETRIEVAL, CHARGEBACK),
            RETRIEVAL, EnumSet.of(CHARGEBACK),
            CHARGEBACK, EnumSet.of(REPRESENTATION, PRE_COMPLIANCE, GOOD_FAITH),
            REPRESENTATION, EnumSet.of(PRE_ARBITRATION, GOOD_FAITH),
            PRE_ARBITRATION, EnumSet.of(ARBITRATION),
            PRE_COMPLIANCE, EnumSet.of(COMPLIANCE));

    public static OrderStatus apply(OrderStatus from, OrderCommand command) {
        return switch (command) {
            case OrderCommand.View v -> from == ISSUED ? VIEWED : refuse(from, "view");
            case OrderCommand.StartAttempt s ->
                    from.payable() || from == IN_PROGRESS ? IN_PROGRESS : refuse(from, "pay");
            case OrderCommand.AttemptApproved a ->
                    from == IN_PROGRESS ? (a.captured() ? PAID : HOLD) : refuse(from, "approve");
            // Failing (or cancelling) the order while another attempt is pending would leave that
            // attempt's approval nowhere to go: the order waits for the last one.
            case OrderCommand.AttemptDeclined d -> from != IN_PROGRESS ? refuse(from, "decline")
                    : d.othersPending() ? IN_PROGRESS : d.exhausted() ? CANCELLED : FAILED;
            case OrderCommand.Capture c -> from == HOLD ? PAID : refuse(from, "capture");
            case OrderCommand.ReleaseHold r -> from == HOLD ? CANCELLED : refuse(from, "void");
            case OrderCommand.Cancel c -> UNPAID.contains(from) ? CANCELLED : refuse(from, "cancel");
            case OrderCommand.Reject r -> UNPAID.contains(from) ? REJECTED : refuse(from, "reject");
            case OrderCommand.Receive r -> UNPAID.contains(from) || from == EXPIRED ? RECEIVED : refuse(from, "receive");
            case OrderCommand.DueDatePassed d ->
                    EnumSet.of(ISSUED, VIEWED, FAILED).contains(from) ? (d.expire() ? EXPIRED : OVERDUE) : refuse(from, "expire");
            case OrderCommand.RefundInitiated r -> REFUNDABLE.contains(from) ? REFUND_INITIATED : refuse(from, "refund");
            case OrderCommand.RefundSucceeded r -> from == REFUND_INITIATED ? (r.full() ? REFUNDED : PAID) : refuse(from, "complete a refund of");
            case OrderCommand.RefundFailed r -> from == REFUND_INITIATED ? REFUND_FAILED : refuse(from, "fail a refund of");
            case OrderCommand.RefundReversed r -> from == REFUNDED ? REFUND_REVERSED : refuse(from, "reverse a refund of");
            case OrderCommand.ReversalInitiated r -> from == PAID ? REVERSAL_INITIATED : refuse(from, "reverse");
            case OrderCommand.ReversalSucceeded r -> from == REVERSAL_INITIATED ? REVERSED : refuse(from, "complete a reversal of");
            case OrderCommand.ReversalFailed r -> from == REVERSAL_INITIATED ? REVERSAL_FAILED : refuse(from, "fail a reversal of");
            case OrderCommand.Dispute d ->
                    DISPUTES.getOrDefault(from, Set.of()).contains(d.stage()) ? d.stage() : refuse(from, "raise " + d.stage().wire() + " on");
        };
    }

    public static boolean allows(OrderStatus from, OrderCommand command) {
        try {
            apply(from, command);
            return true;
        } catch (ProblemException no) {
            return false;
        }
    }

    private static OrderStatus refuse(OrderStatus from, String action) {
        throw Problem.notAllowed("order_status_" + from.wire(),
                "Cannot " + action + " an order whose status is " + from.wire() + ".").toException();
    }
}
