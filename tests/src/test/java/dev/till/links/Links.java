package dev.till.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Small steps the payment link stories share. */
final class Links {
    static final String VISA = "4242424242424242";
    static final String THREE_DS_VISA = "4000000000003220";
    static final String THREE_DS_NO_REFUNDS_VISA = "4000000000003121";

    private Links() {}

    static JsonNode create(Api api, String extraJson) {
        Api.Reply created = api.post("/payment-links", "{\"amount\":6500,\"currency\":\"EUR\",\"reference\":\"ORD-1\","
                + "\"description\":\"Two tickets\",\"back_to_shop_url\":\"https://shop.example/back\""
                + extraJson + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    /** The widget's path, relative to Till (the link's url is absolute). */
    static String path(TillServer till, JsonNode link) {
        return link.path("url").asText().substring(till.gateway().services().publicUrl().length());
    }

    /** What the widget's form sends when the customer presses Pay. */
    static Api.Reply pay(TillServer till, JsonNode link, String number) {
        return till.anonymous().send("POST", path(till, link), "application/x-www-form-urlencoded",
                form("number", number, "expiry_month", "12", "expiry_year", "2031", "cvv", "100", "name", "Ada Lovelace"));
    }

    /** What the cardholder's press of "Confirm payment" on the bank's challenge page sends. */
    static Api.Reply passChallenge(TillServer till, Api api, String paymentId) {
        String href = api.get("/payments/" + paymentId).json().path("_links").path("redirect").path("href").asText();
        assertThat(href).as("payment " + paymentId + " awaits a challenge").isNotEmpty();
        return till.anonymous().send("POST", href.substring(till.gateway().services().publicUrl().length()),
                "application/x-www-form-urlencoded", form("outcome", "pass"));
    }

    static byte[] form(String... pairs) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!b.isEmpty()) b.append('&');
            b.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The types of an object's events, oldest first. */
    static List<String> eventTypes(Api api, String objectId) {
        JsonNode page = api.get("/events?limit=100&object_id=" + objectId).json();
        List<JsonNode> events = new ArrayList<>();
        page.path("data").forEach(events::add);
        // The test clock stands still, so creation times tie; the per-object sequence orders them.
        events.sort(java.util.Comparator.comparingInt(e -> e.path("sequence").asInt()));
        return events.stream().map(e -> e.path("type").asText()).toList();
    }
}
