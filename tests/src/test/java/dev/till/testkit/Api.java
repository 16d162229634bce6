package dev.till.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A plain HTTP client for the tests: real requests, raw answers. Thread-safe. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1).build();

    private final String baseUrl;
    private final String authorization; // the whole header value, or null for none

    private Api(String baseUrl, String authorization, boolean raw) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** A client sending {@code Authorization: Bearer <key>}; a null key sends no header. */
    public Api(String baseUrl, String key) {
        this(baseUrl, key == null ? null : "Bearer " + key, true);
    }

    public Api withKey(String key) {
        return new Api(baseUrl, key);
    }

    /** Sends the Authorization header exactly as given (for bare-key and malformed-header tests). */
    public Api withRawAuthorization(String header) {
        return new Api(baseUrl, header, true);
    }

    public record Reply(int status, Map<String, List<String>> headers, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().getFirst()).orElse(null);
        }

        public String text(String field) {
            return json().path(field).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Reply get(String path) {
        return send(builder(path).GET());
    }

    public Reply delete(String path, String... headers) {
        return send(builder(path, headers).DELETE());
    }

    public Reply post(String path, String json, String... headers) {
        return send(withBody(builder(path, headers), "POST", json));
    }

    public Reply put(String path, String json, String... headers) {
        return send(withBody(builder(path, headers), "PUT", json));
    }

    public Reply patch(String path, String json, String... headers) {
        return send(withBody(builder(path, headers), "PATCH", json));
    }

    /** Any request, for content-type and size edge cases. */
    public Reply send(String method, String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder b = builder(path, headers);
        if (contentType != null) b.header("Content-Type", contentType);
        // Like curl, announce a large body and wait for the server's go-ahead: a server that refuses
        // it by its Content-Length (413) closes the connection, and a client still writing the body
        // could see that reset before the 413.
        if (body != null && body.length > 64 * 1024) b.expectContinue(true);
        return send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static HttpRequest.Builder withBody(HttpRequest.Builder b, String method, String json) {
        if (json == null) return b.method(method, HttpRequest.BodyPublishers.noBody());
        return b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
    }

    private HttpRequest.Builder builder(String path, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (authorization != null) b.header("Authorization", authorization);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return b;
    }

    private static Reply send(HttpRequest.Builder b) {
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().map(), r.body());
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public String baseUrl() {
        return baseUrl;
    }
}
