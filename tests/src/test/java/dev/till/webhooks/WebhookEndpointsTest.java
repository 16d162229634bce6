package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookEndpointsTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true");

    @Test
    void a_merchant_registers_changes_lists_and_deletes_an_endpoint() {
        // Given a merchant
        Api api = till.api();

        // When it registers an endpoint
        JsonNode created = Hooks.register(api, "http://127.0.0.1:9/hook", "customer_created");
        String id = created.path("id").asText();

        // Then it has a whe_ ID, is active, and reads back without its secret
        assertThat(id).matches("whe_[a-z2-7]{26}");
        assertThat(created.path("active").asBoolean()).isTrue();
        JsonNode read = api.get("/webhooks/" + id).json();
        assertThat(read.has("secret")).isFalse();
        assertThat(read.path("event_types").get(0).asText()).isEqualTo("customer_created");

        // When it changes the types and pauses it
        JsonNode updated = api.patch("/webhooks/" + id, "{\"event_types\":[],\"active\":false}").json();
        assertThat(updated.path("event_types")).isEmpty();
        assertThat(updated.path("active").asBoolean()).isFalse();
        assertThat(updated.path("url").asText()).isEqualTo("http://127.0.0.1:9/hook");

        // Then the list shows it, and after deleting it is gone
        assertThat(api.get("/webhooks").json().path("data").findValuesAsText("id")).containsExactly(id);
        assertThat(api.delete("/webhooks/" + id).status()).isEqualTo(204);
        assertThat(api.get("/webhooks/" + id).status()).isEqualTo(404);
    }

    @Test
    void urls_inside_the_network_and_malformed_fields_are_refused() {
        Api api = till.api();
        assertThat(codes(api.post("/webhooks", "{}"))).containsExactly("url_required");
        assertThat(codes(api.post("/webhooks", "{\"url\":\"ftp://example.com/x\"}"))).containsExactly("url_invalid");
        assertThat(codes(api.post("/webhooks", "{\"url\":\"http://10.0.0.5/hook\"}"))).containsExactly("url_address_not_allowed");
        assertThat(codes(api.post("/webhooks", "{\"url\":\"http://169.254.169.254/latest/meta-data\"}")))
                .containsExactly("url_address_not_allowed");
        assertThat(codes(api.post("/webhooks", "{\"url\":\"http://[fd00:ec2::254]/\"}"))).containsExactly("url_address_not_allowed");
        assertThat(codes(api.post("/webhooks", "{\"url\":\"https://192.168.1.1/\",\"event_types\":[\"Bad Type\"],"
                + "\"headers\":{\"Host\":\"evil\"}}"))).containsExactly("event_type_invalid", "header_invalid");
        assertThat(api.post("/webhooks", "{\"url\":\"https://93.184.215.14/hook\",\"event_types\":\"all\"}").status()).isEqualTo(400);

        // A live merchant must use https
        Api live = till.api(till.gateway().services().merchants().create("Live", false));
        assertThat(codes(live.post("/webhooks", "{\"url\":\"http://93.184.215.14/hook\"}"))).containsExactly("url_https_required");
        assertThat(live.post("/webhooks", "{\"url\":\"https://93.184.215.14/hook\"}").status()).isEqualTo(201);
    }

    @Test
    void events_are_listed_by_type_and_object_and_resent_on_request() {
        // Given a customer created and updated, delivered to an endpoint
        Api api = till.api();
        try (Receiver receiver = Receiver.ok()) {
            String endpointId = Hooks.register(api, receiver.url()).path("id").asText();
            String customerId = Hooks.createCustomer(api, "log@example.com");
            // Newest first is by time; events of one instant are ordered by their random IDs
            till.clock().advance(java.time.Duration.ofSeconds(1));
            api.patch("/customers/" + customerId, "{\"name\":\"Log\"}");
            Hooks.deliver(till);

            // Then the events list filters by object and type and carries the per-object sequence
            JsonNode events = api.get("/events?object_id=" + customerId).json().path("data");
            assertThat(events.findValuesAsText("type")).containsExactly("customer_updated", "customer_created");
            assertThat(events.findValuesAsText("sequence")).containsExactly("2", "1");
            String createdId = Hooks.eventId(api, customerId, "customer_created");
            assertThat(api.get("/events/" + createdId).json().path("data").path("email").asText()).isEqualTo("log@example.com");
            JsonNode page = api.get("/events?limit=1").json();
            assertThat(page.path("has_more").asBoolean()).isTrue();
            assertThat(api.get("/events?limit=1&cursor=" + page.path("next_cursor").asText()).json().path("data")
                    .get(0).path("type").asText()).isEqualTo("customer_created");

            // And the endpoint's log filters by type and status
            assertThat(api.get("/webhooks/" + endpointId + "/deliveries?event_type=customer_updated").json().path("data"))
                    .hasSize(1);
            assertThat(api.get("/webhooks/" + endpointId + "/deliveries?status=failed").json().path("data")).isEmpty();
            assertThat(api.get("/webhooks/" + endpointId + "/deliveries?status=bogus").status()).isEqualTo(422);

            // When the merchant resends the created event to that endpoint
            Api.Reply resent = api.post("/events/" + createdId + "/resend", "{\"endpoint_id\":\"" + endpointId + "\"}");
            assertThat(resent.status()).isEqualTo(202);
            assertThat(resent.json().path("deliveries").get(0).path("status").asText()).isEqualTo("pending");
            Hooks.deliver(till);

            // Then the receiver gets it a second time, with the same webhook-id
            assertThat(receiver.received()).extracting(Receiver.Received::id).filteredOn(createdId::equals).hasSize(2);
            assertThat(Hooks.delivery(api, createdId).path("attempts")).hasSize(2);

            // And a resend without a body goes to every subscribed endpoint
            assertThat(api.post("/events/" + createdId + "/resend", null).json().path("deliveries")).hasSize(1);
        }
    }

    @Test
    void seed_003s_subscribe_registers_an_endpoint_for_payment_events() {
        Api api = till.api();
        Api.Reply reply = api.post("/api/v1/payments/subscribe", "{\"url\":\"https://93.184.215.14/payments\"}");
        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.text("secret")).startsWith("whsec_");
        assertThat(reply.json().path("eventTypes").get(0).asText()).isEqualTo("payout.*");
        JsonNode endpoint = api.get("/webhooks/" + reply.text("id")).json();
        assertThat(endpoint.path("url").asText()).isEqualTo("https://93.184.215.14/payments");
        assertThat(codes(api.post("/api/v1/payments/subscribe", "{\"url\":\"http://10.1.2.3/\"}")))
                .containsExactly("url_address_not_allowed");
    }

    @Test
    void another_merchants_endpoints_events_and_deliveries_are_404() {
        // Given merchant A's endpoint, event and delivery
        Api a = till.api();
        Api b = till.api();
        try (Receiver receiver = Receiver.ok()) {
            String endpointId = Hooks.register(a, receiver.url()).path("id").asText();
            String eventId = Hooks.eventId(a, Hooks.createCustomer(a, "mine@example.com"), "customer_created");
            Hooks.deliver(till);

            // Then merchant B sees none of it and can change none of it
            assertThat(b.get("/webhooks/" + endpointId).status()).isEqualTo(404);
            assertThat(b.patch("/webhooks/" + endpointId, "{\"active\":false}").status()).isEqualTo(404);
            assertThat(b.post("/webhooks/" + endpointId + "/rotate-secret", null).status()).isEqualTo(404);
            assertThat(b.get("/webhooks/" + endpointId + "/deliveries").status()).isEqualTo(404);
            assertThat(b.delete("/webhooks/" + endpointId).status()).isEqualTo(404);
            assertThat(b.get("/events/" + eventId).status()).isEqualTo(404);
            assertThat(b.get("/events/" + eventId + "/deliveries").status()).isEqualTo(404);
            assertThat(b.post("/events/" + eventId + "/resend", null).status()).isEqualTo(404);
            assertThat(b.get("/events").body()).doesNotContain(eventId);
            assertThat(b.get("/webhooks").body()).doesNotContain(endpointId);

            // And B cannot resend its own event to A's endpoint
            String own = Hooks.eventId(b, Hooks.createCustomer(b, "theirs@example.com"), "customer_created");
            assertThat(b.post("/events/" + own + "/resend", "{\"endpoint_id\":\"" + endpointId + "\"}").status()).isEqualTo(404);

            // And A's endpoint is untouched
            assertThat(a.get("/webhooks/" + endpointId).json().path("active").asBoolean()).isTrue();
        }
    }

    private static java.util.List<String> codes(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        return java.util.stream.StreamSupport.stream(reply.json().path("error_codes").spliterator(), false)
                .map(JsonNode::asText).toList();
    }
}
