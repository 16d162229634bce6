package dev.till.core.webhooks;

import java.time.Duration;
import java.util.Optional;

/**
 * What one HTTP attempt produced. {@code statusCode} is null when no answer came; then
 * {@code error} says why (timeout, connection_refused, address_not_allowed, …).
 */
public record AttemptResult(Integer statusCode, int latencyMs, String error, String excerpt, Optional<Duration> retryAfter) {
    public boolean succeeded() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    public static AttemptResult refused(String error) {
        return new AttemptResult(null, 0, error, null, Optional.empty());
    }
}
