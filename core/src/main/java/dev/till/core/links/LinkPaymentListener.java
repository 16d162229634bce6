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
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Moves a link when its payment is decided, inside the transaction that decided it: whether the
 * answer came at once, after 3-D Secure, or from the reconciler. An authorization for a link that
 * was canceled or expired meanwhile, or that lands past {@code expires_on} before the expiry job
 * came by (the link is expired here then), is marked for release; the release job voids it (it
 * cannot be voided here, since the payments core is still settling the payment in this transaction).
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
        if (!event.type().equals("payment_approved") && !event.type().equals("payment_declined")) return;
        if (!event.objectId().startsWith("pay_")) return;
        // Most payments belong to no link; the payment says so itself. (A payment event recorded
        // without a PaymentSnapshot, which the payments core never does, is looked up as before.)
        if (snapshot instanceof PaymentSnapshot p && !Payment.PAYS_FOR_LINK.equals(p.paysFor())) return;
        PaymentLinkStore store = new PaymentLinkStore(tx);
        var found = store.findByPaymentForUpdate(event.merchantId(), event.objectId());
        if (found.isEmpty()) return;
        PaymentLink link = found.get();
        Instant now = clock.instant();
        LinkCommand command = event.type().equals("payment_approved")
                ? new LinkCommand.Authorized(!now.isBefore(link.expiresOn())) : new LinkCommand.Declined();
        LinkTransition t = LinkMachine.apply(link.state(), command);
        String merchantId = link.merchantId();
        if (t.releaseAuthorization()) {
            // Past expires_on before the expiry job came by: expire the link now, as the job would.
            if (t.changed()) link = LinkJobs.expire(tx, events, link, now);
            PaymentLinks.written(store.markReleaseDue(merchantId, link.id(), link.version(), now));
        } else if (t.newAttempt()) {
            PaymentLinks.written(store.markAttemptDeclined(merchantId, link.id(), link.version(), ids.next("pay_")));
        } else if (t.changed()) {
            PaymentLinks.written(store.markCompleted(merchantId, link.id(), link.version(), clock.instant()));
            PaymentLink completed = store.find(merchantId, link.id()).orElseThrow();
            events.record(tx, merchantId, "payment_link.completed", link.id(), PaymentLinkSnapshot.of(completed));
        }
    }
}
