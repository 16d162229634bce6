package dev.till.http;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per merchant key (reads and writes apart) and per client address for calls that
 * carry no valid key. In memory, per node: a limit protects this process, it is not a quota.
 * Thread-safe.
 */
public final class RateLimits {
    public record Settings(long readsPerSecond, long writesPerSecond, long anonymousPerSecond) {}

    private final Settings settings;
    private final TimeMeter time;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** Buckets refill by the injected clock, so a test's frozen clock makes limits deterministic. */
    public RateLimits(Settings settings, Clock clock) {
        this.settings = settings;
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return now.getEpochSecond() * 1_000_000_000L + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Returns 0 when the call may proceed, else the seconds to wait. */
    public long secondsToWait(String subject, boolean write) {
        String key = (write ? "w:" : "r:") + subject;
        long perSecond = write ? settings.writesPerSecond() : settings.readsPerSecond();
        return take(key, perSecond);
    }

    public long secondsToWaitAnonymous(String clientAddress) {
        return take("a:" + clientAddress, settings.anonymousPerSecond());
    }

    private long take(String key, long perSecond) {
        if (perSecond <= 0) return 0;
        Bucket bucket = buckets.computeIfAbsent(key, k -> Bucket.builder().withCustomTimePrecision(time)
                .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) return 0;
        return Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
