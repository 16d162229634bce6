package dev.till.domain.payments;

import static dev.till.domain.payments.PaymentStatus.*;

import dev.till.domain.Problem;
import java.util.List;

/**
 * The payment state machine, stated once. Every change of a payment goes through {@link #apply};
 * the storage layer then writes the result with a version guard, and CHECK constraints back the
 * money rules. A test walks this machine to draw {@code docs/payment-states.md}.
 * <ul>
 *   <li>Captures are allowed while authorized money is left; a final capture (or capturing it
 *       all) releases the rest.</li>
 *   <li>A void releases an authorization that was never captured.</li>
 *   <li>Refunding ends capturing: any uncaptured rest is released with the first refund, so a
 *       refunded payment never holds the cardholder's funds.</li>
 *   <li>Only an untouched authorization expires.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class PaymentMachine {
    private PaymentMachine() {}

    private static final List<PaymentStatus> CAPTURABLE = List.of(AUTHORIZED, PARTIALLY_CAPTURED);
    private static final List<PaymentStatus> REFUNDABLE = List.of(PARTIALLY_CAPTURED, CAPTURED, PARTIALLY_REFUNDED);

    public static Transition apply(PaymentStatus status, Balances b, PaymentCommand command) {
        return switch (command) {
            case PaymentCommand.Approve a -> {
                require(status == PENDING, "approve_not_allowed", "approve", status);
                yield a.amount() == 0 ? new Transition(CARD_VERIFIED, b) : new Transition(AUTHORIZED, Balances.authorized(a.amount()));
            }
            case PaymentCommand.Decline d -> {
                require(status == PENDING, "decline_not_allowed", "decline", status);
                yield new Transition(DECLINED, b);
            }
            case PaymentCommand.Capture c -> {
                require(CAPTURABLE.contains(status), "capture_not_allowed", "capture", status);
                requireAmount(c.amount(), b.uncaptured(), "capture_amount_exceeds_balance", "capture");
                Balances after = b.capture(c.amount(), c.finalCapture());
                yield new Transition(after.uncaptured() == 0 ? CAPTURED : PARTIALLY_CAPTURED, after);
            }
            case PaymentCommand.Void v -> {
                require(status == AUTHORIZED, "void_not_allowed", "void", status);
                yield new Transition(VOIDED, b.release());
            }
            case PaymentCommand.Refund r -> {
                require(REFUNDABLE.contains(status), "refund_not_allowed", "refund", status);
                requireAmount(r.amount(), b.refundable(), "refund_amount_exceeds_balance", "refund");
                Balances after = b.release().refund(r.amount());
                yield new Transition(after.refundable() == 0 ? REFUNDED : PARTIALLY_REFUNDED, after);
            }
            case PaymentCommand.Expire e -> {
                require(status == AUTHORIZED, "expire_not_allowed", "expire", status);
                yield new Transition(EXPIRED, b.release());
            }
        };
    }

    /** Whether a capture or void link should be offered in the current state. */
    public static boolean allows(PaymentStatus status, Balances b, PaymentCommand command) {
        try {
            apply(status, b, command);
            return true;
        } catch (dev.till.domain.ProblemException no) {
            return false;
        }
    }

    private static void require(boolean ok, String code, String action, PaymentStatus status) {
        if (!ok) {
            throw Problem.notAllowed(code, "Cannot " + action + " a payment whose status is " + status.wire() + ".").toException();
        }
    }

    private static void requireAmount(long amount, long available, String code, String action) {
        if (amount <= 0) throw Problem.invalid("amount_invalid", "amount", "The " + action + " amount must be positive.").toException();
        if (amount > available) {
            throw Problem.invalid(code, "amount", "The " + action + " amount " + amount + " is more than the "
                    + available + " available.").toException();
        }
    }
}
