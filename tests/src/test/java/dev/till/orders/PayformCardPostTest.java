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
        String path = checkoutPath(api, id);

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
        String path = checkoutPath(api, id);
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
        String path = checkoutPath(api, id);
        assertThat(post(path, "4000000000003055").header("Location")).isEqualTo("https://shop.example/wait");
        String abandoned = newestPayment(api);
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

        // And the order's transactions say which attempt paid it and which one was given back
        var outcomes = new java.util.HashMap<String, String>();
        for (var t : api.get("/orders/" + id).json().path("transactions")) {
            outcomes.put(t.path("payment_id").asText(), t.path("outcome").asText());
        }
        assertThat(outcomes).containsEntry(abandoned, "superseded").containsValue("approved").hasSize(2);
    }

    @Test
    void a_hold_stays_held_when_the_release_job_voids_a_superseded_attempt() {
        // Given an order that only holds funds, whose first attempt (on the payform) got no network
        // reply, and whose second attempt (April) holds the funds
        till.clock().advance(java.time.Duration.ofMinutes(1)); // a fresh per-address allowance of card posts
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "30.00", ",\"capture\":false,\"in_progress_redirect\":\"https://shop.example/wait\"");
        String path = checkoutPath(api, id);
        assertThat(post(path, Cards.NO_REPLY).header("Location")).isEqualTo("https://shop.example/wait");
        String abandoned = newestPayment(api);
        Api.Reply second = Cards.aprilPay(till, m, id, Cards.VISA);
        assertThat(second.status()).as(second.body()).isEqualTo(200);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("hold");

        // When the reconciler learns the first attempt was approved after all, and the release job voids it
        till.gateway().jobs().runNow("payments-reconcile");
        assertThat(api.get("/payments/" + abandoned).text("status")).isEqualTo("Authorized");
        assertThat(till.gateway().jobs().runNow("order-release-superseded")).isEqualTo(1);
        assertThat(api.get("/payments/" + abandoned).text("status")).isEqualTo("Voided");

        // Then the order still holds the second payment's funds, and the merchant can capture them
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("hold");
        Api.Reply captured = api.post("/orders/" + id + "/capture", null);
        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(captured.text("status")).isEqualTo("paid");
        assertThat(api.get("/payments/" + otherAttempt(api, id, abandoned)).text("status")).isEqualTo("Captured");
    }

    @Test
    void a_refund_takes_money_from_the_payment_that_paid_the_order_not_from_a_later_superseded_one() {
        // Given an order whose first attempt (April) waits in 3-D Secure, and whose second attempt,
        // made a moment later on the payform, got no network reply
        till.clock().advance(java.time.Duration.ofMinutes(1)); // a fresh per-address allowance of card posts
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "30.00", ",\"in_progress_redirect\":\"https://shop.example/wait\"");
        String path = checkoutPath(api, id);
        Api.Reply first = Cards.aprilPay(till, m, id, Cards.THREE_DS);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String paying = newestPayment(api);
        till.clock().advance(java.time.Duration.ofSeconds(1)); // so the second attempt is the later one
        assertThat(post(path, Cards.NO_REPLY).header("Location")).isEqualTo("https://shop.example/wait");
        String late = otherAttempt(api, id, paying);

        // When the cardholder passes the challenge, the first attempt pays the order
        Cards.completeChallenge(till, api, paying, true);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
        // And the reconciler then learns that the second attempt was approved (and captured) too
        till.gateway().jobs().runNow("payments-reconcile");
        assertThat(api.get("/payments/" + late).text("status")).isEqualTo("Captured");

        // When the merchant refunds part of the order
        Cards.fundBalance(till, m);
        Api.Reply refund = api.post("/orders/" + id + "/refunds?response_type=standard", "{\"amount\":1000}");

        // Then the refund comes out of the payment that paid the order
        assertThat(refund.status()).as(refund.body()).isEqualTo(200);
        assertThat(refund.json().path("refunded_amount").asLong()).isEqualTo(10_00);
        assertThat(api.get("/payments/" + paying).text("status")).isEqualTo("Partially Refunded");
        assertThat(api.get("/payments/" + late).text("status")).isEqualTo("Captured");

        // And the release job gives the superseded payment back whole, leaving the order paid
        assertThat(till.gateway().jobs().runNow("order-release-superseded")).isEqualTo(1);
        assertThat(api.get("/payments/" + late).text("status")).isEqualTo("Refunded");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
    }

    @Test
    void a_release_the_network_declines_waits_and_does_not_hold_back_later_ones() {
        // Given an order paid by its second attempt, whose first attempt (on the payform) got no
        // network reply, was approved and captured after all, and is on a card whose refunds the
        // network declines
        till.clock().advance(java.time.Duration.ofMinutes(1)); // a fresh per-address allowance of card posts
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String paid = Cards.order(api, "30.00", ",\"in_progress_redirect\":\"https://shop.example/wait\"");
        assertThat(post(checkoutPath(api, paid), Cards.NO_REPLY_NO_REFUNDS).header("Location")).isEqualTo("https://shop.example/wait");
        String declining = newestPayment(api);
        assertThat(Cards.aprilPay(till, m, paid, Cards.VISA).status()).isEqualTo(200);
        till.gateway().jobs().runNow("payments-reconcile");
        assertThat(api.get("/payments/" + declining).text("status")).isEqualTo("Captured");

        // And, a second later, an order holding funds whose first attempt was approved late too
        till.clock().advance(java.time.Duration.ofSeconds(1));
        String held = Cards.order(api, "20.00", ",\"capture\":false,\"in_progress_redirect\":\"https://shop.example/wait\"");
        assertThat(post(checkoutPath(api, held), Cards.NO_REPLY).header("Location")).isEqualTo("https://shop.example/wait");
        String voidable = newestPayment(api);
        assertThat(Cards.aprilPay(till, m, held, Cards.VISA).status()).isEqualTo(200);
        till.gateway().jobs().runNow("payments-reconcile");
        assertThat(api.get("/payments/" + voidable).text("status")).isEqualTo("Authorized");

        // When the release job runs
        assertThat(till.gateway().jobs().runNow("order-release-superseded")).isEqualTo(1);

        // Then the later payment is voided although refunding the older one was declined, and the
        // older one, still captured, is not given up: the declined refund is on record
        assertThat(api.get("/payments/" + voidable).text("status")).isEqualTo("Voided");
        assertThat(api.get("/payments/" + declining).text("status")).isEqualTo("Captured");
        assertThat(refundsTried(api, declining)).isEqualTo(1);

        // And it is tried again five minutes later, not before
        assertThat(till.gateway().jobs().runNow("order-release-superseded")).isZero();
        assertThat(refundsTried(api, declining)).isEqualTo(1);
        till.clock().advance(java.time.Duration.ofMinutes(5));
        assertThat(till.gateway().jobs().runNow("order-release-superseded")).isZero();
        assertThat(refundsTried(api, declining)).isEqualTo(2);
        assertThat(api.get("/orders/" + paid).text("status")).isEqualTo("paid");

        // And each refusal doubles the wait: ten minutes after the second try, twenty after the third
        assertThat(refundsTriedAfter(api, declining, java.time.Duration.ofMinutes(9))).isEqualTo(2);
        assertThat(refundsTriedAfter(api, declining, java.time.Duration.ofMinutes(1))).isEqualTo(3);
        assertThat(refundsTriedAfter(api, declining, java.time.Duration.ofMinutes(19))).isEqualTo(3);
        assertThat(refundsTriedAfter(api, declining, java.time.Duration.ofMinutes(1))).isEqualTo(4);

        // Up to six hours between tries, however long the network keeps declining: never given up
        for (int i = 0; i < 4; i++) { // six hours outlast each wait so far (40 to 320 minutes); the 8th sets the longest
            refundsTriedAfter(api, declining, java.time.Duration.ofHours(6));
        }
        long tried = refundsTried(api, declining);
        assertThat(tried).isEqualTo(8);
        assertThat(refundsTriedAfter(api, declining, java.time.Duration.ofHours(6).minusMinutes(1))).isEqualTo(tried);
        assertThat(refundsTriedAfter(api, declining, java.time.Duration.ofMinutes(1))).isEqualTo(tried + 1);
        assertThat(api.get("/payments/" + declining).text("status")).isEqualTo("Captured");
    }

    private static String checkoutPath(Api api, String orderId) {
        return api.get("/orders/" + orderId).text("checkout_url").replaceFirst("^https?://[^/]+", "");
    }

    /** The merchant's latest payment: right after a card post, the attempt it made. */
    private static String newestPayment(Api api) {
        return api.get("/payments?reference=").json().path("data").get(0).path("id").asText();
    }

    /** Lets {@code wait} pass, runs the release job once, and counts the refunds tried since the start. */
    private static long refundsTriedAfter(Api api, String paymentId, java.time.Duration wait) {
        till.clock().advance(wait);
        till.gateway().jobs().runNow("order-release-superseded");
        return refundsTried(api, paymentId);
    }

    private static long refundsTried(Api api, String paymentId) {
        long n = 0;
        for (var action : api.get("/payments/" + paymentId + "/actions").json()) {
            if (action.path("type").asText().equals("Refund")) n++;
        }
        return n;
    }

    /** The order's other attempt's payment. */
    private static String otherAttempt(Api api, String orderId, String notThis) {
        for (var t : api.get("/orders/" + orderId).json().path("transactions")) {
            if (!t.path("payment_id").asText().equals(notThis)) return t.path("payment_id").asText();
        }
        throw new AssertionError("order " + orderId + " has no other attempt than " + notThis);
    }
}
