package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MalformedRequestsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void malformed_json_is_400_request_malformed() {
        Api.Reply r = till.api().post("/customers", "{\"email\": ");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("error_type")).isEqualTo("request_malformed");
        assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("json_invalid");
    }

    @Test
    void a_wrong_type_is_400_naming_the_field() {
        Api.Reply r = till.api().post("/customers", "{\"email\": 42}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text("param")).isEqualTo("email");
    }

    @Test
    void a_wrong_content_type_is_400() {
        Api.Reply r = till.api().send("POST", "/customers", "text/plain", "{\"email\":\"a@example.com\"}".getBytes());
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("content_type_unsupported");
    }

    @Test
    void an_oversized_body_is_413() {
        byte[] big = ("{\"email\":\"a@example.com\",\"name\":\"" + "x".repeat(1_100_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        Api.Reply r = till.api().send("POST", "/customers", "application/json", big);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.text("error_type")).isEqualTo("request_too_large");
    }

    @Test
    void deep_nesting_is_rejected_cleanly() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Api.Reply r = till.api().post("/customers", "{\"email\":\"a@example.com\",\"metadata\":" + deep + "}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("json_too_complex");
    }

    @Test
    void unknown_fields_are_ignored() {
        Api.Reply r = till.api().post("/customers", "{\"email\":\"a@example.com\",\"favourite_colour\":\"teal\"}");
        assertThat(r.status()).isEqualTo(201);
    }

    @Test
    void an_unknown_route_is_404_json() {
        Api.Reply r = till.api().get("/no/such/route");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text("error_type")).isEqualTo("not_found");
        assertThat(r.header("Cko-Request-Id")).startsWith("req_");
    }

    @Test
    void no_response_repeats_a_header_name() {
        // Checkout.com's SDK collects headers into a map and breaks on duplicates.
        Api api = till.api();
        for (Api.Reply r : List.of(api.get("/customers"), api.post("/customers", "{}"), api.get("/nope"),
                till.anonymous().get("/customers"), api.post("/customers", "{\"email\":\"d@example.com\"}"))) {
            r.headers().forEach((name, values) -> assertThat(values).as(name).hasSize(1));
            assertThat(r.headers()).containsKey("cko-request-id");
        }
    }

    @Test
    void the_request_id_header_is_spelled_exactly_cko_request_id_on_the_wire() throws Exception {
        // The SDK's header map is case-sensitive: only this exact spelling reaches getRequestId().
        var uri = java.net.URI.create(till.baseUrl());
        try (var socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.getOutputStream().write(("GET /health/live HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes());
            String raw = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(raw).contains("\r\nCko-Request-Id: req_");
        }
    }
}
