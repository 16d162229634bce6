package dev.till.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The merchant's side of the load: Checkout.com-shaped calls over keep-alive HTTP/1.1, each call's
 * latency recorded in microseconds. Each call borrows an idle connection (or opens one), so there
 * are as many connections as calls ever ran at once. Thread-safe; shared by all virtual-thread clients.
 */
final class Client {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CARD = "{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2030,\"cvv\":\"100\"}";

    private static final long MAX_IDLE_NANOS = 5_000_000_000L;

    private final ConcurrentLinkedQueue<HttpConnection> idle = new ConcurrentLinkedQueue<>();
    private final String host;
    private final int port;
    private final String secret;
    private final String publishable;
    final Recorder latency = new Recorder(3);
    final AtomicLong errors = new AtomicLong();
    volatile boolean recording;
    volatile String lastError;

    Client(String base, String secret, String publishable) {
        URI uri = URI.create(base);
        this.host = uri.getHost();
        this.port = uri.getPort();
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
        List<String> headers = new ArrayList<>(List.of("Authorization", "Bearer " + key));
        if (idempotent) headers.addAll(List.of("Cko-Idempotency-Key", UUID.randomUUID().toString()));
        if (body != null) headers.addAll(List.of("Content-Type", "application/json"));
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        HttpConnection connection = null;
        try {
            connection = idle.poll();
            while (connection != null && connection.idleLongerThan(MAX_IDLE_NANOS)) {
                connection.close();
                connection = idle.poll();
            }
            if (connection == null) connection = new HttpConnection(host, port);
            HttpConnection.Response r = connection.exchange(method, path, bytes, headers.toArray(String[]::new));
            long micros = (System.nanoTime() - start) / 1000;
            if (recording) latency.recordValue(micros);
            if (r.status() / 100 != 2) {
                errors.incrementAndGet();
                lastError = method + " " + path + " -> " + r.status() + " " + r.text();
                return JSON.missingNode();
            }
            return r.body().length == 0 ? JSON.missingNode() : JSON.readTree(r.body());
        } catch (Exception e) {
            errors.incrementAndGet();
            lastError = method + " " + path + " -> " + e;
            return JSON.missingNode();
        } finally {
            if (connection != null && connection.isOpen()) idle.offer(connection);
        }
    }
}
