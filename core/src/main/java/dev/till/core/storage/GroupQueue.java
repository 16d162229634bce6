package dev.till.core.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and the writer threads of a group commit (PaymentGroups, TokenGroups): jobs wait in
 * the queue; each writer takes every job waiting, up to a maximum, and hands them to the group's
 * {@code write} as one group, which answers each job through its future. When the writers are
 * idle a job is a group of one and waits for nobody. Thread-safe.
 *
 * @param <J> a job: a request and the future its caller waits on
 */
public final class GroupQueue<J> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupQueue.class);
    /** What close() queues, one per writer, behind the jobs already waiting. */
    private static final Object STOP = new Object();

    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final List<Thread> writers = new ArrayList<>();
    private final int maxGroup;
    private final Consumer<List<J>> write;
    private final Function<J, CompletableFuture<?>> answer;
    private volatile boolean closed;

    /**
     * Starts the writers. They are platform threads: a writer lives as long as the gateway, so it
     * encrypts in place with the random it keeps (Keysets hands virtual threads' encryptions to a
     * pool, a hand-off per record).
     *
     * @param name   the writers' thread name; with more than one writer, each gets {@code -0}, {@code -1}, …
     * @param write  writes a group and answers each of its jobs; it must not throw (a throw is
     *               logged as a bug and fails the group's jobs)
     * @param answer the future a job's caller waits on
     */
    public GroupQueue(String name, int writers, int maxGroup, Consumer<List<J>> write, Function<J, CompletableFuture<?>> answer) {
        if (writers < 1) throw new IllegalArgumentException("a group queue needs at least one writer, not " + writers);
        this.maxGroup = maxGroup;
        this.write = write;
        this.answer = answer;
        for (int i = 0; i < writers; i++) {
            String threadName = writers == 1 ? name : name + "-" + i;
            this.writers.add(Thread.ofPlatform().daemon().name(threadName).start(this::run));
        }
    }

    /** Queues a job for the next group; refused once the queue is closed. */
    public void add(J job) {
        synchronized (queue) { // under close()'s lock: queued before the writers' stops, or refused
            if (closed) throw new IllegalStateException("the gateway is shutting down");
            queue.add(job);
        }
    }

    /** What a future holds; a failure is rethrown as it was thrown (unchecked), an interruption kept. */
    public static <T> T result(Future<T> future, String during) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted " + during, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) throw failure;
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A group's transaction: what its writes returned once committed, or the failure that rolled them back. */
    public record Written<R>(R result, RuntimeException rolledBack) {
        public boolean committed() {
            return rolledBack == null;
        }
    }

    /**
     * Runs a group's writes in one transaction on a connection of {@code jdbi}. A failure of the
     * writes rolls it back and is returned, once the connection is back in its pool (a rerun of
     * each job alone needs one each). A failed COMMIT fails every job of the group here, and null
     * is returned: whether it took effect is unknown, so nothing of the group may run again.
     */
    public static <J, R> Written<R> inTransaction(Jdbi jdbi, List<J> group, Function<J, CompletableFuture<?>> answer,
                                                 Function<Handle, R> writes) {
        try (Handle tx = jdbi.open()) {
            tx.begin();
            R result;
            try {
                result = writes.apply(tx);
            } catch (RuntimeException e) {
                tx.rollback();
                return new Written<>(null, e);
            }
            try {
                tx.commit();
            } catch (RuntimeException unknown) {
                for (J j : group) answer.apply(j).completeExceptionally(unknown);
                return null;
            }
            return new Written<>(result, null);
        }
    }

    /** Jobs waiting for a writer right now (for the metrics). */
    public int waiting() {
        return queue.size();
    }

    /**
     * A writer's loop: takes the waiting jobs as a group, until it takes its stop. Only its stop
     * ends it: a writer that left on an interrupt would leave its callers waiting for good.
     */
    @SuppressWarnings("unchecked")
    private void run() {
        List<Object> taken = new ArrayList<>(maxGroup);
        List<J> group = new ArrayList<>(maxGroup);
        while (true) {
            try {
                taken.add(queue.take());
            } catch (InterruptedException e) {
                log.warn("a group writer was interrupted; it goes on until it is stopped");
                continue;
            }
            queue.drainTo(taken, maxGroup - 1);
            int stops = 0;
            for (Object o : taken) {
                if (o == STOP) stops++;
                else group.add((J) o);
            }
            taken.clear();
            if (!group.isEmpty()) {
                try {
                    write.accept(group);
                } catch (RuntimeException | Error e) {
                    // write answers every job itself; this is a bug, and the writer must live on.
                    log.error("a group of {} failed unexpectedly", group.size(), e);
                    for (J j : group) answer.apply(j).completeExceptionally(e);
                }
                group.clear();
            }
            if (stops > 0) {
                for (int i = 1; i < stops; i++) queue.add(STOP); // the other writers' stops
                return;
            }
        }
    }

    /**
     * Stops the writers once the jobs already waiting are written, waiting up to 10 s for each;
     * call it after the HTTP server has drained, when nothing new can arrive. A job still waiting
     * after that is failed; a stop still queued is a writer's that outlasted the wait, and it stops
     * once its group is written.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void close() {
        synchronized (queue) {
            if (closed) return;
            closed = true;
            for (int i = 0; i < writers.size(); i++) queue.add(STOP);
        }
        for (Thread w : writers) {
            try {
                w.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<Object> left = new ArrayList<>();
        queue.drainTo(left);
        for (Object o : left) {
            if (o == STOP) queue.add(STOP);
            else answer.apply((J) o).completeExceptionally(new IllegalStateException("the gateway is shutting down"));
        }
    }
}
