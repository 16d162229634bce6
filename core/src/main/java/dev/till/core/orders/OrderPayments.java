package dev.till.core.orders;

import dev.till.core.payments.ActionResult;
import dev.till.core.payments.CustomerRef;
import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentRequest;
import dev.till.core.payments.PaymentSource;
import dev.till.core.payments.PaymentView;
import dev.till.core.payments.Payments;
import dev.till.core.payments.ReleaseBackoff;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Problem;
import dev.till.domain.orders.OrderCommand;
import dev.till.domain.orders.OrderMachine;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Order use cases that move money. An order's payment attempt IS a card payment: each call runs
 * the payments capability's use case inside the caller's transaction, then moves the order, so
 * the payment, the order and all their events commit together (or not at all). Thread-safe.
 */
public final class OrderPayments {
    private static final Logger log = LoggerFactory.getLogger(OrderPayments.class);

    private final Payments payments;
    private final OrderTransitions transitions;
    private final Clock clock;
    private final String publicUrl;

    public OrderPayments(Payments payments, OrderTransitions transitions, Clock clock, String publicUrl) {
        this.payments = payments;
        this.transitions = transitions;
        this.clock = clock;
        this.publicUrl = publicUrl;
    }

    /** What an attempt left behind: the order after it, and the payment (pending while 3-D Secure runs). */
    public record Attempt(Order order, PaymentView payment) {
        public Payment paymentRow() {
            return payment.payment();
        }
    }

    /** Where the 3-D Secure page sends the customer back: the payform, which then follows the order's redirects. */
    public String returnUrl(Order o) {
        return publicUrl + "/pay/" + o.merchantId() + "/" + o.id() + "/return";
    }

    public Attempt pay(Handle tx, String merchantId, String orderId, PaymentSource source) {
        OrderStore store = new OrderStore(tx);
        Order order = lock(tx, merchantId, orderId);
        order = transitions.apply(tx, order, new OrderCommand.StartAttempt(), null);
        if (store.countAttempt(merchantId, orderId, clock.instant()) != 1) {
            throw Problem.notAllowed("payment_attempts_exhausted", "Order " + orderId + " has used all its payment attempts.").toException();
        }
        PaymentView pv = payments.authorize(tx, merchantId, new PaymentRequest(source, order.amount(),
                CurrencyCode.of(order.currency()), order.reference() != null ? order.reference() : order.id(),
                order.description(), order.capture(), new CustomerRef(null, order.clientEmail(), order.clientName()),
                null, false, returnUrl(order), returnUrl(order), "Regular", Payment.PAYS_FOR_ORDER));
        // Recorded after authorize on purpose: the payment's own events fire inside authorize, and
        // the listener must leave this attempt to us. Later outcomes (3-D Secure) go to the listener.
        new OrderAttemptStore(tx).insert(merchantId, orderId, pv.payment().id(), "pending", clock.instant());
        Order after = decided(pv.payment()).flatMap(approved -> settle(tx, merchantId, pv.payment().id(), approved))
                .orElseGet(() -> store.find(merchantId, orderId).orElseThrow());
        return new Attempt(after, pv);
    }

    /** Whether the payment was approved or declined; empty while it is still pending (3-D Secure, network). */
    private static Optional<Boolean> decided(Payment p) {
        return switch (p.state()) {
            case AUTHORIZED, CAPTURED, PARTIALLY_CAPTURED, CARD_VERIFIED -> Optional.of(true);
            case DECLINED, CANCELED -> Optional.of(false);
            default -> Optional.empty();
        };
    }

