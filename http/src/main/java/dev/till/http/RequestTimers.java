package dev.till.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The {@code till_http_requests} timer, one per (method, route, status), built once: building it
 * per request sat on the hot path. Requests Javalin routed and those Jetty refused before routing
 * ({@link JettyRejections}, route {@code rejected}) are counted alike. Thread-safe.
 */
final class RequestTimers {
    // Jetty refuses a request before it knows the method is one Till serves, so a rejected
    // request's method is whatever the client sent; a label per such string would grow without end.
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final MeterRegistry metrics;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();

    RequestTimers(MeterRegistry metrics) {
        this.metrics = metrics;
    }

    void record(String method, String route, int status, long nanos) {
        String m = METHODS.contains(method) ? method : "other";
        timers.computeIfAbsent(m + " " + route + " " + status, k -> Timer.builder("till_http_requests")
                .tag("method", m).tag("route", route).tag("status", Integer.toString(status))
                .publishPercentileHistogram().register(metrics)).record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }
}
