package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.http.openapi.OpenApiDocument;
import dev.till.testkit.TillServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Requests Jetty refuses before any route sees them still answer in Till's one error shape, with
 * the status Jetty chose. Java's HttpClient will not send such requests, so these tests write the
 * bytes on a socket themselves.
 */
class JettyRejectionsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    private static final ObjectMapper JSON = new ObjectMapper();

    record Raw(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null ? null : values.getFirst();
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static Raw send(String head) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", till.gateway().port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int split = raw.indexOf("\r\n\r\n");
            String[] lines = raw.substring(0, split).split("\r\n");
            Map<String, List<String>> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, raw.substring(split + 4));
        }
    }

    private static Raw get(String target) throws IOException {
        return send("GET " + target + " HTTP/1.1\r\nHost: till.test\r\nConnection: close\r\n\r\n");
    }

    /** The one error shape: JSON, every documented field, the request id in body and header alike. */
    private static void refused(Raw r, int status, String errorType, String code) throws IOException {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        JsonNode body = r.json();
        assertThat(body.path("error_type").asText()).isEqualTo(errorType);
        assertThat(body.path("error_codes").size()).isEqualTo(1);
        assertThat(body.path("error_codes").get(0).asText()).isEqualTo(code);
        assertThat(body.path("message").asText()).isNotBlank();
        assertThat(body.path("request_id").asText()).startsWith("req_").isEqualTo(r.header("Cko-Request-Id"));
        r.headers().forEach((name, values) -> assertThat(values).as(name).hasSize(1));
        // And the OpenAPI document lists both: no route can, as these come before routing.
        JsonNode document = OpenApiDocument.load().tree();
        assertThat(document.at("/components/schemas/Error/properties/error_type/enum").toString()).contains("\"" + errorType + "\"");
        assertThat(document.at("/components/responses/Refused/description").asText()).contains(status + " `" + code + "`");
    }

    @Test
    void a_nul_in_the_path_is_400_path_invalid_in_json() throws IOException {
        // Given a merchant's client that builds a payment id from bad input
        // When it asks for /payments/pay_%00
        Raw r = get("/payments/pay_%00");

        // Then Jetty's 400 comes in Till's error shape, not as an HTML page
        refused(r, 400, "request_malformed", "path_invalid");
    }

    @Test
    void a_malformed_percent_escape_is_400_path_invalid() throws IOException {
        refused(get("/payments/pay_%zz"), 400, "request_malformed", "path_invalid");
        refused(get("/payments/pay_%"), 400, "request_malformed", "path_invalid");
    }

    @Test
    void other_paths_jetty_refuses_are_path_invalid_too() throws IOException {
        // Bad UTF-8, a path climbing above the root, and a path parameter hiding a "..".
        refused(get("/payments/%ff"), 400, "request_malformed", "path_invalid");
        refused(get("/%2e%2e/payments"), 400, "request_malformed", "path_invalid");
        refused(get("/payments/..;/customers"), 400, "request_malformed", "path_invalid");
    }

    @Test
    void an_oversized_header_is_431_in_json() throws IOException {
        // When a client sends more header bytes than Jetty accepts (8 KiB)
        Raw r = send("GET /health/live HTTP/1.1\r\nHost: till.test\r\nX-Padding: " + "a".repeat(9_000)
                + "\r\nConnection: close\r\n\r\n");

        // Then the 431 is Till's error shape
        refused(r, 431, "request_too_large", "headers_too_large");
    }

    @Test
    void a_request_line_that_is_too_long_is_414_in_json() throws IOException {
        refused(get("/payments?reference=" + "a".repeat(9_000)), 414, "request_too_large", "uri_too_long");
    }

    @Test
    void an_illegal_header_is_400_header_invalid() throws IOException {
        Raw r = send("GET /health/live HTTP/1.1\r\nHost: till.test\r\nBad Name: v\r\nConnection: close\r\n\r\n");
        refused(r, 400, "request_malformed", "header_invalid");
    }

    @Test
    void a_hosted_page_path_jetty_refuses_answers_json_as_well() throws IOException {
        // Jetty refuses the path before it is known to be a page, so it answers like the API.
        refused(get("/pay/mer_aaaaaaaaaaaaaaaaaaaaaaaaaa/ord_%00"), 400, "request_malformed", "path_invalid");
    }

    @Test
    void a_target_no_route_can_take_is_404_not_found() throws IOException {
        Raw r = send("OPTIONS * HTTP/1.1\r\nHost: till.test\r\nConnection: close\r\n\r\n");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.json().path("error_type").asText()).isEqualTo("not_found");
    }

    @Test
    void paths_jetty_accepts_still_reach_the_routes() throws IOException {
        // An encoded slash is not refused by Jetty's URI compliance: the route answers, in JSON as ever.
        Raw r = get("/no/such%2Froute");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().path("error_type").asText()).isEqualTo("not_found");
    }

    @Test
    void a_body_whose_chunks_cannot_be_read_is_400_not_500() throws IOException {
        String key = till.merchant().secretKey();
        Raw r = send("POST /customers HTTP/1.1\r\nHost: till.test\r\nAuthorization: " + key + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n5\r\n{\"ema\r\nzz\r\n");
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.json().path("error_type").asText()).isEqualTo("request_malformed");
        assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("body_unreadable");
    }

    @Test
    void refused_requests_are_counted_in_the_request_metric() throws IOException {
        // Given requests Jetty refuses before routing, one with a method no route serves
        refused(send("GET /health/live HTTP/1.1\r\nHost: till.test\r\nBad Name: v\r\nConnection: close\r\n\r\n"),
                400, "request_malformed", "header_invalid");
        send("BREW /health/live HTTP/1.1\r\nHost: till.test\r\nBad Name: v\r\nConnection: close\r\n\r\n");
        // Then an operator sees them in till_http_requests under the route "rejected", and a
        // method the client made up is "other", so a client cannot mint labels without end
        String metrics = till.anonymous().get("/metrics").body();
        assertThat(metrics).contains("till_http_requests_seconds_count{method=\"GET\",route=\"rejected\",status=\"400\"}");
        assertThat(metrics).contains("till_http_requests_seconds_count{method=\"other\",route=\"rejected\",status=\"400\"}");
        assertThat(metrics).doesNotContain("BREW");
    }
}
