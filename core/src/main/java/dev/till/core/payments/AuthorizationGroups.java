package dev.till.core.payments;

import dev.till.core.idempotency.Idempotency;
import dev.till.core.idempotency.StoredResponse;
import dev.till.domain.Ids;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit for new payments ({@code POST /payments}). A request waits in a queue; a writer
 * takes every request waiting (up to {@value #MAX_GROUP}) and writes them as one group, in one
 * transaction: their idempotency keys are locked and looked up in one statement, each request is
 * prepared (its card read) and answered by the network, then all their payments and actions are
 * written in one statement, their events and deliveries in another, the ledger's capture postings
 * in a third and their idempotency records in a fourth. PostgreSQL pays its costs per statement
 * and per commit once per group instead of once per payment (docs/hot-path.md, session 18). When
 * the writers are idle a request is a group of one, so it waits for nobody.
 * <p>
 * What a request gets is exactly what it would get alone: the same rows, events, postings and
 * answer, or the same refusal. A request the group refuses (a bad card, a key in use) is refused
 * before it writes anything, and the others go on. When the group's transaction fails as a whole,
 * each request is run again alone, under the payment id it was given first: a request never runs
 * twice under two ids, and a payment that did commit (a commit whose answer was lost) refuses its
 * rerun rather than being written twice. The connector must answer a repeated authorization of one
 * payment id as it answered the first (the simulator decides from the payment id and the card).
 * <p>
 * Only requests that write nothing before they can be refused are grouped: a stored card or a
 * token, without a customer to find or create. Any other request runs on its caller's thread in a
 * transaction of its own, as before. Thread-safe.
 */
public final class AuthorizationGroups implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AuthorizationGroups.class);
    /** Larger groups save little more per payment (docs/hot-path.md) and make each wait longer. */
    static final int MAX_GROUP = 32;

    private final Jdbi jdbi;
    private final Ids ids;
    private final Idempotency idempotency;
    private final Payments payments;
    private final Openings openings;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final ExecutorService network = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicLong groupsWritten = new AtomicLong();
    private final AtomicLong requestsWritten = new AtomicLong();
    private volatile boolean closed;

    /** @param writers how many groups may be written at once, each on a pool connection of its own */
    public AuthorizationGroups(Jdbi jdbi, Ids ids, Idempotency idempotency, Payments payments, int writers) {
        this.jdbi = jdbi;
        this.ids = ids;
        this.idempotency = idempotency;
        this.payments = payments;
        this.openings = payments.openings();
        // Platform threads: a writer lives as long as the gateway, so it encrypts the idempotency
        // records in place with the random it keeps (Keysets hands virtual threads' encryptions to
        // a pool, a hand-off per record).
        for (int i = 0; i < writers; i++) {
            this.writers.add(Thread.ofPlatform().daemon().name("payment-group-writer-" + i).start(this::write));
        }
    }

    /**
     * A new payment to authorize. {@code render} makes its answer from the payment as written; it
     * runs inside the transaction, since the idempotency record stores the answer's bytes.
     */
    public record Request(Optional<Idempotency.Key> key, String merchantId, PaymentRequest payment,
                          Function<PaymentView, StoredResponse> render) {}

    /** A request in the queue, under the payment id it keeps if its group has to be run again. */
    private record Job(Request request, String paymentId, CompletableFuture<StoredResponse> answer) {}

    /**
     * Authorizes one payment, in a group with whatever requests arrive meanwhile, and returns its
     * answer (a replay when its key was used before). A refusal is thrown, as by
     * {@link Idempotency#run}.
     */
    public StoredResponse authorize(Request r) {
        if (!groupable(r.payment())) {
            return idempotency.run(r.key(), tx -> r.render().apply(payments.authorize(tx, r.merchantId(), r.payment())));
        }
        if (closed) throw new IllegalStateException("the gateway is shutting down");
        Job job = new Job(r, ids.next("pay_"), new CompletableFuture<>());
        queue.add(job);
        try {
            return job.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the payment was written", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Whether a request writes nothing before it can be refused, so that its refusal leaves the
     * rest of its group untouched: a customer is found or created, and raw card details stored,
     * before the checks that follow them.
     */
    static boolean groupable(PaymentRequest r) {
        return r.customer() == null && (r.source() instanceof PaymentSource.Stored || r.source() instanceof PaymentSource.Token);
    }

    /** Requests waiting for a writer right now (for the metrics). */
    public int waiting() {
        return queue.size();
    }

    /** Groups written since start, and the requests in them (for the metrics). */
    public long groupsWritten() {
        return groupsWritten.get();
    }

    public long requestsWritten() {
        return requestsWritten.get();
    }

    private void write() {
        List<Job> group = new ArrayList<>(MAX_GROUP);
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            // close() queues one stop per writer, behind the requests already waiting.
            int stops = 0;
            for (var it = group.iterator(); it.hasNext(); ) {
                if (it.next() == STOP) {
                    it.remove();
                    stops++;
                }
            }
            if (!group.isEmpty()) {
                try {
                    run(group);
                } catch (RuntimeException | Error e) {
                    // run answers every job itself; this is a bug, and the writer must live on.
                    log.error("a payment group failed unexpectedly", e);
                    for (Job j : group) j.answer().completeExceptionally(e);
                }
                group.clear();
            }
            if (stops > 0) {
                for (int i = 1; i < stops; i++) queue.add(STOP); // the other writers' stops
                return;
            }
        }
    }

    private static final Job STOP = new Job(null, null, null);

    /** Writes a group, or, when its transaction fails, each of its requests alone. */
    private void run(List<Job> group) {
        List<Object> outcomes;
        try {
            outcomes = jdbi.inTransaction(tx -> write(tx, group));
        } catch (RuntimeException failed) {
            if (group.size() == 1) {
                group.getFirst().answer().completeExceptionally(failed);
                return;
            }
            log.warn("a group of {} payments failed as a whole; each is run again alone", group.size(), failed);
            for (Job j : group) run(List.of(j));
            return;
        }
        groupsWritten.incrementAndGet();
        requestsWritten.addAndGet(group.size());
        for (int i = 0; i < group.size(); i++) {
            Object outcome = outcomes.get(i);
            if (outcome instanceof StoredResponse response) group.get(i).answer().complete(response);
            else group.get(i).answer().completeExceptionally((RuntimeException) outcome);
        }
    }

    /**
     * One group's transaction. Returns each job's outcome, in order: its answer, or its refusal.
     * Anything but a refusal is thrown, and rolls the whole group back.
     */
    private List<Object> write(Handle tx, List<Job> group) {
        List<Object> outcomes = new ArrayList<>(Collections.nCopies(group.size(), null));
        List<Idempotency.Check> checks = idempotency.checkAll(tx, group.stream().map(j -> j.request().key()).toList());
        List<Integer> asked = new ArrayList<>();
        List<Openings.Opening> openingsAsked = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            Job job = group.get(i);
            switch (checks.get(i)) {
                case Idempotency.Check.Answered a -> outcomes.set(i, a.response());
                case Idempotency.Check.Refused r -> outcomes.set(i, r.refusal());
                case Idempotency.Check.Proceed p -> {
                    asked.add(i);
                    openingsAsked.add(new Openings.Opening(job.request().merchantId(), job.paymentId(), job.request().payment()));
                }
            }
        }
        List<Integer> going = new ArrayList<>();
        List<Openings.Prepared> prepared = new ArrayList<>();
        List<Object> preparations = openingsAsked.isEmpty() ? List.of() : openings.prepareAll(tx, openingsAsked);
        for (int j = 0; j < preparations.size(); j++) {
            // A refusal comes before its request wrote anything (see groupable): the others go on.
            if (preparations.get(j) instanceof Openings.Prepared p) {
                prepared.add(p);
                going.add(asked.get(j));
            } else {
                outcomes.set(asked.get(j), preparations.get(j));
            }
        }
        if (prepared.isEmpty()) return outcomes;
        List<PaymentView> views = openings.openAll(tx, answer(prepared));
        List<Idempotency.Key> keys = new ArrayList<>();
        List<StoredResponse> keyed = new ArrayList<>();
        for (int j = 0; j < going.size(); j++) {
            Job job = group.get(going.get(j));
            StoredResponse response = job.request().render().apply(views.get(j));
            outcomes.set(going.get(j), response);
            job.request().key().ifPresent(k -> {
                keys.add(k);
                keyed.add(response);
            });
        }
        idempotency.saveAll(tx, keys, keyed);
        return outcomes;
    }

    /** The network's answers, asked side by side: a slow answer for one holds the group up once, not once per payment. */
    private List<Openings.Answered> answer(List<Openings.Prepared> prepared) {
        if (prepared.size() == 1) return List.of(openings.answer(prepared.getFirst()));
        List<Future<Openings.Answered>> asked = new ArrayList<>(prepared.size());
        for (Openings.Prepared p : prepared) asked.add(network.submit(() -> openings.answer(p)));
        List<Openings.Answered> answered = new ArrayList<>(prepared.size());
        for (Future<Openings.Answered> f : asked) {
            try {
                answered.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the network answered", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) throw failure;
                throw new IllegalStateException(e.getCause());
            }
        }
        return answered;
    }

    /**
     * Stops the writers once the requests already waiting are written; call it after the HTTP
     * server has drained, when nothing new can arrive.
     */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < writers.size(); i++) queue.add(STOP);
        for (Thread w : writers) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Job j; (j = queue.poll()) != null; ) {
            if (j != STOP) j.answer().completeExceptionally(new IllegalStateException("the gateway is shutting down"));
        }
        network.shutdown();
    }
}
