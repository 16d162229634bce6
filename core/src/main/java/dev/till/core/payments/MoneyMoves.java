package dev.till.core.payments;

import dev.till.core.events.Events;
import dev.till.domain.Ids;
import dev.till.domain.ProblemException;
import dev.till.domain.payments.PaymentCommand;
import dev.till.domain.payments.PaymentMachine;
import dev.till.domain.payments.Transition;
import dev.till.processor.ActionOutcome;
import dev.till.processor.ActionRequest;
import dev.till.processor.Connector;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Captures, voids, refunds and expiries of a payment whose row the caller has locked, handed in as
 * a view with its card and customer. The state machine decides first (so a forbidden action never
 * reaches the network); the network's answer then either moves the balances (one version-guarded
 * UPDATE that returns the new row) or is recorded as a declined action. Thread-safe.
 */
final class MoneyMoves {
    private final Ids ids;
    private final Clock clock;
    private final Events events;
    private final Connector connector;
    private final RefundCover refundCover;

    MoneyMoves(Ids ids, Clock clock, Events events, Connector connector, RefundCover refundCover) {
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.connector = connector;
        this.refundCover = refundCover;
    }

    /** A capture or refund the machine allowed and the network answered, not yet written. */
    record Decided(Transition transition, PaymentAction action) {
        /** The payment as this move leaves it: unchanged when the network declined. */
        Payment applyTo(Payment p) {
            return action.approved() ? p.withState(p.version() + 1, transition.status().wire(), transition.balances()) : p;
        }
    }

    ActionResult capture(Handle tx, PaymentView before, long amount, boolean finalCapture, String reference, String metadata) {
        Payment p = before.payment();
        Decided d = decideCapture(p, ids.next("act_"), amount, finalCapture, reference, metadata);
        return finish(tx, before, write(tx, p, d), d.action(), "payment_captured", "payment_capture_declined");
    }

    /** Writes a capture or refund the network answered, without its event: the payment as it leaves it. */
    Payment write(Handle tx, Payment p, Decided d) {
        return writeMoves(tx, List.of(p), List.of(d)).getFirst();
    }

    /**
     * Writes captures and refunds the network answered, of distinct payments the caller has locked
     * (a group's, see PaymentGroups): the approved ones change their payments, with their actions,
     * in one statement; the declined ones record only their actions, in another. Records no event.
     * Returns each payment as its move left it (unchanged when declined), in order.
     */
    List<Payment> writeMoves(Handle tx, List<Payment> before, List<Decided> decided) {
        List<PaymentStore.Move> approved = new ArrayList<>();
        List<PaymentAction> declined = new ArrayList<>();
        for (int i = 0; i < before.size(); i++) {
            Decided d = decided.get(i);
            Transition t = d.transition();
            if (d.action().approved()) approved.add(new PaymentStore.Move(before.get(i), t.status().wire(), t.balances(), d.action()));
            else declined.add(d.action());
        }
        PaymentStore store = store(tx);
        Iterator<Payment> moved = approved.isEmpty() ? Collections.emptyIterator() : store.markMovedAll(approved).iterator();
        if (!declined.isEmpty()) store.insertActions(declined);
        List<Payment> after = new ArrayList<>(before.size());
        for (int i = 0; i < before.size(); i++) {
            after.add(decided.get(i).action().approved() ? Payments.written(Optional.ofNullable(moved.next())) : before.get(i));
        }
        return after;
    }

