package dev.till.core.links;

import dev.till.core.events.Event;
import dev.till.core.events.Events;
import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentSnapshot;
import dev.till.domain.Ids;
import dev.till.domain.links.LinkCommand;
import dev.till.domain.links.LinkMachine;
import dev.till.domain.links.LinkTransition;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Moves a link when its payment is decided, inside the transaction that decided it: whether the
 * answer came at once, after 3-D Secure, or from the reconciler. An authorization for a link that
 * was canceled or expired meanwhile is marked for release; the release job voids it (it cannot
 * be voided here, since the payments core is still settling the payment in this transaction).
 * A payment that was not created for a link ({@link Payment#paysFor()}) returns without a query.
 * Thread-safe.
 */
public final class LinkPaymentListener implements Events.Listener {
    private final Ids ids;
    private final Clock clock;
    private final Events events;

    public LinkPaymentListener(Ids ids, Clock clock, Events events) {
        this.ids = ids;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public void recorded(Handle tx, Event event, Object snapshot) {
        LinkCommand command = switch (event.type()) {
            case "payment_approved" -> new LinkCommand.Authorized();
            case "payment_declined" -> new LinkCommand.Declined();
            default -> null;
        };
        if (command == null || !event.objectId().startsWith("pay_")) return;
        // Most payments belong to no link; the payment says so itself. (A payment event recorded
        // without a PaymentSnapshot, which the payments core never does, is looked up as before.)
        if (snapshot instanceof PaymentSnapshot p && !Payment.PAYS_FOR_LINK.equals(p.paysFor())) return;
        PaymentLinkStore store = new PaymentLinkStore(tx);
        var found = store.findByPaymentForUpdate(event.merchantId(), event.objectId());
        if (found.isEmpty()) return;
        PaymentLink link = found.get();
        LinkTransition t = LinkMachine.apply(link.state(), command);
        String merchantId = link.merchantId();
        if (t.releaseAuthorization()) {
            PaymentLinks.written(store.markReleaseDue(merchantId, link.id(), link.version(), clock.instant()));
        } else if (t.newAttempt()) {
            PaymentLinks.written(store.markAttemptDeclined(merchantId, link.id(), link.version(), ids.next("pay_")));
        } else if (t.changed()) {
            PaymentLinks.written(store.markCompleted(merchantId, link.id(), link.version(), clock.instant()));
            PaymentLink completed = store.find(merchantId, link.id()).orElseThrow();
            events.record(tx, merchantId, "payment_link.completed", link.id(), PaymentLinkSnapshot.of(completed));
        }
    }
}