    /**
     * Applies a payment's outcome to its order, once. Payments that are not order attempts, and
     * outcomes already applied, change nothing.
     */
    Optional<Order> settle(Handle tx, String merchantId, String paymentId, boolean approved) {
        String outcome = approved ? "approved" : "declined";
        OrderAttemptStore attempts = new OrderAttemptStore(tx);
        Optional<OrderAttempt> attempt = attempts.find(merchantId, paymentId);
        if (attempt.isEmpty() || attempts.settlePending(merchantId, paymentId, outcome) != 1) return Optional.empty();
        Order order = lock(tx, merchantId, attempt.get().orderId());
        // This attempt is settled by now, so a pending one is another attempt, which may still pay
        // the order. No attempt starts while the order is locked; one settling at the same time
        // waits for this lock and then sees this attempt settled, so the last one decides.
        OrderCommand command = approved ? new OrderCommand.AttemptApproved(order.capture() && captured(tx, merchantId, paymentId))
                : new OrderCommand.AttemptDeclined(order.lastAttempt(), attempts.anyPending(merchantId, order.id()));
        if (!OrderMachine.allows(order.state(), command)) {
            // A late outcome of an abandoned attempt, after another attempt settled the order. An
            // approval must not charge the customer twice; it is released by a job, outside this
            // transaction, because the payments capability may still capture it right after.
            if (approved) attempts.markSuperseded(merchantId, paymentId, clock.instant());
            log.info("payment {} {} for order {} that is already {}", paymentId, outcome, order.id(), order.status());
            return Optional.of(order);
        }
        return Optional.of(transitions.apply(tx, order, command, paymentId));
    }

    /**
     * Whether the approved payment of an order that asked for capture was captured. The capture
     * follows the approval in the same transaction, before the approval's event is recorded; a
     * capture the network declined leaves the funds authorized, so the order is held instead of
     * paid and the merchant captures or voids it.
     */
    private boolean captured(Handle tx, String merchantId, String paymentId) {
        return switch (payments.payment(tx, merchantId, paymentId).state()) {
            case CAPTURED, PARTIALLY_CAPTURED -> true;
            default -> false;
        };
    }

    /** The order's hosted page (which shows a paid order as its receipt) for a payment that is one of its attempts. */
    public Optional<String> receiptUrl(Handle tx, String merchantId, String paymentId) {
        return new OrderAttemptStore(tx).find(merchantId, paymentId)
                .map(a -> publicUrl + "/pay/" + merchantId + "/" + a.orderId());
    }

    /**
     * The release job's round: voids (or, once captured, refunds) superseded approvals, oldest
     * first, each in its own transaction, up to 20. A release the network declines is recorded
     * (its declined action and event) and the attempt waits ({@link ReleaseBackoff}); so does one
     * the ledger cannot cover yet, whose transaction rolls back. Either way it is not marked
     * released while its payment still holds money, and it does not hold back the later ones:
     * the oldest used to be claimed again every round.
     */
    public int releaseSupersededOnce(Jdbi jdbi) {
        int released = 0;
        for (int i = 0; i < 20; i++) {
            AtomicReference<SupersededAttempt> attempted = new AtomicReference<>();
            Release outcome;
            try {
                outcome = jdbi.inTransaction(tx -> releaseOne(tx, attempted));
            } catch (dev.till.domain.ProblemException notYet) {
                if (attempted.get() == null) throw notYet;
                Optional<Instant> retryOn = jdbi.inTransaction(tx -> new OrderAttemptStore(tx).markReleaseRetry(
                        attempted.get().merchantId(), attempted.get().paymentId(), clock.instant()));
                log.warn("could not release superseded order payment {} yet ({}); retrying at {}",
                        attempted.get().paymentId(), notYet.problem().codes(), retryOn.orElse(null));
                continue;
            }
            if (outcome == Release.NONE_DUE) break;
            if (outcome == Release.RELEASED) released++;
        }
        return released;
    }

    private enum Release { NONE_DUE, RELEASED, DECLINED }

    private Release releaseOne(Handle tx, AtomicReference<SupersededAttempt> attempted) {
        OrderAttemptStore attempts = new OrderAttemptStore(tx);
        Optional<SupersededAttempt> claimed = attempts.claimSuperseded(clock.instant());
        if (claimed.isEmpty()) return Release.NONE_DUE;
        SupersededAttempt a = claimed.get();
        attempted.set(a);
        if (payments.giveBack(tx, a.merchantId(), a.paymentId(), "superseded")) {
            Optional<Instant> retryOn = attempts.markReleaseRetry(a.merchantId(), a.paymentId(), clock.instant());
            log.warn("the network declined releasing superseded order payment {}; retrying at {}", a.paymentId(),
                    retryOn.orElse(null));
            return Release.DECLINED;
        }
        attempts.markReleased(a.merchantId(), a.paymentId(), clock.instant());
        return Release.RELEASED;
    }