    /**
     * Asks the network to capture, under {@code actionId}, which the caller mints: a group mints it
     * when the request arrives, so that a rerun asks under the id its first try asked with (see
     * PaymentGroups).
     */
    Decided decideCapture(Payment p, String actionId, long amount, boolean finalCapture, String reference, String metadata) {
        Objects.requireNonNull(actionId, "a capture's action id");
        Transition t = PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Capture(amount, finalCapture));
        ActionOutcome outcome = connector.capture(new ActionRequest(p.id(), actionId, p.networkReference(), amount, p.currency()));
        return new Decided(t, action(p, actionId, "Capture", amount, outcome, reference, metadata));
    }

    /** The capture's event, for a caller that records it with others; {@code after} is the row as the capture left it. */
    static Events.Occurrence captureEvent(PaymentView before, Payment after, PaymentAction action) {
        return event(before, after, action, "payment_captured", "payment_capture_declined");
    }

    ActionResult voidPayment(Handle tx, PaymentView before, String reference, String metadata) {
        Payment p = before.payment();
        Transition t = PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Void());
        long amount = p.balances().uncaptured();
        String actionId = ids.next("act_");
        ActionOutcome outcome = connector.voidAuthorization(new ActionRequest(p.id(), actionId, p.networkReference(), amount, p.currency()));
        PaymentAction action = action(p, actionId, "Void", amount, outcome, reference, metadata);
        Payment after = move(tx, p, action, store -> store.markVoided(p.merchantId(), p.id(), p.version(),
                t.balances().released(), action));
        return finish(tx, before, after, action, "payment_voided", "payment_void_declined");
    }

    ActionResult refund(Handle tx, PaymentView before, long amount, String reference, String metadata) {
        Payment p = before.payment();
        Transition t = allowRefund(p, amount);
        refundCover.confirm(tx, new RefundCover.Asked(p.merchantId(), p.id(), p.currency(), amount)); // before the network
        Decided d = answerRefund(p, t, amount, reference, metadata);
        return finish(tx, before, write(tx, p, d), d.action(), "payment_refunded", "payment_refund_declined");
    }

    /** Refunds about to be asked of the network, confirmed together (see {@link RefundCover#confirmAll}). */
    List<Optional<ProblemException>> coverRefunds(Handle tx, List<RefundCover.Asked> refunds) {
        return refundCover.confirmAll(tx, refunds);
    }

    /** The state machine's refund; throws when the payment cannot be refunded by {@code amount}. */
    static Transition allowRefund(Payment p, long amount) {
        return PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Refund(amount));
    }

    /** The network's answer to a refund the machine allowed and {@link RefundCover} confirmed. */
    Decided answerRefund(Payment p, Transition t, long amount, String reference, String metadata) {
        String actionId = ids.next("act_");
        ActionOutcome outcome = connector.refund(new ActionRequest(p.id(), actionId, p.networkReference(), amount, p.currency()));
        return new Decided(t, action(p, actionId, "Refund", amount, outcome, reference, metadata));
    }

    /** The refund's event, for a caller that records it with others; {@code after} is the row as the refund left it. */
    static Events.Occurrence refundEvent(PaymentView before, Payment after, PaymentAction action) {
        return event(before, after, action, "payment_refunded", "payment_refund_declined");
    }

    /**
     * An authorization nobody captured in time: Till voids it at the network and marks it Expired
     * whatever the network says, since the issuer lets the hold lapse on its own anyway.
     */
    void expire(Handle tx, PaymentView before) {
        Payment p = before.payment();
        Transition t = PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Expire());
        long amount = p.balances().uncaptured();
        String actionId = ids.next("act_");
        ActionOutcome outcome = connector.voidAuthorization(new ActionRequest(p.id(), actionId, p.networkReference(), amount, p.currency()));
        PaymentAction action = action(p, actionId, "Void", amount, outcome, null, null);
        Payment after = Payments.written(store(tx).markExpired(p.merchantId(), p.id(), p.version(), t.balances().released(), action));
        finish(tx, before, after, action, "payment_expired", "payment_expired");
    }

    /**
     * The move itself: an approved action changes the payment and records the action in one
     * statement; a declined one only records the action.
     */
    private static Payment move(Handle tx, Payment p, PaymentAction action, Function<PaymentStore, Optional<Payment>> change) {
        if (action.approved()) return Payments.written(change.apply(store(tx)));
        store(tx).insertActions(List.of(action));
        return p;
    }

    /**
     * Records the event. {@code after} is the row as the move left it (the same row when the
     * network declined); the card and customer come from {@code before}, since a money move
     * changes neither.
     */
    private ActionResult finish(Handle tx, PaymentView before, Payment after, PaymentAction action, String approvedEvent,
                                String declinedEvent) {
        Payment p = before.payment();
        Events.Occurrence event = event(before, after, action, approvedEvent, declinedEvent);
        events.record(tx, p.merchantId(), p.id(), List.of(event));
        return new ActionResult(action.id(), action.reference(), action.approved(),
                new PaymentView(after, before.source(), before.customer()));
    }

    private static Events.Occurrence event(PaymentView before, Payment after, PaymentAction action, String approvedEvent,
                                           String declinedEvent) {
        PaymentView view = new PaymentView(after, before.source(), before.customer());
        return new Events.Occurrence(action.approved() ? approvedEvent : declinedEvent, PaymentSnapshot.of(view, action));
    }

    private PaymentAction action(Payment p, String actionId, String type, long amount, ActionOutcome outcome, String reference,
                                 String metadata) {
        return switch (outcome) {
            case ActionOutcome.Approved a -> action(p, actionId, type, amount, true, null, "10000", "Approved", reference, metadata);
            case ActionOutcome.Declined d -> action(p, actionId, type, amount, false, null, d.responseCode(), d.responseSummary(),
                    reference, metadata);
        };
    }

    /** An action as it will be stored (its sequence number is assigned by the insert). */
    PaymentAction action(Payment p, String id, String type, long amount, boolean approved, String authCode, String code,
                         String summary, String reference, String metadata) {
        return new PaymentAction(id, p.merchantId(), p.id(), type, amount, approved, authCode, code, summary, reference,
                metadata, clock.instant(), 0);
    }

    private static PaymentStore store(Handle tx) {
        return new PaymentStore(tx);
    }
}
