package dev.till.core.links;

import dev.till.core.events.Events;
import dev.till.core.payments.Payments;
import dev.till.core.payments.ReleaseBackoff;
import dev.till.domain.ProblemException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment links' background jobs. Both claim rows with {@code FOR UPDATE SKIP LOCKED}, so
 * several nodes can run them at once without doing anything twice. Thread-safe.
 */
public final class LinkJobs {
    private static final Logger log = LoggerFactory.getLogger(LinkJobs.class);
    public static final String EXPIRE = "payment-links-expire";
    public static final String RELEASE = "payment-links-release";

    private final Jdbi jdbi;
    private final Clock clock;
    private final Events events;
    private final Payments payments;

    public LinkJobs(Jdbi jdbi, Clock clock, Events events, Payments payments) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.events = events;
        this.payments = payments;
    }

    /** Expires active links past {@code expires_on}; their pages then say so and take no card. */
    public int expireOnce() {
        return jdbi.inTransaction(tx -> {
            PaymentLinkStore store = new PaymentLinkStore(tx);
            List<PaymentLink> due = store.claimDueToExpire(clock.instant(), 50);
            for (PaymentLink link : due) expire(tx, events, link, clock.instant());
            return due.size();
        });
    }

    /** Marks one active link (locked by the caller, past {@code expires_on}) expired and records it. */
    static PaymentLink expire(Handle tx, Events events, PaymentLink link, Instant now) {
        PaymentLinkStore store = new PaymentLinkStore(tx);
        PaymentLinks.written(store.markExpired(link.merchantId(), link.id(), link.version(), now));
        PaymentLink expired = store.find(link.merchantId(), link.id()).orElseThrow();
        events.record(tx, link.merchantId(), "payment_link.expired", link.id(), PaymentLinkSnapshot.of(expired));
        return expired;
    }

    /**
     * Payer's race: the cancel (or the expiry) came while the customer was inside 3-D Secure,
     * and the authorization went through afterwards. The link stays canceled and the money is
     * released: an authorization is voided; a payment the link asked to capture at once (or that
     * the merchant captured meanwhile) is refunded. Each step records its payment event. A
     * release the network declines is recorded (its declined action and event), as the order
     * job's is; that link, and one whose refund the ledger cannot cover yet (a fresh capture is
     * still pending; its transaction rolls back), waits ({@link ReleaseBackoff}) and is tried
     * again: nothing is left authorized for good.
     */
    public int releaseOnce() {
        int released = 0;
        for (int i = 0; i < 20; i++) {
            Release outcome;
            AtomicReference<PaymentLink> attempted = new AtomicReference<>();
            try {
                outcome = jdbi.inTransaction(tx -> releaseOne(tx, attempted));
            } catch (ProblemException refused) {
                if (attempted.get() == null) throw refused;
                Optional<Instant> retryOn = retryLater(attempted.get());
                log.info("payment link {} release refused ({}); retrying at {}", attempted.get().id(),
                        refused.problem().codes(), retryOn.orElse(null));
                continue;
            }
            if (outcome == Release.NONE_DUE) break;
            if (outcome == Release.RELEASED) released++;
        }
        return released;
    }

    private enum Release { NONE_DUE, RELEASED, DECLINED }

    /** One link in one transaction, so a refusal rolls back that link's release alone. */
    private Release releaseOne(Handle tx, AtomicReference<PaymentLink> attempted) {
        PaymentLinkStore store = new PaymentLinkStore(tx);
        Instant now = clock.instant();
        List<PaymentLink> due = store.claimDueToRelease(now, 1);
        if (due.isEmpty()) return Release.NONE_DUE;
        PaymentLink link = due.getFirst();
        attempted.set(link);
        if (payments.giveBack(tx, link.merchantId(), link.paymentId(), "release " + link.id())) {
            // Still under the claim's lock, and the declined action leaves the link's version alone,
            // so a miss is a bug, as in markReleased below.
            Instant retryOn = store.markReleaseRetry(link.merchantId(), link.id(), link.version(), now)
                    .orElseThrow(() -> new IllegalStateException("a guarded payment link update matched 0 rows"));
            log.info("the network declined releasing payment link {}'s payment {}; retrying at {}", link.id(),
                    link.paymentId(), retryOn);
            return Release.DECLINED;
        }
        PaymentLinks.written(store.markReleased(link.merchantId(), link.id(), link.version(), now));
        return Release.RELEASED;
    }

    /** After a rolled-back attempt: locks the link again, in a fresh transaction, before it waits. */
    private Optional<Instant> retryLater(PaymentLink attempted) {
        return jdbi.inTransaction(tx -> {
            PaymentLinkStore store = new PaymentLinkStore(tx);
            return store.findForUpdate(attempted.merchantId(), attempted.id())
                    .flatMap(link -> store.markReleaseRetry(link.merchantId(), link.id(), link.version(), clock.instant()));
        });
    }
}