    /**
     * The payments capability let a held order's authorization expire ({@code TILL_AUTH_EXPIRY},
     * 7 days by default, before the order's own 28 days): nothing is held any more, so the order
     * is cancelled now rather than left showing a hold that no longer exists.
     */
    void authorizationExpired(Handle tx, String merchantId, String paymentId) {
        Optional<OrderAttempt> attempt = new OrderAttemptStore(tx).find(merchantId, paymentId);
        if (attempt.isEmpty() || !attempt.get().paysOrder()) return; // a superseded payment holds nothing of the order's
        Order order = lock(tx, merchantId, attempt.get().orderId());
        if (order.state() == dev.till.domain.orders.OrderStatus.HOLD) {
            transitions.apply(tx, order, new OrderCommand.ReleaseHold(), paymentId);
        }
    }

    public Order capture(Handle tx, String merchantId, String orderId) {
        Order order = lock(tx, merchantId, orderId);
        OrderMachine.apply(order.state(), new OrderCommand.Capture());
        String paymentId = approvedPayment(tx, order);
        // A capture the network declines is recorded on the payment (payment_capture_declined)
        // and leaves the order held, to be captured again or voided.
        if (!payments.capture(tx, merchantId, paymentId, Optional.empty(), true, order.reference(), null).approved()) return order;
        return applyIfStillDue(tx, merchantId, orderId, new OrderCommand.Capture(), paymentId);
    }

    public Order voidHold(Handle tx, String merchantId, String orderId) {
        Order order = lock(tx, merchantId, orderId);
        OrderMachine.apply(order.state(), new OrderCommand.ReleaseHold());
        // Likewise a declined void: the funds are still held, so the order is not cancelled.
        if (!releaseHold(tx, order)) return order;
        return applyIfStillDue(tx, merchantId, orderId, new OrderCommand.ReleaseHold(), approvedPayment(tx, order));
    }

    /**
     * The 28-day job's step for one held order: give the funds back, then cancel the order. Seed
     * 001 cancels the order after 28 days whatever happens, so a void the network declines (it is
     * recorded on the payment) does not keep it held; the authorization expires on its own, as
     * the payments capability's expiry (TILL_AUTH_EXPIRY) assumes.
     */
    public void expireHold(Handle tx, Order order) {
        releaseHold(tx, order);
        applyIfStillDue(tx, order.merchantId(), order.id(), new OrderCommand.ReleaseHold(), null);
    }

    /**
     * A held order's payment was captured or voided through the payments API (not through
     * {@code /orders/{id}/capture|void}): the order follows, so it never shows a hold that is gone.
     * A superseded payment (voided or refunded by the release job) is not the one the order holds,
     * so its moves leave the order alone.
     */
    void heldPaymentMoved(Handle tx, String merchantId, String paymentId, OrderCommand command) {
        Optional<OrderAttempt> attempt = new OrderAttemptStore(tx).find(merchantId, paymentId);
        if (attempt.isEmpty() || !attempt.get().paysOrder()) return;
        Order order = lock(tx, merchantId, attempt.get().orderId());
        if (order.state() == dev.till.domain.orders.OrderStatus.HOLD && OrderMachine.allows(order.state(), command)) {
            transitions.apply(tx, order, command, paymentId);
        }
    }

    /** Applies the command unless the payment's own event already moved the order (see {@link #heldPaymentMoved}). */
    private Order applyIfStillDue(Handle tx, String merchantId, String orderId, OrderCommand command, String paymentId) {
        Order now = lock(tx, merchantId, orderId);
        return OrderMachine.allows(now.state(), command) ? transitions.apply(tx, now, command, paymentId) : now;
    }

    /**
     * Gives held funds back; false when the network declined the void, so they are still held. The
     * payments capability may already have expired the authorization (TILL_AUTH_EXPIRY): then
     * nothing is held any more and there is nothing to void.
     */
    private boolean releaseHold(Handle tx, Order order) {
        return !payments.giveBack(tx, order.merchantId(), approvedPayment(tx, order), order.reference());
    }

