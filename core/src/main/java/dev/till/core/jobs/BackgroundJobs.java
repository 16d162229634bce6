package dev.till.core.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the periodic jobs (expiries, purges, webhook delivery, settlement). Each job is written to
 * be safe on several nodes at once: it claims its rows with {@code FOR UPDATE SKIP LOCKED} or a
 * guarded update, never by trusting that it runs alone. Tests call {@link #runNow} after advancing
 * their clock instead of waiting. Thread-safe; register jobs before {@link #start}.
 */
public final class BackgroundJobs implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

    public interface Job {
        /** Does one round of work; returns how many items it handled. */
        int runOnce();
    }

    private record Scheduled(Job job, Duration every) {}

    private final Map<String, Scheduled> jobs = new LinkedHashMap<>();
    private ScheduledExecutorService executor;

    public synchronized void register(String name, Duration every, Job job) {
        if (jobs.containsKey(name)) throw new IllegalArgumentException("job registered twice: " + name);
        jobs.put(name, new Scheduled(job, every));
    }

    public synchronized void start() {
        executor = Executors.newScheduledThreadPool(1, Thread.ofVirtual().name("till-job-", 0).factory());
        jobs.forEach((name, s) -> executor.scheduleWithFixedDelay(() -> runLogged(name, s.job()),
                s.every().toMillis(), s.every().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** Runs one job now, in the caller's thread, until a round handles nothing. */
    public int runNow(String name) {
        Scheduled s;
        synchronized (this) {
            s = jobs.get(name);
        }
        if (s == null) throw new IllegalArgumentException("no such job: " + name);
        int total = 0;
        for (int round = 0; round < 1000; round++) {
            int handled = s.job().runOnce();
            total += handled;
            if (handled == 0) break;
        }
        return total;
    }

    public synchronized java.util.Set<String> names() {
        return java.util.Set.copyOf(jobs.keySet());
    }

    private static void runLogged(String name, Job job) {
        try {
            int handled = job.runOnce();
            if (handled > 0) log.debug("job {} handled {}", name, handled);
        } catch (RuntimeException e) {
            log.warn("job {} failed; it will run again", name, e);
        }
    }

    @Override
    public synchronized void close() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
