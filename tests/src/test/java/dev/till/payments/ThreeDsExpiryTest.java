package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A 3-D Secure challenge the cardholder never finishes expires after 15 minutes, as at
 * Checkout.com: the payment is declined with 20152 and the merchant hears of it.
 */
class ThreeDsExpiryTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true");

    static final String JOB = "payments-expire-challenges";
    static final String SUMMARY = "Initial 3DS transaction not completed within 15 minutes";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The merchant's site: its success and failure pages, and its webhook endpoint (which keeps what it got). */
    static HttpServer shop;
    static String shopUrl;
    static final List<JsonNode> webhooks = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/webhooks")) webhooks.add(JSON.readTree(body));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        shop.start();
        shopUrl = "http://127.0.0.1:" + shop.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        if (shop != null) shop.stop(0);
    }

    @Test
    void a_challenge_left_alone_for_fifteen_minutes_is_declined_with_20152_and_the_merchant_is_told() {
        // Given a merchant with a webhook endpoint, and a payment waiting for its cardholder in 3-D Secure
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api.Reply endpoint = api.post("/webhooks", "{\"url\":\"" + shopUrl + "/webhooks\",\"event_types\":[\"payment_declined\"]}");
        assertThat(endpoint.status()).as(endpoint.body()).isEqualTo(201);
        Api.Reply pending = challenged(m, 42_00);
        String id = pending.text("id");

        // When the cardholder never comes back, fifteen minutes pass and the expiry job runs
        till.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        till.gateway().jobs().runNow(JOB);

        // Then the payment is Declined with Checkout.com's code for an abandoned challenge
        Api.Reply read = api.get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Declined");
        assertThat(read.json().path("approved").asBoolean()).isFalse();
        assertThat(read.text("response_code")).isEqualTo("20152");
        assertThat(read.text("response_summary")).isEqualTo(SUMMARY);
        assertThat(read.json().path("_links").has("redirect")).isFalse();
        JsonNode actions = api.get("/payments/" + id + "/actions").json();
        assertThat(actions).hasSize(1);
        assertThat(actions.get(0).path("type").asText()).isEqualTo("Authorization");
        assertThat(actions.get(0).path("approved").asBoolean()).isFalse();
        assertThat(actions.get(0).path("response_code").asText()).isEqualTo("20152");

        // And payment_declined is recorded once, and its webhook reaches the merchant
        assertThat(eventTypes(api, id)).containsExactly("payment_pending", "payment_declined");
        till.gateway().jobs().runNow("webhook-delivery");
        JsonNode webhook = webhooks.stream().filter(w -> w.path("data").path("id").asText().equals(id)).findFirst().orElseThrow();
        assertThat(webhook.path("type").asText()).isEqualTo("payment_declined");
        assertThat(webhook.path("data").path("response_code").asText()).isEqualTo("20152");
        assertThat(webhook.path("data").path("response_summary").asText()).isEqualTo(SUMMARY);

        // And a second run finds nothing more to do
        till.gateway().jobs().runNow(JOB);
        assertThat(eventTypes(api, id)).containsExactly("payment_pending", "payment_declined");
    }

    @Test
    void an_expired_challenge_the_network_has_no_answer_for_goes_to_the_reconciler_and_is_not_declined() {
        // Given a payment waiting in 3-D Secure, on a card whose network answers no lookup meanwhile
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = challenged(m, 42_00, "4000000000003238").text("id");

        // When fifteen minutes pass and the expiry job asks the network, which does not answer
        till.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        till.gateway().jobs().runNow(JOB);

        // Then the challenge is over, but the payment is not declined: what the network did is not
        // known, so it stays Pending for the reconciler, which keeps it so while there is no answer
        Api.Reply read = api.get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Pending");
        assertThat(read.json().path("_links").has("redirect")).isFalse();
        assertThat(read.json().has("response_code")).isFalse();
        till.gateway().jobs().runNow("payments-reconcile");
        assertThat(api.get("/payments/" + id).text("status")).isEqualTo("Pending");
        assertThat(till.gateway().jobs().runNow(JOB)).isZero();
    }

    @Test
    void an_expired_challenge_the_network_approved_is_settled_as_approved_and_captured() {
        // Given a payment that asks for capture, waiting in 3-D Secure, whose completion the network
        // approved without Till hearing of it (as when its own transaction never committed)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api.Reply token = till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"4000000000003246\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"100\"}");
        Api.Reply pending = api.post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token.text("token")
                + "\"},\"amount\":4200,\"currency\":\"EUR\"}");
        assertThat(pending.status()).as(pending.body()).isEqualTo(202);
        String id = pending.text("id");

        // When fifteen minutes pass and the expiry job asks the network
        till.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(till.gateway().jobs().runNow(JOB)).isEqualTo(1);

        // Then nothing the network authorized is lost: the payment is approved and captured, not declined with 20152
        Api.Reply read = api.get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Captured");
        assertThat(read.json().path("approved").asBoolean()).isTrue();
        assertThat(read.json().path("balances").path("total_captured").asLong()).isEqualTo(42_00);
        assertThat(read.json().path("_links").has("redirect")).isFalse();
        assertThat(eventTypes(api, id)).containsExactly("payment_pending", "payment_approved", "payment_captured");
    }

    @Test
    void a_challenge_younger_than_fifteen_minutes_waits_and_can_still_be_completed() {
        // Given a payment waiting in 3-D Secure
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = challenged(m, 42_00).text("id");

        // When exactly fifteen minutes pass and the expiry job runs
        till.clock().advance(Duration.ofMinutes(15));
        till.gateway().jobs().runNow(JOB);

        // Then the payment still waits, and its page still offers the challenge
        assertThat(api.get("/payments/" + id).text("status")).isEqualTo("Pending");
        Api.Reply page = till.anonymous().get(challengePath(api, id));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"complete\"");

        // And the cardholder can still confirm it
        Api.Reply confirmed = submit(api, id, "pass");
        assertThat(confirmed.status()).isEqualTo(303);
        assertThat(confirmed.header("Location")).isEqualTo(shopUrl + "/ok?cko-payment-id=" + id);
        assertThat(api.get("/payments/" + id).text("status")).isEqualTo("Authorized");
        assertThat(eventTypes(api, id)).containsExactly("payment_pending", "payment_approved");
    }

    @Test
    void the_page_of_an_expired_challenge_says_so_and_declines_nothing_twice() {
        // Given a challenge that expired
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = challenged(m, 42_00).text("id");
        String path = challengePath(api, id);
        till.clock().advance(Duration.ofMinutes(16));
        till.gateway().jobs().runNow(JOB);
        assertThat(api.get("/payments/" + id).text("response_code")).isEqualTo("20152");

        // When the cardholder opens the page again, it tells them time ran out and offers no form
        Api.Reply page = till.anonymous().get(path);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body()).contains("id=\"result\"").contains("time to confirm").doesNotContain("<form");

        // When a form left open in another tab is submitted, Confirm or Cancel
        Api.Reply confirm = till.anonymous().send("POST", path, "application/x-www-form-urlencoded",
                "outcome=pass".getBytes(StandardCharsets.UTF_8));
        Api.Reply cancel = till.anonymous().send("POST", path, "application/x-www-form-urlencoded",
                "outcome=fail".getBytes(StandardCharsets.UTF_8));

        // Then both go to the failure page, and the payment stays declined once, with 20152
        assertThat(confirm.status()).isEqualTo(303);
        assertThat(confirm.header("Location")).isEqualTo(shopUrl + "/ko?cko-payment-id=" + id);
        assertThat(cancel.status()).isEqualTo(303);
        assertThat(cancel.header("Location")).isEqualTo(shopUrl + "/ko?cko-payment-id=" + id);
        Api.Reply read = api.get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Declined");
        assertThat(read.text("response_code")).isEqualTo("20152");
        assertThat(api.get("/payments/" + id + "/actions").json()).hasSize(1);
        assertThat(eventTypes(api, id)).containsExactly("payment_pending", "payment_declined");
    }

    @Test
    void a_confirmation_after_fifteen_minutes_is_too_late_even_before_the_job_came_by() {
        // Given a challenge whose fifteen minutes are up, which the expiry job has not reached yet
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = challenged(m, 42_00).text("id");
        till.clock().advance(Duration.ofMinutes(15).plusSeconds(1));

        // Then its page already says time ran out
        Api.Reply page = till.anonymous().get(challengePath(api, id));
        assertThat(page.body()).contains("time to confirm").doesNotContain("<form");
        assertThat(api.get("/payments/" + id).text("status")).isEqualTo("Pending");

        // When the cardholder submits a form they kept open
        Api.Reply late = submit(api, id, "pass");

        // Then the payment is declined as the job would have declined it, and nothing is authorized
        assertThat(late.status()).isEqualTo(303);
        assertThat(late.header("Location")).isEqualTo(shopUrl + "/ko?cko-payment-id=" + id);
        Api.Reply read = api.get("/payments/" + id);
        assertThat(read.text("status")).isEqualTo("Declined");
        assertThat(read.text("response_code")).isEqualTo("20152");
        assertThat(read.json().path("balances").path("total_authorized").asLong()).isZero();
        assertThat(eventTypes(api, id)).containsExactly("payment_pending", "payment_declined");
    }

    private static Api.Reply challenged(NewMerchant m, long amount) {
        return challenged(m, amount, "4000000000003220");
    }

    private static Api.Reply challenged(NewMerchant m, long amount, String cardNumber) {
        Api.Reply token = till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"" + cardNumber + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"100\"}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        Api.Reply pending = till.api(m).post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token.text("token")
                + "\"},\"amount\":" + amount + ",\"currency\":\"EUR\",\"capture\":false,"
                + "\"success_url\":\"" + shopUrl + "/ok\",\"failure_url\":\"" + shopUrl + "/ko\"}");
        assertThat(pending.status()).as(pending.body()).isEqualTo(202);
        assertThat(pending.text("status")).isEqualTo("Pending");
        return pending;
    }

    /** The challenge page's path on Till, from the pending payment's redirect link. */
    private static String challengePath(Api api, String paymentId) {
        String href = api.get("/payments/" + paymentId).json().path("_links").path("redirect").path("href").asText();
        assertThat(href).as("payment " + paymentId + " offers a challenge").isNotEmpty();
        return href.substring(till.gateway().services().publicUrl().length());
    }

    /** What the challenge page's form sends: {@code pass} for Confirm payment, {@code fail} for Cancel. */
    private static Api.Reply submit(Api api, String paymentId, String outcome) {
        return till.anonymous().send("POST", challengePath(api, paymentId), "application/x-www-form-urlencoded",
                ("outcome=" + outcome).getBytes(StandardCharsets.UTF_8));
    }

    /** The payment's event types, oldest first, as the merchant reads them through /events. */
    private static List<String> eventTypes(Api api, String objectId) {
        Api.Reply page = api.get("/events?limit=100&object_id=" + objectId);
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        page.json().path("data").forEach(events::add);
        // The test clock stands still between steps, so creation times tie; the per-object sequence orders them.
        events.sort(Comparator.comparingInt(e -> e.path("sequence").asInt()));
        return events.stream().map(e -> e.path("type").asText()).toList();
    }
}
