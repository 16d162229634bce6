package dev.till.core.webhooks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When to try a failed delivery again. The gaps after attempts 1, 2, 3… are 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h, 14 h, 20 h, 24 h, then daily, each with ±10% jitter so that receivers coming back
 * from an outage are not hit by every sender at once. Nothing is ever scheduled after 168 h from
 * the start: the attempt due past that is moved to exactly 168 h, and once an attempt at or after
 * 168 h fails, the delivery has failed. Thread-safe if the jitter source is.
 */
public final class RetrySchedule {
    public static final Duration WINDOW = Duration.ofDays(7);
    public static final List<Duration> GAPS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(14), Duration.ofHours(20), Duration.ofHours(24));
    private static final Duration DAILY = Duration.ofHours(24);

    private final DoubleSupplier unitRandom;

    /** {@code unitRandom} yields numbers in [0, 1): the injected randomness behind the jitter. */
    public RetrySchedule(DoubleSupplier unitRandom) {
        this.unitRandom = unitRandom;
    }

    /** Jitter drawn from the gateway's injected randomness, so a seeded test sees the same schedule. */
    public static RetrySchedule jitteredBy(dev.till.domain.Ids ids) {
        return new RetrySchedule(() -> {
            long v = 0;
            for (char c : ids.randomBase32(6).toCharArray()) v = v * 32 + (c >= 'a' ? c - 'a' : c - '2' + 26);
            return v / (double) (1L << 30);
        });
    }

    /**
     * The next attempt after {@code attemptsMade} failed ones, the last of them at {@code now};
     * empty when the delivery has run out of time. {@code notBefore} is a receiver's Retry-After.
     */
    public Optional<Instant> next(int attemptsMade, Instant start, Instant now, Optional<Duration> notBefore) {
        Instant deadline = start.plus(WINDOW);
        if (!now.isBefore(deadline)) return Optional.empty();
        Duration gap = attemptsMade - 1 < GAPS.size() ? GAPS.get(Math.max(0, attemptsMade - 1)) : DAILY;
        long jitteredMillis = Math.round(gap.toMillis() * (0.9 + 0.2 * unitRandom.getAsDouble()));
        Duration wait = Duration.ofMillis(jitteredMillis);
        if (notBefore.isPresent() && notBefore.get().compareTo(wait) > 0) wait = notBefore.get();
        Instant at = now.plus(wait);
        return Optional.of(at.isAfter(deadline) ? deadline : at);
    }
}
