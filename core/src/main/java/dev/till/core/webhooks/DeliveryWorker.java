package dev.till.core.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.events.Courier;
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
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends webhook deliveries, two ways:
 * <ul>
 *   <li><b>On commit</b> ({@link Courier}): a fresh delivery is recorded already leased to this
 *       node and handed over when its transaction commits, then sent at once, without a claim.
 *       When the endpoint's slots on this node are full, it waits here for one; when the node has
 *       no room at all, or the endpoint is busy, the event's deliveries are left unleased.</li>
 *   <li><b>By claim</b> (the job): a round leases due deliveries in small batches ({@code FOR
 *       UPDATE SKIP LOCKED}, so several nodes share the work and never hold the same delivery at
 *       once): retries, deliveries left unleased, and those whose node died before recording them.
 *       A round keeps claiming while work keeps coming, for up to {@link #ROUND}.</li>
 * </ul>
 * Each send runs on its own virtual thread and its attempt is written back as a row together with
 * the delivery's next state, in batches (see {@link #record}). Nothing waits for a slow receiver,
 * so a hanging endpoint (bounded by the per-endpoint slots) cannot hold back the others. A node
 * that dies mid-send leaves only leases, which lapse and make the deliveries due again: delivery
 * is at least once.
 * <p>
 * A round returns the deliveries it claimed plus the claimed ones still in flight, so
 * {@code BackgroundJobs.runNow} keeps going until every claimed send has been recorded.
 * Thread-safe.
 */
public final class DeliveryWorker implements BackgroundJobs.Job, Courier {
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
    private final String nodeLease;
    private final EndpointLanes<Held> lanes;
    /** Deliveries held by this node, either way, until their attempt is recorded (or given up). */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger claimedInFlight = new AtomicInteger();
    private final AtomicLong sentOnCommit = new AtomicLong();
    private final AtomicLong sentByClaim = new AtomicLong();
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
        this.nodeLease = ids.next("lease_");
        this.lanes = new EndpointLanes<>(settings.perEndpoint());
    }

    /** A delivery this node holds, under the lease it was recorded or claimed with. */
    private record Held(ClaimedDelivery delivery, String token, Instant leaseUntil, boolean claimed) {}

    /** Attempts sent without a claim, since start (a counter for the metrics). */
    public long sentOnCommit() {
        return sentOnCommit.get();
    }

    /** Attempts sent after a claim, since start (a counter for the metrics). */
    public long sentByClaim() {
        return sentByClaim.get();
    }

    @Override
    public Lease lease(Instant now) {
        if (inFlight.get() >= settings.maxInFlight()) return null;
        return new Lease(nodeLease, now.plus(settings.lease()), lanes.busy());
    }

    @Override
    public void committed(List<FreshDelivery> deliveries) {
        for (FreshDelivery f : deliveries) {
            ClaimedDelivery d = new ClaimedDelivery(f.merchantId(), f.eventId(), f.endpointId(), f.eventType(), 0,
                    f.eventCreatedOn(), f.url(), f.headers(), f.secret(), f.previousSecret(), f.previousSecretExpiresOn(),
                    f.eventCreatedOn(), f.data());
            Held held = new Held(d, f.token(), f.leaseUntil(), false);
            inFlight.incrementAndGet();
            if (lanes.takeOrWait(d.endpointId(), held)) send(held);
        }
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
                if (claimedInFlight.get() == 0) return handled;
                awaitAnyRecorded();
            }
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) return handled + claimedInFlight.get();
        }
    }

    private int claimAndDispatch(int limit) {
        Instant now = clock.instant();
        String token = ids.next("lease_");
        Instant leaseUntil = now.plus(settings.lease());
        List<ClaimedDelivery> claimed = jdbi.withHandle(h -> new DeliveryStore(h).claimDue(now, leaseUntil, token, limit,
                settings.perEndpoint()));
        for (ClaimedDelivery d : claimed) {
            inFlight.incrementAndGet();
            claimedInFlight.incrementAndGet();
            lanes.take(d.endpointId());
            send(new Held(d, token, leaseUntil, true));
        }
        return claimed.size();
    }

    private void send(Held held) {
        sends.execute(() -> {
            ClaimedDelivery d = held.delivery();
            Queued attempt;
            try {
                // A fresh delivery that waited for a slot past the point where its lease could lapse
                // mid-send is left to the claim, so that two nodes never send it at once.
                if (clock.instant().plus(settings.timeout()).isAfter(held.leaseUntil())) {
                    answered(held, false);
                    done(List.of(held));
                    return;
                }
                (held.claimed() ? sentByClaim : sentOnCommit).incrementAndGet();
                attempt = deliver(d, held);
            } catch (RuntimeException e) {
                // The lease lapses and the delivery becomes due again; nothing is lost.
                log.warn("webhook delivery of {} to {} failed before its attempt was recorded; it will be retried",
                        d.eventId(), d.endpointId(), e);
                answered(held, false);
                done(List.of(held));
                return;
            }
            answered(held, attempt.gone());
            record(attempt);
        });
    }

    /**
     * The receiver answered (or the send was given up): the node's slot for the endpoint passes to
     * a fresh delivery waiting for it, or is free again. The slot counts requests the receiver is
     * serving, so it is freed before the attempt is recorded; the claim, which counts leases,
     * sees it free once the attempt is committed. After a 410 nothing waiting is sent.
     */
    private void answered(Held held, boolean gone) {
        String endpoint = held.delivery().endpointId();
        if (gone) inFlight.addAndGet(-lanes.dropWaiting(endpoint).size()); // their leases lapse
        Held next = lanes.free(endpoint);
        if (next != null) send(next);
    }

    /** Deliveries whose attempts are recorded (or given up); a claim waiting for slots wakes up. */
    private void done(List<Held> held) {
        int claimed = 0;
        for (Held h : held) {
            inFlight.decrementAndGet();
            if (h.claimed()) claimed++;
        }
        if (claimed > 0) {
            claimedInFlight.addAndGet(-claimed);
            finished.release(claimed);
        }
    }

    private void awaitAnyRecorded() {
        try {
            if (finished.tryAcquire(20, TimeUnit.MILLISECONDS)) finished.drainPermits();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one delivery and describes the attempt, with the delivery's next state. */
    private Queued deliver(ClaimedDelivery d, Held held) {
        Instant attemptedOn = clock.instant();
        URI url = URI.create(d.url());
        byte[] body = body(d);
        AttemptResult result = switch (guard.destination(url)) {
            case SsrfGuard.Destination.Refused r -> AttemptResult.refused(r.reason());
            case SsrfGuard.Destination.Allowed a ->
                    sender.send(url, a.addresses(), headers(d.headers()), signedHeaders(d, attemptedOn, body), body);
        };
        return attempt(d, held, attemptedOn, result);
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

    private Queued attempt(ClaimedDelivery d, Held held, Instant attemptedOn, AttemptResult r) {
        boolean gone = r.statusCode() != null && r.statusCode() == 410;
        Optional<Duration> notBefore = r.statusCode() != null && (r.statusCode() == 429 || r.statusCode() == 503)
                ? r.retryAfter() : Optional.empty();
        Optional<Instant> next = r.succeeded() ? Optional.empty()
                : schedule.next(d.roundAttempts() + 1, d.scheduleStart(), attemptedOn, notBefore);
        String outcome = r.succeeded() ? "succeeded" : next.isEmpty() ? "failed" : gone ? "paused" : "retrying";
        // Numbered when recorded (0 until then): a late send of this delivery may be recorded meanwhile.
        DeliveryAttempt attempt = new DeliveryAttempt(ids.next("wha_"), d.merchantId(), d.eventId(), d.endpointId(),
                0, attemptedOn, outcome, r.statusCode(), r.latencyMs(), r.error(), r.excerpt());
        return new Queued(new DeliveryStore.Recorded(attempt, held.token(), next.orElse(null)), held, gone);
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
                done(batch.stream().map(Queued::held).toList());
            } finally {
                writing.set(false);
            }
        }
    }

    private record Queued(DeliveryStore.Recorded recorded, Held held, boolean gone) {}

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