    /**
     * The order's payment was refunded through the payments API ({@code /payments/{id}/refunds}),
     * not through {@code /orders/{id}/refunds}: the order records that refund too, so its status
     * and {@code refunded_amount} agree with the payment, and a later order refund asks only for
     * what is left. The order's own refunds hold the order in {@code refund_initiated} while its
     * payment moves, and record their amount themselves; a superseded payment is not the order's.
     */
    void paymentRefunded(Handle tx, String merchantId, String paymentId) {
        Optional<OrderAttempt> attempt = new OrderAttemptStore(tx).find(merchantId, paymentId);
        if (attempt.isEmpty() || !attempt.get().paysOrder()) return;
        Order order = lock(tx, merchantId, attempt.get().orderId());
        if (order.state() == dev.till.domain.orders.OrderStatus.REFUND_INITIATED
                || !OrderMachine.allows(order.state(), new OrderCommand.RefundInitiated())) {
            return;
        }
        long unrecorded = payments.get(tx, merchantId, paymentId).payment().refunded() - order.refundedAmount();
        if (unrecorded <= 0) return;
        order = transitions.apply(tx, order, new OrderCommand.RefundInitiated(), paymentId);
        new OrderStore(tx).addRefunded(merchantId, order.id(), unrecorded, clock.instant());
        order = new OrderStore(tx).find(merchantId, order.id()).orElseThrow();
        transitions.apply(tx, order, new OrderCommand.RefundSucceeded(order.refundedAmount() == order.amount()), paymentId);
    }

    /** Refunds all that is left, or {@code amount}; a refund the network declines leaves refund_failed. */
    public Order refund(Handle tx, String merchantId, String orderId, Optional<Long> amount) {
        return refund(tx, merchantId, lock(tx, merchantId, orderId), amount);
    }

    /**
     * The same, asked of one of the order's payments (April's CreateRefund names a transaction):
     * refused unless that payment is the one that paid the order, so a declined, abandoned or
     * superseded attempt never refunds another attempt's money.
     */
    public Order refundPayment(Handle tx, String merchantId, String orderId, String paymentId, Optional<Long> amount) {
        Order order = lock(tx, merchantId, orderId);
        if (!new OrderAttemptStore(tx).latestApprovedPayment(merchantId, orderId).map(paymentId::equals).orElse(false)) {
            throw Problem.notAllowed("transaction_not_paid", "Payment " + paymentId + " did not pay order " + orderId
                    + ", so it has nothing to refund.").toException();
        }
        return refund(tx, merchantId, order, amount);
    }

    private Order refund(Handle tx, String merchantId, Order order, Optional<Long> amount) {
        String orderId = order.id();
        OrderMachine.apply(order.state(), new OrderCommand.RefundInitiated()); // the status speaks before the amount
        long left = order.amount() - order.refundedAmount();
        long wanted = amount.orElse(left);
        if (wanted <= 0 || wanted > left) {
            throw Problem.invalid("refund_amount_invalid", "amount",
                    "The refund must be from 1 to the " + left + " not yet refunded.").toException();
        }
        String paymentId = approvedPayment(tx, order);
        order = transitions.apply(tx, order, new OrderCommand.RefundInitiated(), paymentId);
        long before = payments.get(tx, merchantId, paymentId).payment().refunded();
        ActionResult result = payments.refund(tx, merchantId, paymentId, Optional.of(wanted), order.reference(), null);
        if (result.payment().payment().refunded() == before) {
            return transitions.apply(tx, order, new OrderCommand.RefundFailed(), paymentId);
        }
        new OrderStore(tx).addRefunded(merchantId, orderId, wanted, clock.instant());
        order = new OrderStore(tx).find(merchantId, orderId).orElseThrow();
        return transitions.apply(tx, order, new OrderCommand.RefundSucceeded(order.refundedAmount() == order.amount()), paymentId);
    }

    /** The attempt that was approved: an order is paid by at most one. */
    public String approvedPayment(Handle tx, Order order) {
        return new OrderAttemptStore(tx).latestApprovedPayment(order.merchantId(), order.id())
                .orElseThrow(() -> Problem.notAllowed("order_not_paid_by_card",
                        "Order " + order.id() + " has no approved card payment.").toException());
    }

    private static Order lock(Handle tx, String merchantId, String orderId) {
        return new OrderStore(tx).findForUpdate(merchantId, orderId)
                .orElseThrow(() -> Problem.notFound("order", orderId).toException());
    }
}
