package dev.till.core.links;

import dev.till.core.events.Events;
import dev.till.core.payments.Payments;
import dev.till.core.payments.ReleaseBackoff;
import dev.till.domain.Problem;
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
     * the merchant captured meanwhile) is refunded. Each step records its payment event. When
     * the network declines the release, or the ledger cannot refund yet (a fresh capture is still
     * pending), the link is tried again in five minutes: nothing is left authorized for good.
     */
    public int releaseOnce() {
        int released = 0;
        for (int i = 0; i < 20; i++) {
            Optional<PaymentLink> claimed;
            AtomicReference<PaymentLink> attempted = new AtomicReference<>();
            try {
                claimed = jdbi.inTransaction(tx -> releaseOne(tx, attempted));
            } catch (ProblemException refused) {
                // E.g. the ledger holds a fresh capture as pending, so it cannot be refunded yet.
                // The failed attempt rolled back whole; the link is tried again later.
                Optional<Instant> retryOn = retryLater(attempted.get());
                log.info("payment link {} release refused ({}); retrying at {}", attempted.get().id(),
                        refused.problem().codes(), retryOn.orElse(null));
                continue;
            }
            if (claimed.isEmpty()) break;
            released++;
        }
        return released;
    }

    /** One link in one transaction, so a refusal rolls back that link's release alone. */
    private Optional<PaymentLink> releaseOne(Handle tx, AtomicReference<PaymentLink> attempted) {
        PaymentLinkStore store = new PaymentLinkStore(tx);
        Instant now = clock.instant();
        List<PaymentLink> due = store.claimDueToRelease(now, 1);
        if (due.isEmpty()) return Optional.empty();
        PaymentLink link = due.getFirst();
        attempted.set(link);
        String merchantId = link.merchantId();
        if (payments.giveBack(tx, merchantId, link.paymentId(), "release " + link.id())) {
            throw Problem.notAllowed("release_declined", "The network declined the release.").toException();
        }
        PaymentLinks.written(store.markReleased(merchantId, link.id(), link.version(), now));
        return Optional.of(link);
    }

    private Optional<Instant> retryLater(PaymentLink attempted) {
        return jdbi.inTransaction(tx -> {
            PaymentLinkStore store = new PaymentLinkStore(tx);
            return store.findForUpdate(attempted.merchantId(), attempted.id())
                    .flatMap(link -> store.markReleaseRetry(link.merchantId(), link.id(), link.version(), clock.instant()));
        });
    }
}
