package dev.till.core.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.jobs.BackgroundJobs;
import dev.till.domain.Ids;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The delivery job. A round leases due deliveries in small batches ({@code FOR UPDATE SKIP LOCKED},
 * so several nodes share the work and never hold the same delivery at once), sends each on its own
 * virtual thread, and writes every attempt back as a row together with the delivery's next state.
 * A round keeps claiming while work keeps coming, for up to {@link #ROUND}; it never waits for a
 * slow receiver, so a hanging endpoint (bounded by the per-endpoint lease count) cannot hold back
 * the others. A node that dies mid-send leaves only leases, which lapse and make the deliveries due
 * again: delivery is at least once.
 * <p>
 * A round returns the deliveries it claimed plus those still in flight, so
 * {@code BackgroundJobs.runNow} keeps going until every send has finished and been recorded.
 * Thread-safe.
 */
public final class DeliveryWorker implements BackgroundJobs.Job {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    static final Duration ROUND = Duration.ofSeconds(1);

    private final Jdbi jdbi;
    private final Ids ids;
    private final Clock clock;
    private final WebhookSettings settings;
    private final RetrySchedule schedule;
    private final WebhookSecrets secrets;
    private final SsrfGuard guard;
    private final WebhookSender sender;
    private final ObjectMapper json;
    private final String publicUrl;
    private final ExecutorService sends = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Semaphore finished = new Semaphore(0);

    public DeliveryWorker(Jdbi jdbi, Ids ids, Clock clock, WebhookSettings settings, RetrySchedule schedule,
                          WebhookSecrets secrets, SsrfGuard guard, WebhookSender sender, ObjectMapper json, String publicUrl) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.clock = clock;
        this.settings = settings;
        this.schedule = schedule;
        this.secrets = secrets;
        this.guard = guard;
        this.sender = sender;
        this.json = json;
        this.publicUrl = publicUrl;
    }

    @Override
    public int runOnce() {
        long deadline = System.nanoTime() + ROUND.toNanos();
        int handled = 0;
        while (true) {
            int room = settings.maxInFlight() - inFlight.get();
            int claimed = room > 0 ? claimAndDispatch(Math.min(room, settings.batchSize())) : 0;
            handled += claimed;
            if (claimed == 0) {
                if (inFlight.get() == 0) return handled;
                awaitAnySend();
            }
            if (System.nanoTime() > deadline) return handled + inFlight.get();
        }
    }

    private int claimAndDispatch(int limit) {
        Instant now = clock.instant();
        String token = ids.next("lease_");
        List<ClaimedDelivery> claimed = jdbi.withHandle(h -> new DeliveryStore(h).claimDue(now,
                now.plus(settings.lease()), token, limit, settings.perEndpoint()));
        for (ClaimedDelivery d : claimed) {
            inFlight.incrementAndGet();
            sends.execute(() -> {
                try {
                    deliver(d, token);
                } catch (RuntimeException e) {
                    // The lease lapses and the delivery becomes due again; nothing is lost.
                    log.warn("webhook delivery of {} to {} could not be recorded; it will be retried",
                            d.eventId(), d.endpointId(), e);
                } finally {
                    inFlight.decrementAndGet();
                    finished.release();
                }
            });
        }
        return claimed.size();
    }

    private void awaitAnySend() {
        try {
            if (finished.tryAcquire(20, TimeUnit.MILLISECONDS)) finished.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliver(ClaimedDelivery d, String token) {
        Instant attemptedOn = clock.instant();
        URI url = URI.create(d.url());
        byte[] body = body(d);
        AttemptResult result = guard.refusal(url).map(AttemptResult::refused)
                .orElseGet(() -> sender.send(url, headers(d.headers()), signedHeaders(d, attemptedOn, body), body));
        record(d, token, attemptedOn, result);
    }

    private byte[] body(ClaimedDelivery d) {
        try {
            return json.writeValueAsBytes(WebhookPayload.of(publicUrl, d.eventId(), d.eventType(), d.eventCreatedOn(), d.data()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot render the payload of " + d.eventId(), e);
        }
    }

    private Map<String, String> signedHeaders(ClaimedDelivery d, Instant attemptedOn, byte[] body) {
        List<String> valid = new ArrayList<>(2);
        valid.add(secrets.open(d.endpointId(), d.secret()));
        if (d.previousSecret() != null && d.previousSecretExpiresOn() != null && attemptedOn.isBefore(d.previousSecretExpiresOn())) {
            valid.add(secrets.open(d.endpointId(), d.previousSecret()));
        }
        long timestamp = attemptedOn.getEpochSecond();
        var signatures = WebhookSigner.sign(valid, d.eventId(), timestamp, body);
        return Map.of("webhook-id", d.eventId(), "webhook-timestamp", Long.toString(timestamp),
                "webhook-signature", signatures.standard(), "Cko-Signature", signatures.cko());
    }

    private Map<String, String> headers(String headersJson) {
        try {
            return json.readValue(headersJson, new TypeReference<Map<String, String>>() {});
        } catch (Exception e) {
            throw new IllegalStateException("stored headers are not a JSON object", e);
        }
    }

    /**
     * One statement: the attempt row with the delivery's next state. A 410 also disables the
     * endpoint, so that case alone takes a transaction of two statements.
     */
    private void record(ClaimedDelivery d, String token, Instant attemptedOn, AttemptResult r) {
        Instant now = clock.instant();
        boolean gone = r.statusCode() != null && r.statusCode() == 410;
        Optional<Duration> notBefore = r.statusCode() != null && (r.statusCode() == 429 || r.statusCode() == 503)
                ? r.retryAfter() : Optional.empty();
        Optional<Instant> next = r.succeeded() ? Optional.empty()
                : schedule.next(d.roundAttempts() + 1, d.scheduleStart(), attemptedOn, notBefore);
        String outcome = r.succeeded() ? "succeeded" : next.isEmpty() ? "failed" : gone ? "paused" : "retrying";
        DeliveryAttempt attempt = new DeliveryAttempt(ids.next("wha_"), d.merchantId(), d.eventId(), d.endpointId(),
                d.attempts() + 1, attemptedOn, outcome, r.statusCode(), r.latencyMs(), r.error(), r.excerpt());
        if (!gone) {
            jdbi.useHandle(h -> {
                DeliveryStore store = new DeliveryStore(h);
                switch (outcome) {
                    case "succeeded" -> store.recordSuccess(attempt, token, now);
                    case "failed" -> store.recordFailure(attempt, token, now);
                    default -> store.recordRetry(attempt, token, next.get(), now);
                }
            });
            return;
        }
        jdbi.useTransaction(tx -> {
            DeliveryStore store = new DeliveryStore(tx);
            if (outcome.equals("failed")) store.recordFailure(attempt, token, now);
            else store.recordRetry(attempt, token, next.get(), now);
            new WebhookEndpointStore(tx).disable(d.merchantId(), d.endpointId(), "gone", now);
        });
    }
}
