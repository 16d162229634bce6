package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookDeliveryTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true");

    @Test
    void a_customer_event_arrives_signed_and_only_the_right_secret_verifies_it() throws Exception {
        // Given a merchant with an endpoint for every event type
        Api api = till.api();
        try (Receiver receiver = Receiver.ok()) {
            JsonNode endpoint = Hooks.register(api, receiver.url());
            String secret = endpoint.path("secret").asText();
            assertThat(secret).startsWith("whsec_");
            assertThat(api.get("/webhooks/" + endpoint.path("id").asText()).body()).doesNotContain(secret);

            // When a customer is created and the worker runs
            String customerId = Hooks.createCustomer(api, "jane@example.com");
            Hooks.deliver(till);

            // Then the receiver got the customer_created event once, in the documented shape
            assertThat(receiver.received()).hasSize(1);
            Receiver.Received got = receiver.received().getFirst();
            String eventId = Hooks.eventId(api, customerId, "customer_created");
            assertThat(got.id()).isEqualTo(eventId);
            JsonNode body = new ObjectMapper().readTree(got.body());
            assertThat(body.properties()).extracting(java.util.Map.Entry::getKey)
                    .containsExactly("id", "type", "created_on", "data", "_links");
            assertThat(body.path("type").asText()).isEqualTo("customer_created");
            assertThat(body.path("data").path("email").asText()).isEqualTo("jane@example.com");
            assertThat(body.path("_links").path("self").path("href").asText()).endsWith("/events/" + eventId);
            assertThat(got.timestamp()).isEqualTo(Long.toString(till.clock().instant().getEpochSecond()));

            // And the signature verifies with the endpoint's secret, and only with it
            byte[] raw = got.body().getBytes(StandardCharsets.UTF_8);
            var now = till.clock().instant();
            assertThat(new WebhookVerifier(secret).verify(got.id(), got.timestamp(), got.signature(), raw, now)).isTrue();
            byte[] tampered = got.body().replace("jane@", "eve@").getBytes(StandardCharsets.UTF_8);
            assertThat(new WebhookVerifier(secret).verify(got.id(), got.timestamp(), got.signature(), tampered, now)).isFalse();
            assertThat(new WebhookVerifier(secret).verify(got.id(), got.timestamp(), got.signature(), raw,
                    now.plus(Duration.ofMinutes(10)))).as("stale timestamp").isFalse();
            String foreign = Hooks.register(till.api(), receiver.url()).path("secret").asText();
            assertThat(new WebhookVerifier(foreign).verify(got.id(), got.timestamp(), got.signature(), raw, now)).isFalse();

            // And Cko-Signature is the hex HMAC-SHA256 of the body keyed with the secret string
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(got.cko()).isEqualTo(HexFormat.of().formatHex(mac.doFinal(raw)));

            // And the delivery shows as succeeded with one 200 attempt
            JsonNode delivery = Hooks.delivery(api, eventId);
            assertThat(delivery.path("status").asText()).isEqualTo("succeeded");
            assertThat(delivery.path("attempts")).hasSize(1);
            assertThat(delivery.path("attempts").get(0).path("status_code").asInt()).isEqualTo(200);
            assertThat(delivery.path("attempts").get(0).path("outcome").asText()).isEqualTo("succeeded");
        }
    }

    @Test
    void an_endpoint_gets_only_the_types_it_subscribed_to_with_its_custom_headers() {
        // Given one endpoint for updates only (with a header) and one for every customer_ type
        Api api = till.api();
        try (Receiver updates = Receiver.ok(); Receiver customers = Receiver.ok()) {
            Api.Reply created = api.post("/webhooks", "{\"url\":\"" + updates.url()
                    + "\",\"event_types\":[\"customer_updated\"],\"headers\":{\"X-Shop\":\"north\"}}");
            assertThat(created.status()).isEqualTo(201);
            Hooks.register(api, customers.url(), "customer_*");

            // When a customer is created, then updated
            String id = Hooks.createCustomer(api, "types@example.com");
            api.patch("/customers/" + id, "{\"name\":\"Types\"}");
            Hooks.deliver(till);

            // Then the first endpoint got only the update, with its header; the second got both
            assertThat(updates.received()).singleElement().satisfies(r -> {
                assertThat(r.body()).contains("\"customer_updated\"");
                assertThat(r.header("X-Shop")).isEqualTo("north");
            });
            assertThat(customers.received()).hasSize(2);
        }
    }

    @Test
    void during_a_secret_rotation_both_signatures_are_sent_for_24_hours() {
        // Given an endpoint whose secret is rotated
        Api api = till.api();
        try (Receiver receiver = Receiver.ok()) {
            JsonNode endpoint = Hooks.register(api, receiver.url());
            String oldSecret = endpoint.path("secret").asText();
            Api.Reply rotated = api.post("/webhooks/" + endpoint.path("id").asText() + "/rotate-secret", null);
            assertThat(rotated.status()).isEqualTo(200);
            String newSecret = rotated.text("secret");
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);

            // When an event is delivered during the overlap
            Hooks.createCustomer(api, "rotate@example.com");
            Hooks.deliver(till);

            // Then it carries two signatures, and receivers on either secret accept it
            Receiver.Received during = receiver.received().getLast();
            assertThat(during.signature().split(" ")).hasSize(2);
            byte[] raw = during.body().getBytes(StandardCharsets.UTF_8);
            var now = till.clock().instant();
            assertThat(new WebhookVerifier(newSecret).verify(during.id(), during.timestamp(), during.signature(), raw, now)).isTrue();
            assertThat(new WebhookVerifier(oldSecret).verify(during.id(), during.timestamp(), during.signature(), raw, now)).isTrue();

            // When the overlap has passed
            till.clock().advance(Duration.ofHours(24).plusSeconds(1));
            Hooks.createCustomer(api, "rotated@example.com");
            Hooks.deliver(till);

            // Then only the new secret signs
            Receiver.Received after = receiver.received().getLast();
            byte[] rawAfter = after.body().getBytes(StandardCharsets.UTF_8);
            now = till.clock().instant();
            assertThat(after.signature().split(" ")).hasSize(1);
            assertThat(new WebhookVerifier(newSecret).verify(after.id(), after.timestamp(), after.signature(), rawAfter, now)).isTrue();
            assertThat(new WebhookVerifier(oldSecret).verify(after.id(), after.timestamp(), after.signature(), rawAfter, now)).isFalse();
        }
    }
}
