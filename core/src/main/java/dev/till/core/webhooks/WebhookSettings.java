package dev.till.core.webhooks;

import java.time.Duration;

/**
 * How deliveries are sent.
 *
 * @param timeout       how long a receiver has to answer (15 s: any 2xx within it is success)
 * @param allowLoopback accept 127.0.0.0/8 and ::1 as targets; only the test suite turns this on
 * @param allowHttp     accept plain http for live merchants too (test merchants always may)
 * @param batchSize     deliveries claimed per query
 * @param perEndpoint   in-flight deliveries allowed per endpoint, across all nodes (TILL_WEBHOOK_CONCURRENCY,
 *                      64: at 16 a single busy endpoint could not keep up with about 200 events a
 *                      second, since a slot is free again only once its attempt is recorded)
 * @param maxInFlight   deliveries a node holds at once, from the claim or the commit until their attempt is
 *                      written (4,096, a few MiB): with 512, a write of attempts that waited a few hundred
 *                      milliseconds for a connection under load left the node "full" of answered sends,
 *                      and the fresh deliveries of that moment went to the claim and arrived seconds late
 */
public record WebhookSettings(Duration timeout, boolean allowLoopback, boolean allowHttp, int batchSize,
                              int perEndpoint, int maxInFlight) {

    public static WebhookSettings of(Duration timeout, boolean allowLoopback, boolean allowHttp) {
        return new WebhookSettings(timeout, allowLoopback, allowHttp, 64, 64, 4096);
    }

    public WebhookSettings withPerEndpoint(int inFlight) {
        if (inFlight < 1) throw new IllegalArgumentException("TILL_WEBHOOK_CONCURRENCY must be at least 1");
        return new WebhookSettings(timeout, allowLoopback, allowHttp, batchSize, inFlight, maxInFlight);
    }

    /** A claim outlives the longest possible attempt, so a live worker never loses its lease. */
    public Duration lease() {
        return timeout.multipliedBy(2).plusSeconds(30);
    }
}
