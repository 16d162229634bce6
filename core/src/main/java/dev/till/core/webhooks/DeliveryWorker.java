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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * the others. Attempts are written back in batches (see {@link #record}). A node that dies
 * mid-send leaves only leases, which lapse and make the deliveries due again: delivery is at
 * least once.
 * <p>
 * A round returns the deliveries it claimed plus those still in flight, so
 * {@code BackgroundJobs.runNow} keeps going until every send has finished and been recorded.
 * Thread-safe.
 */
public final class DeliveryWorker implements BackgroundJobs.Job {
    private static final Logger log = LoggerFactory.getLogger(DeliveryWorker.class);
    static final Duration ROUND = Duration.ofSeconds(1);
    private static final int MAX_WRITE = 256;

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
    private final LinkedBlockingQueue<Queued> queued = new LinkedBlockingQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

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
                awaitAnyRecorded();
            }
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) return handled + inFlight.get();
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
                Queued attempt;
                try {
                    attempt = deliver(d, token);
                } catch (RuntimeException e) {
                    // The lease lapses and the delivery becomes due again; nothing is lost.
                    log.warn("webhook delivery of {} to {} failed before its attempt was recorded; it will be retried",
                            d.eventId(), d.endpointId(), e);
                    done(1);
                    return;
                }
                record(attempt);
            });
        }
        return claimed.size();
    }

    /** Deliveries whose attempts are recorded (or given up): their endpoint's slots are free again. */
    private void done(int deliveries) {
        inFlight.addAndGet(-deliveries);
        finished.release(deliveries);
    }

    private void awaitAnyRecorded() {
        try {
            if (finished.tryAcquire(20, TimeUnit.MILLISECONDS)) finished.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one delivery and describes the attempt, with the delivery's next state. */
    private Queued deliver(ClaimedDelivery d, String token) {
        Instant attemptedOn = clock.instant();
        URI url = URI.create(d.url());
        byte[] body = body(d);
        AttemptResult result = guard.refusal(url).map(AttemptResult::refused)
                .orElseGet(() -> sender.send(url, headers(d.headers()), signedHeaders(d, attemptedOn, body), body));
        return attempt(d, token, attemptedOn, result);
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

    private Queued attempt(ClaimedDelivery d, String token, Instant attemptedOn, AttemptResult r) {
        boolean gone = r.statusCode() != null && r.statusCode() == 410;
        Optional<Duration> notBefore = r.statusCode() != null && (r.statusCode() == 429 || r.statusCode() == 503)
                ? r.retryAfter() : Optional.empty();
        Optional<Instant> next = r.succeeded() ? Optional.empty()
                : schedule.next(d.roundAttempts() + 1, d.scheduleStart(), attemptedOn, notBefore);
        String outcome = r.succeeded() ? "succeeded" : next.isEmpty() ? "failed" : gone ? "paused" : "retrying";
        DeliveryAttempt attempt = new DeliveryAttempt(ids.next("wha_"), d.merchantId(), d.eventId(), d.endpointId(),
                d.attempts() + 1, attemptedOn, outcome, r.statusCode(), r.latencyMs(), r.error(), r.excerpt());
        return new Queued(new DeliveryStore.Recorded(attempt, token, next.orElse(null)), gone);
    }

    /**
     * Queues the attempt for the next write and, if no send is writing just now, becomes the writer.
     * The writer commits everything queued, in one transaction, until the queue is empty: under
     * load one commit carries many attempts instead of each send waiting for its own WAL flush. A
     * delivery counts as in flight until its attempt is committed, so {@code runNow} ends only when
     * every attempt is recorded, and the claiming loop wakes when endpoint slots are really free.
     */
    private void record(Queued attempt) {
        queued.add(attempt);
        while (!queued.isEmpty() && writing.compareAndSet(false, true)) {
            try {
                List<Queued> batch = new ArrayList<>();
                queued.drainTo(batch, MAX_WRITE);
                write(batch);
                done(batch.size());
            } finally {
                writing.set(false);
            }
        }
    }

    private record Queued(DeliveryStore.Recorded recorded, boolean gone) {}

    /**
     * One transaction for the batch. A 410 also disables the endpoint. If the batch cannot be
     * written, each attempt is tried on its own, so one bad row costs only its own delivery, whose
     * lease lapses: it is sent again. Never throws, so the queue always keeps a writer.
     */
    private void write(List<Queued> batch) {
        try {
            writeTogether(batch);
            return;
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                log.warn("webhook attempt {} could not be recorded; the delivery will be retried",
                        batch.getFirst().recorded().attempt().id(), e);
                return;
            }
        }
        for (Queued q : batch) write(List.of(q));
    }

    private void writeTogether(List<Queued> batch) {
        Instant now = clock.instant();
        jdbi.useTransaction(tx -> {
            new DeliveryStore(tx).recordAll(batch.stream().map(Queued::recorded).toList(), now);
            for (Queued q : batch) {
                if (!q.gone()) continue;
                DeliveryAttempt a = q.recorded().attempt();
                new WebhookEndpointStore(tx).disable(a.merchantId(), a.endpointId(), "gone", now);
            }
        });
    }
}
