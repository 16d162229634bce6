package dev.till.core.links;

import dev.till.core.events.Events;
import dev.till.core.payments.Payments;
import dev.till.domain.payments.PaymentStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The payment links' background jobs. Both claim rows with {@code FOR UPDATE SKIP LOCKED}, so
 * several nodes can run them at once without doing anything twice. Thread-safe.
 */
public final class LinkJobs {
    public static final String EXPIRE = "payment-links-expire";
    public static final String RELEASE = "payment-links-release";
    private static final Duration RETRY = Duration.ofMinutes(5);

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
            PaymentLinkStore store = tx.attach(PaymentLinkStore.class);
            List<PaymentLink> due = store.claimDueToExpire(clock.instant(), 50);
            for (PaymentLink link : due) {
                PaymentLinks.written(store.markExpired(link.merchantId(), link.id(), link.version(), clock.instant()));
                PaymentLink expired = store.find(link.merchantId(), link.id()).orElseThrow();
                events.record(tx, link.merchantId(), "payment_link.expired", link.id(), PaymentLinkSnapshot.of(expired));
            }
            return due.size();
        });
    }

    /**
     * Payer's race: the cancel (or the expiry) came while the customer was inside 3-D Secure,
     * and the authorization went through afterwards. The link stays canceled and the money is
     * released: an authorization is voided; a payment the link asked to capture at once (or that
     * the merchant captured meanwhile) is refunded. Each step records its payment event. When
     * the network declines the release, the link is tried again in five minutes: nothing is left
     * authorized for good.
     */
    public int releaseOnce() {
        return jdbi.inTransaction(tx -> {
            PaymentLinkStore store = tx.attach(PaymentLinkStore.class);
            Instant now = clock.instant();
            List<PaymentLink> due = store.claimDueToRelease(now, 20);
            int released = 0;
            for (PaymentLink link : due) {
                String merchantId = link.merchantId();
                String reference = "release " + link.id();
                switch (payments.get(tx, merchantId, link.paymentId()).payment().state()) {
                    case AUTHORIZED -> payments.voidPayment(tx, merchantId, link.paymentId(), reference, null);
                    case PARTIALLY_CAPTURED, CAPTURED, PARTIALLY_REFUNDED ->
                            payments.refund(tx, merchantId, link.paymentId(), Optional.empty(), reference, null);
                    default -> { } // voided, refunded or expired already: nothing is held
                }
                if (holdsMoney(payments.get(tx, merchantId, link.paymentId()).payment().state())) {
                    PaymentLinks.written(store.markReleaseRetry(merchantId, link.id(), link.version(), now.plus(RETRY)));
                } else {
                    PaymentLinks.written(store.markReleased(merchantId, link.id(), link.version(), now));
                    released++;
                }
            }
            return released;
        });
    }

    private static boolean holdsMoney(PaymentStatus s) {
        return switch (s) {
            case AUTHORIZED, PARTIALLY_CAPTURED, CAPTURED, PARTIALLY_REFUNDED -> true;
            case PENDING, CARD_VERIFIED, DECLINED, VOIDED, REFUNDED, CANCELED, EXPIRED -> false;
        };
    }
}
