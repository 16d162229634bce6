package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;

/** Small steps the webhook stories share. */
final class Hooks {
    private Hooks() {}

    static final String DELIVERY_JOB = "webhook-delivery";

    /** Registers an endpoint for every event type and returns the answer (with its secret). */
    static JsonNode register(Api api, String url, String... types) {
        String typesJson = types.length == 0 ? "[]" : "[\"" + String.join("\",\"", types) + "\"]";
        Api.Reply reply = api.post("/webhooks", "{\"url\":\"" + url + "\",\"event_types\":" + typesJson + "}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.json();
    }

    static String createCustomer(Api api, String email) {
        Api.Reply reply = api.post("/customers", "{\"email\":\"" + email + "\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.text("id");
    }

    /** The one event of the object, by type. */
    static String eventId(Api api, String objectId, String type) {
        JsonNode data = api.get("/events?object_id=" + objectId + "&type=" + type).json().path("data");
        assertThat(data).hasSize(1);
        return data.get(0).path("id").asText();
    }

    static JsonNode delivery(Api api, String eventId) {
        JsonNode data = api.get("/events/" + eventId + "/deliveries").json().path("data");
        assertThat(data).hasSize(1);
        return data.get(0);
    }

    static void deliver(TillServer till) {
        till.gateway().jobs().runNow(DELIVERY_JOB);
    }
}
