package dev.till.core.payments;

import dev.till.core.events.Events;
import dev.till.domain.Ids;
import dev.till.domain.payments.PaymentCommand;
import dev.till.domain.payments.PaymentMachine;
import dev.till.domain.payments.Transition;
import dev.till.processor.ActionOutcome;
import dev.till.processor.ActionRequest;
import dev.till.processor.Connector;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Captures, voids, refunds and expiries of a payment whose row the caller has locked. The state
 * machine decides first (so a forbidden action never reaches the network); the network's answer
 * then either moves the balances (one version-guarded UPDATE) or is recorded as a declined action.
 * Thread-safe.
 */
final class MoneyMoves {
    private final Ids ids;
    private final Clock clock;
    private final Events events;
    private final Connector connector;
    private final Payments payments;

    MoneyMoves(Ids ids, Clock clock, Events events, Connector connector, Payments payments) {
        this.ids = ids;
        this.clock = clock;
        this.events = events;
        this.connector = connector;
        this.payments = payments;
    }

    ActionResult capture(Handle tx, Payment p, long amount, boolean finalCapture, String reference, String metadata) {
        Transition t = PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Capture(amount, finalCapture));
        String actionId = ids.next("act_");
        ActionOutcome outcome = connector.capture(new ActionRequest(p.id(), actionId, p.networkReference(), amount, p.currency()));
        if (outcome instanceof ActionOutcome.Approved) {
            Payments.written(store(tx).markCaptured(p.merchantId(), p.id(), p.version(), t.status().wire(),
                    t.balances().captured(), t.balances().released()));
        }
        return finish(tx, p, actionId, "Capture", amount, outcome, reference, metadata, "payment_captured", "payment_capture_declined");
    }

    ActionResult voidPayment(Handle tx, Payment p, String reference, String metadata) {
        Transition t = PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Void());
        long amount = p.balances().uncaptured();
        String actionId = ids.next("act_");
        ActionOutcome outcome = connector.voidAuthorization(new ActionRequest(p.id(), actionId, p.networkReference(), amount, p.currency()));
        if (outcome instanceof ActionOutcome.Approved) {
            Payments.written(store(tx).markVoided(p.merchantId(), p.id(), p.version(), t.balances().released()));
        }
        return finish(tx, p, actionId, "Void", amount, outcome, reference, metadata, "payment_voided", "payment_void_declined");
    }

    ActionResult refund(Handle tx, Payment p, long amount, String reference, String metadata) {
        Transition t = PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Refund(amount));
        String actionId = ids.next("act_");
        ActionOutcome outcome = connector.refund(new ActionRequest(p.id(), actionId, p.networkReference(), amount, p.currency()));
        if (outcome instanceof ActionOutcome.Approved) {
            Payments.written(store(tx).markRefunded(p.merchantId(), p.id(), p.version(), t.status().wire(),
                    t.balances().refunded(), t.balances().released()));
        }
        return finish(tx, p, actionId, "Refund", amount, outcome, reference, metadata, "payment_refunded", "payment_refund_declined");
    }

    /**
     * An authorization nobody captured in time: Till voids it at the network and marks it Expired
     * whatever the network says, since the issuer lets the hold lapse on its own anyway.
     */
    void expire(Handle tx, Payment p) {
        Transition t = PaymentMachine.apply(p.state(), p.balances(), new PaymentCommand.Expire());
        long amount = p.balances().uncaptured();
        String actionId = ids.next("act_");
        ActionOutcome outcome = connector.voidAuthorization(new ActionRequest(p.id(), actionId, p.networkReference(), amount, p.currency()));
        Payments.written(store(tx).markExpired(p.merchantId(), p.id(), p.version(), t.balances().released()));
        finish(tx, p, actionId, "Void", amount, outcome, null, null, "payment_expired", "payment_expired");
    }

    private ActionResult finish(Handle tx, Payment p, String actionId, String type, long amount, ActionOutcome outcome,
                                String reference, String metadata, String approvedEvent, String declinedEvent) {
        PaymentAction action = switch (outcome) {
            case ActionOutcome.Approved a -> recordAction(tx, p, actionId, type, amount, true, null, "10000", "Approved", reference, metadata);
            case ActionOutcome.Declined d -> recordAction(tx, p, actionId, type, amount, false, null, d.responseCode(),
                    d.responseSummary(), reference, metadata);
        };
        PaymentView after = payments.view(tx, payments.lock(tx, p.merchantId(), p.id()));
        events.record(tx, p.merchantId(), action.approved() ? approvedEvent : declinedEvent, p.id(), PaymentSnapshot.of(after, action));
        return new ActionResult(actionId, reference, after);
    }

    PaymentAction recordAction(Handle tx, Payment p, String id, String type, long amount, boolean approved, String authCode,
                               String code, String summary, String reference, String metadata) {
        PaymentAction action = new PaymentAction(id, p.merchantId(), p.id(), type, amount, approved, authCode, code, summary,
                reference, metadata, clock.instant(), 0);
        store(tx).insertAction(action);
        return action;
    }

    private static PaymentStore store(Handle tx) {
        return tx.attach(PaymentStore.class);
    }
}
