package dev.till.core.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * Sends one signed POST and reports what happened. Redirects are never followed (a 3xx is a failed
 * attempt), the whole exchange up to the response headers must fit in the timeout, and at most
 * {@link #EXCERPT_BYTES} of the answer are read. Thread-safe: one client shared by all sends.
 */
public final class WebhookSender {
    static final int EXCERPT_BYTES = 512;

    private final HttpClient client;
    private final Duration timeout;
    private final Clock clock;

    public WebhookSender(Duration timeout, Clock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor())
                .build();
    }

    public AttemptResult send(URI url, Map<String, String> customHeaders, Map<String, String> signedHeaders, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Till-Webhooks/1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        customHeaders.forEach(request::header);
        signedHeaders.forEach(request::header);
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = response.body()) {
                // PostgreSQL text cannot hold NUL, and a receiver may send anything.
                excerpt = new String(in.readNBytes(EXCERPT_BYTES), StandardCharsets.UTF_8).replace('\u0000', ' ');
            }
            return new AttemptResult(response.statusCode(), millisSince(started), null, excerpt.isEmpty() ? null : excerpt,
                    retryAfter(response.headers().firstValue("Retry-After")));
        } catch (HttpTimeoutException e) {
            return new AttemptResult(null, millisSince(started), "timeout", null, Optional.empty());
        } catch (ConnectException e) {
            return new AttemptResult(null, millisSince(started), "connection_refused", null, Optional.empty());
        } catch (IOException e) {
            return new AttemptResult(null, millisSince(started), "io_error: " + e.getClass().getSimpleName(), null, Optional.empty());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AttemptResult(null, millisSince(started), "interrupted", null, Optional.empty());
        }
    }

    /** Seconds or an HTTP date, per RFC 9110; anything else is ignored. */
    Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) return Optional.empty();
        String v = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(clock.instant(), at)).filter(d -> !d.isNegative());
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private static int millisSince(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
