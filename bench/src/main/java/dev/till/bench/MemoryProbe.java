package dev.till.bench;

import java.net.http.HttpClient;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the gateway's RSS (from {@code /proc}, every 500 ms) and heap (a {@code /metrics}
 * scrape, every 2 s) from the first warm-up to the end of the run, and keeps the largest of each
 * since the last {@link #reset} (which starts from the latest samples, so a short window still has
 * a heap figure).
 * <p>
 * It runs all along, not only in the measured windows, because the scrape is a request of its
 * own: arriving first in a window, it took the gateway's request pipeline down a path the
 * warm-up had never taken, and C2 threw away and recompiled the code compiled for that warm-up,
 * up to a quarter of the gateway's CPU during the window (session 11, docs/hot-path.md).
 */
final class MemoryProbe implements AutoCloseable {
    private final TillProcess till;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicLong maxRss = new AtomicLong();
    private final AtomicLong maxHeap = new AtomicLong();
    private volatile long lastRss;
    private volatile long lastHeap;
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread sampler;

    MemoryProbe(TillProcess till) {
        this.till = till;
        this.sampler = Thread.ofVirtual().start(this::sample);
    }

    private void sample() {
        for (long tick = 0; !stop.get(); tick++) {
            lastRss = till.rssBytes();
            maxRss.accumulateAndGet(lastRss, Math::max);
            if (tick % 4 == 0) {
                lastHeap = till.heapUsedBytes(http);
                maxHeap.accumulateAndGet(lastHeap, Math::max);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void reset() {
        maxRss.set(lastRss);
        maxHeap.set(lastHeap);
    }

    long maxRssBytes() {
        return maxRss.get();
    }

    long maxHeapBytes() {
        return maxHeap.get();
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        sampler.interrupt();
        sampler.join();
        http.close();
    }
}
