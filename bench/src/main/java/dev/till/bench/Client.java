package dev.till.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The merchant's side of the load: Checkout.com-shaped calls over keep-alive HTTP/1.1, each call's
 * latency recorded in microseconds. Thread-safe; shared by all virtual-thread clients.
 */
final class Client {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CARD = "{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2030,\"cvv\":\"100\"}";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String secret;
    private final String publishable;
    final Recorder latency = new Recorder(3);
    final AtomicLong errors = new AtomicLong();
    volatile boolean recording;
    volatile String lastError;

    Client(String base, String secret, String publishable) {
        this.base = base;
        this.secret = secret;
        this.publishable = publishable;
    }

    String token() {
        return call("POST", "/tokens", CARD, publishable, false).path("token").asText();
    }

    /** An approved, captured payment on a stored card; amounts ending in 00 are approved by the simulator. */
    JsonNode payWithSource(String sourceId, boolean capture) {
        return call("POST", "/payments", "{\"source\":{\"type\":\"id\",\"id\":\"" + sourceId + "\"},\"amount\":1000,"
                + "\"currency\":\"USD\",\"capture\":" + capture + ",\"reference\":\"bench\"}", secret, true);
    }

    JsonNode payWithToken(String token, boolean capture) {
        return call("POST", "/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token + "\"},\"amount\":1000,"
                + "\"currency\":\"USD\",\"capture\":" + capture + ",\"reference\":\"bench\"}", secret, true);
    }

    JsonNode capture(String paymentId) {
        return call("POST", "/payments/" + paymentId + "/captures", null, secret, true);
    }

    JsonNode refund(String paymentId, long amount) {
        return call("POST", "/payments/" + paymentId + "/refunds", "{\"amount\":" + amount + "}", secret, true);
    }

    JsonNode read(String paymentId) {
        return call("GET", "/payments/" + paymentId, null, secret, false);
    }

    JsonNode post(String path, String body) {
        return call("POST", path, body, secret, false);
    }

    private JsonNode call(String method, String path, String body, String key, boolean idempotent) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key);
        if (idempotent) b.header("Cko-Idempotency-Key", UUID.randomUUID().toString());
        if (body != null) b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        else b.method(method, HttpRequest.BodyPublishers.noBody());
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - start) / 1000;
            if (recording) latency.recordValue(micros);
            if (r.statusCode() / 100 != 2) {
                errors.incrementAndGet();
                lastError = method + " " + path + " -> " + r.statusCode() + " " + r.body();
                return JSON.missingNode();
            }
            return r.body().isEmpty() ? JSON.missingNode() : JSON.readTree(r.body());
        } catch (Exception e) {
            errors.incrementAndGet();
            lastError = method + " " + path + " -> " + e;
            return JSON.missingNode();
        }
    }
}
