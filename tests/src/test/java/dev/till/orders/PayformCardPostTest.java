package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The payform's card post over plain HTTP: the paths a browser test does not reach. */
class PayformCardPostTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_RATE_LIMIT_ANONYMOUS", "3");

    private static Api.Reply post(String path, String number) {
        String form = "name=Jane&number=" + number + "&expiry=12%2F31&cvv=123";
        return till.anonymous().send("POST", path, "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_payment_the_network_has_not_answered_goes_to_the_in_progress_redirect_and_settles_later() {
        // Given an order with the three redirects
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "30.00", ",\"success_redirect\":\"https://shop.example/ok\",\"in_progress_redirect\":\"https://shop.example/wait\",\"failure_redirect\":\"https://shop.example/no\"");
        String path = api.get("/orders/" + id).text("checkout_url").replaceFirst("^https?://[^/]+", "");

        // When the customer pays with a card whose network reply never comes
        Api.Reply reply = post(path, "4000000000003055");

        // Then they go to the in-progress page and the order waits
        assertThat(reply.status()).as(reply.body()).isEqualTo(303);
        assertThat(reply.header("Location")).isEqualTo("https://shop.example/wait");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("in_progress");

        // When the reconciler learns the payment was approved, the order is paid
        till.gateway().jobs().runNow("payments-reconcile");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).endsWith("order.payment_success", "order.paid");
    }

    @Test
    void card_posts_are_limited_per_client_address() {
        Api api = till.api();
        String id = Cards.order(api, "30.00", "");
        String path = api.get("/orders/" + id).text("checkout_url").replaceFirst("^https?://[^/]+", "");
        Api.Reply limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            Api.Reply r = post(path, "4242424242424241"); // refused by the vault (Luhn): no attempt is counted
            if (r.status() == 429) limited = r;
        }
        assertThat(limited).isNotNull();
        assertThat(limited.header("Retry-After")).isNotNull();
        assertThat(limited.body()).contains("Too many attempts");
    }

    @Test
    void a_late_approval_of_an_abandoned_attempt_is_given_back_never_charged_twice() {
        // Given an order whose first attempt got no network reply, and a second attempt that paid it
        till.clock().advance(java.time.Duration.ofMinutes(1)); // a fresh per-address allowance of card posts
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "30.00", ",\"in_progress_redirect\":\"https://shop.example/wait\"");
        String path = api.get("/orders/" + id).text("checkout_url").replaceFirst("^https?://[^/]+", "");
        assertThat(post(path, "4000000000003055").header("Location")).isEqualTo("https://shop.example/wait");
        String abandoned = api.get("/payments?reference=").json().path("data").get(0).path("id").asText();
        String token = till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"100\"}").text("token");
        Api.Reply second = api.post("/orders/" + id + "/pay", "{\"PayByCard\":{\"paymentTokenId\":\"" + token + "\"}}");
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");

        // When the reconciler learns the first attempt was approved (and captured) after all
        till.gateway().jobs().runNow("payments-reconcile");
        assertThat(api.get("/payments/" + abandoned).text("status")).isEqualTo("Captured");

        // Then the release job refunds it, and the order stays paid by the second payment
        assertThat(till.gateway().jobs().runNow("order-release-superseded")).isEqualTo(1);
        assertThat(api.get("/payments/" + abandoned).text("status")).isEqualTo("Refunded");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
        assertThat(till.gateway().jobs().runNow("order-release-superseded")).isZero();
    }
}
