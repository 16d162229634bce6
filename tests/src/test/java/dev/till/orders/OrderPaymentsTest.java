package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.merchants.NewMerchant;
import dev.till.core.orders.OrderJobs;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Orders whose attempts are real card payments on the simulator: holds, refunds, limits and disputes. */
class OrderPaymentsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void a_hold_is_captured() {
        // Given an order that only holds the funds, paid with a good card
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", ",\"capture\":false");
        Api.Reply paid = Cards.aprilPay(till, m, id, Cards.VISA);
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.text("transactionStatus")).isEqualTo("authorised");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("hold");

        // When the merchant captures
        Api.Reply captured = api.post("/orders/" + id + "/capture", null);

        // Then the order is paid and its payment captured
        assertThat(captured.status()).as(captured.body()).isEqualTo(200);
        assertThat(captured.text("status")).isEqualTo("paid");
        String paymentId = captured.json().path("transactions").get(0).path("payment_id").asText();
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Captured");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly(
                "order.issued", "order.in_progress", "order.payment_success", "order.hold", "order.paid");
    }

    @Test
    void a_capture_through_the_payments_api_links_the_order_receipt_and_a_plain_payment_links_none() {
        // Given an order holding funds, and a payment that belongs to no order
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = heldOrder(m, api);
        String orderPayment = paymentOf(api, id);
        String plain = api.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"4242424242424242\","
                + "\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"100\"},\"amount\":1000,\"currency\":\"USD\","
                + "\"capture\":false}").text("id");

        // When each is captured through the payments API (Payer's step 3)
        Api.Reply ofOrder = api.post("/payments/" + orderPayment + "/captures", null);
        Api.Reply ofNone = api.post("/payments/" + plain + "/captures", null);

        // Then the order's capture links its receipt view, and the other links null
        assertThat(ofOrder.status()).as(ofOrder.body()).isEqualTo(202);
        assertThat(ofOrder.json().path("_links").path("receipt").path("href").asText())
                .isEqualTo(till.gateway().services().publicUrl() + "/pay/" + m.merchant().merchantId() + "/" + id);
        assertThat(ofNone.json().path("_links").has("receipt")).isTrue();
        assertThat(ofNone.json().path("_links").path("receipt").isNull()).isTrue();

        // And the order follows its payment: captured through the payments API, it is paid
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).endsWith("order.hold", "order.paid");
    }

    @Test
    void a_held_payment_voided_through_the_payments_api_cancels_its_order() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = heldOrder(m, api);
        String paymentId = paymentOf(api, id);

        assertThat(api.post("/payments/" + paymentId + "/voids", null).status()).isEqualTo(202);

        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("cancelled");
        assertThat(api.post("/orders/" + id + "/capture", null).status()).isEqualTo(403);
    }

    @Test
    void a_hold_is_voided_and_the_order_cancelled() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", ",\"capture\":false");
        Cards.aprilPay(till, m, id, Cards.VISA);

        Api.Reply voided = api.post("/orders/" + id + "/void", null);

        assertThat(voided.text("status")).isEqualTo("cancelled");
        String paymentId = voided.json().path("transactions").get(0).path("payment_id").asText();
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Voided");
        assertThat(api.post("/orders/" + id + "/capture", null).status()).isEqualTo(403);
    }

    @Test
    void a_capture_or_void_the_network_declines_leaves_the_order_held() {
        // Given a hold on a card whose captures and voids the network declines
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", ",\"capture\":false");
        assertThat(Cards.aprilPay(till, m, id, Cards.CAPTURE_AND_VOID_DECLINED).text("transactionStatus")).isEqualTo("authorised");
        String paymentId = paymentOf(api, id);

        // When the merchant captures, then voids
        Api.Reply capture = api.post("/orders/" + id + "/capture", null);
        Api.Reply voided = api.post("/orders/" + id + "/void", null);

        // Then each answers the order as it stands: still held, neither paid nor cancelled
        assertThat(capture.status()).as(capture.body()).isEqualTo(200);
        assertThat(capture.text("status")).isEqualTo("hold");
        assertThat(voided.status()).as(voided.body()).isEqualTo(200);
        assertThat(voided.text("status")).isEqualTo("hold");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly(
                "order.issued", "order.in_progress", "order.payment_success", "order.hold");

        // And the payment still holds the funds, with both declined actions on record
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Authorized");
        assertThat(declinedActions(api, paymentId)).containsExactly("Void 20046", "Capture 20046");
    }

    @Test
    void an_order_that_captures_at_once_is_held_when_the_network_declines_the_capture() {
        // Given an order that asks for capture, paid with a card whose captures the network declines
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", "");
        Api.Reply paid = Cards.aprilPay(till, m, id, Cards.CAPTURE_AND_VOID_DECLINED);

        // Then the order holds the authorized funds instead of claiming to be paid
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        assertThat(paid.text("transactionStatus")).isEqualTo("authorised");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("hold");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly(
                "order.issued", "order.in_progress", "order.payment_success", "order.hold");
        String paymentId = paymentOf(api, id);
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Authorized");
        assertThat(declinedActions(api, paymentId)).containsExactly("Capture 20046");

        // And a good card on the same kind of order is paid as before
        String other = Cards.order(api, "65.00", "");
        assertThat(Cards.aprilPay(till, m, other, Cards.VISA).text("transactionStatus")).isEqualTo("paid");
    }

    @Test
    void a_hold_nobody_acts_on_is_cancelled_after_28_days() {
        // Given a hold
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", ",\"capture\":false");
        Cards.aprilPay(till, m, id, Cards.VISA);

        // When 27 days pass, it is still held
        till.clock().advance(Duration.ofDays(27));
        till.gateway().jobs().runNow(OrderJobs.HOLD_RELEASE);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("hold");

        // When the 28th day passes, it is cancelled and the funds are released
        till.clock().advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(till.gateway().jobs().runNow(OrderJobs.HOLD_RELEASE)).isPositive(); // other stories' holds may be due too
        Api.Reply order = api.get("/orders/" + id);
        assertThat(order.text("status")).isEqualTo("cancelled");
        String paymentId = order.json().path("transactions").get(0).path("payment_id").asText();
        assertThat(api.get("/payments/" + paymentId).text("status")).isIn("Voided", "Expired");
    }

    @Test
    void a_hold_whose_authorization_expires_first_is_cancelled_then() {
        // Given a hold; authorizations expire after 7 days (TILL_AUTH_EXPIRY), before the order's 28
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", ",\"capture\":false");
        Cards.aprilPay(till, m, id, Cards.VISA);

        // When the payments capability expires the authorization
        till.clock().advance(Duration.ofDays(7).plusSeconds(1));
        till.gateway().jobs().runNow("payments-expire-authorizations");

        // Then the order no longer claims to hold funds
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("cancelled");
        assertThat(till.gateway().jobs().runNow(OrderJobs.HOLD_RELEASE)).isZero();
    }

    @Test
    void exhausting_the_attempts_cancels_the_order() {
        // Given an order allowing two attempts, at an amount the network declines (…05: do not honour)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "10.05", ",\"max_payment_attempts\":2");

        // When the first attempt is declined, the order is failed but still payable
        assertThat(Cards.aprilPay(till, m, id, Cards.VISA).status()).isEqualTo(400);
        Api.Reply afterOne = api.get("/orders/" + id + "?response_type=standard");
        assertThat(afterOne.text("status")).isEqualTo("failed");
        assertThat(afterOne.json().path("payment_attempts").asInt()).isEqualTo(1);

        // When the second is declined too, the order is cancelled
        assertThat(Cards.aprilPay(till, m, id, Cards.VISA).status()).isEqualTo(400);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("cancelled");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly(
                "order.issued", "order.in_progress", "order.payment_failure", "order.failed",
                "order.in_progress", "order.payment_failure", "order.cancelled");

        // And a third attempt is refused before any card is charged
        Api.Reply third = Cards.aprilPay(till, m, id, Cards.VISA);
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.text("errorCode")).isEqualTo("order_status_cancelled");
        assertThat(api.get("/orders/" + id).json().path("transactions")).hasSize(2);
    }

    @Test
    void a_declined_attempt_leaves_the_order_in_progress_while_another_attempt_may_still_pay_it() {
        // Given an order with two April attempts, both waiting for the cardholder in 3-D Secure
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", "");
        assertThat(Cards.aprilPay(till, m, id, Cards.THREE_DS).status()).isEqualTo(202);
        till.clock().advance(Duration.ofSeconds(1)); // so the attempts list in the order they were made
        assertThat(Cards.aprilPay(till, m, id, Cards.THREE_DS).status()).isEqualTo(202);
        String first = paymentOf(api, id);
        String second = attempt(api, id, 1);

        // When the cardholder cancels the second challenge
        Cards.completeChallenge(till, api, second, false);

        // Then that attempt is a failure, but the order is still in progress: the first may still pay it
        assertThat(api.get("/payments/" + second).text("status")).isEqualTo("Declined");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("in_progress");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).endsWith("order.payment_failure");

        // When the cardholder passes the first challenge
        Cards.completeChallenge(till, api, first, true);

        // Then the first attempt pays the order, and nothing is left for the release job
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
        assertThat(api.get("/payments/" + first).text("status")).isEqualTo("Captured");
        assertThat(till.gateway().jobs().runNow("order-release-superseded")).isZero();
        assertThat(api.get("/payments/" + first).text("status")).isEqualTo("Captured");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly(
                "order.issued", "order.in_progress", "order.payment_failure", "order.payment_success", "order.paid");
    }

    @Test
    void the_last_pending_attempt_decides_an_order_whose_attempts_ran_out() {
        // Given an order allowing two attempts, both used, both waiting in 3-D Secure
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", ",\"max_payment_attempts\":2");
        assertThat(Cards.aprilPay(till, m, id, Cards.THREE_DS).status()).isEqualTo(202);
        till.clock().advance(Duration.ofSeconds(1));
        assertThat(Cards.aprilPay(till, m, id, Cards.THREE_DS).status()).isEqualTo(202);

        // When the cardholder cancels the last attempt, the order waits for the first
        Cards.completeChallenge(till, api, attempt(api, id, 1), false);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("in_progress");

        // When the first is cancelled too, the order is cancelled: its attempts are used up
        Cards.completeChallenge(till, api, paymentOf(api, id), false);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("cancelled");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly(
                "order.issued", "order.in_progress", "order.payment_failure", "order.payment_failure", "order.cancelled");
    }

    @Test
    void a_partial_refund_then_a_full_refund() {
        // Given a paid order of 65.00 whose funds are available at once
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", "");
        assertThat(Cards.aprilPay(till, m, id, Cards.IMMEDIATE_FUNDS).status()).isEqualTo(200);
        Cards.fundBalance(till, m); // the capture fee is not returned, so a full refund needs other funds

        // When 20.00 is refunded, the order stays paid with the refund recorded
        Api.Reply partial = api.post("/orders/" + id + "/refunds?response_type=standard", "{\"amount\":2000}");
        assertThat(partial.status()).as(partial.body()).isEqualTo(200);
        assertThat(partial.text("status")).isEqualTo("paid");
        assertThat(partial.json().path("refunded_amount").asLong()).isEqualTo(20_00);

        // And more than what is left is refused
        assertThat(api.post("/orders/" + id + "/refunds", "{\"amount\":4501}").status()).isEqualTo(422);

        // When the rest is refunded, the order is refunded
        Api.Reply full = api.post("/orders/" + id + "/refunds?response_type=standard", null);
        assertThat(full.status()).as(full.body()).isEqualTo(200);
        assertThat(full.text("status")).isEqualTo("refunded");
        assertThat(full.json().path("refunded_amount").asLong()).isEqualTo(65_00);
        String paymentId = full.json().path("transactions").get(0).path("payment_id").asText();
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Refunded");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsSubsequence(
                "order.paid", "order.refund_initiated", "order.paid", "order.refund_initiated", "order.refunded");
    }

    @Test
    void a_refund_through_the_payments_api_moves_the_order_and_an_order_refund_then_takes_only_the_rest() {
        // Given a paid order of 65.00 whose funds are available at once
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", "");
        assertThat(Cards.aprilPay(till, m, id, Cards.IMMEDIATE_FUNDS).status()).isEqualTo(200);
        Cards.fundBalance(till, m);
        String paymentId = paymentOf(api, id);

        // When the merchant refunds 20.00 of its payment through the payments API
        assertThat(api.post("/payments/" + paymentId + "/refunds", "{\"amount\":2000}").status()).isEqualTo(202);

        // Then the order records it, as if it had been refunded through the order
        JsonNode order = api.get("/orders/" + id + "?response_type=standard").json();
        assertThat(order.path("status").asText()).isEqualTo("paid");
        assertThat(order.path("refunded_amount").asLong()).isEqualTo(20_00);

        // When the order is then refunded in full, only the 45.00 left is refunded
        Api.Reply rest = api.post("/orders/" + id + "/refunds?response_type=standard", null);
        assertThat(rest.status()).as(rest.body()).isEqualTo(200);
        assertThat(rest.text("status")).isEqualTo("refunded");
        assertThat(rest.json().path("refunded_amount").asLong()).isEqualTo(65_00);
        JsonNode payment = api.get("/payments/" + paymentId).json();
        assertThat(payment.path("status").asText()).isEqualTo("Refunded");
        assertThat(payment.path("balances").path("total_refunded").asLong()).isEqualTo(65_00);
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsSubsequence(
                "order.paid", "order.refund_initiated", "order.paid", "order.refund_initiated", "order.refunded");
    }

    @Test
    void a_refund_the_network_declines_leaves_refund_failed_and_can_be_retried() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", "");
        Cards.aprilPay(till, m, id, Cards.REFUND_DECLINED);
        assertThat(api.post("/orders/" + id + "/refunds", null).text("status")).isEqualTo("refund_failed");
        assertThat(api.get("/orders/" + id + "?response_type=standard").json().path("refunded_amount").asLong()).isZero();
    }

    @Test
    void the_test_mode_network_raises_dispute_stages_on_a_paid_order() {
        // Given a paid order
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "65.00", "");
        Cards.aprilPay(till, m, id, Cards.VISA);

        // When the simulated network raises a retrieval, then a chargeback, then the merchant represents
        for (String stage : new String[] {"retrieval", "chargeback", "representation", "pre_arbitration", "arbitration"}) {
            Api.Reply r = api.post("/orders/" + id + "/test-dispute", "{\"stage\":\"" + stage + "\"}");
            assertThat(r.status()).as(stage + ": " + r.body()).isEqualTo(200);
            assertThat(r.text("status")).isEqualTo(stage);
        }

        // Then each stage is an event, and a stage out of order is refused
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsSubsequence(
                "order.retrieval", "order.chargeback", "order.representation", "order.pre_arbitration", "order.arbitration");
        Api.Reply wrong = api.post("/orders/" + id + "/test-dispute", "{\"stage\":\"retrieval\"}");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(api.post("/orders/" + id + "/test-dispute", "{\"stage\":\"paid\"}").status()).isEqualTo(400);

        // And an unpaid order cannot be disputed
        String unpaid = Cards.order(api, "5.00", "");
        assertThat(api.post("/orders/" + unpaid + "/test-dispute", "{\"stage\":\"chargeback\"}").status()).isEqualTo(403);
    }

    @Test
    void a_live_merchant_cannot_simulate_disputes() {
        NewMerchant live = till.gateway().services().merchants().create("Live shop", false);
        Api api = till.api(live);
        String id = Cards.order(api, "5.00", "");
        Api.Reply r = api.post("/orders/" + id + "/test-dispute", "{\"stage\":\"chargeback\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("test_mode_only");
    }

    /** A 65.00 order whose funds are only held, paid with a good card. */
    private static String heldOrder(NewMerchant m, Api api) {
        String id = Cards.order(api, "65.00", ",\"capture\":false");
        Cards.aprilPay(till, m, id, Cards.VISA);
        return id;
    }

    /** The payment's declined actions, newest first, as "type response_code". */
    private static List<String> declinedActions(Api api, String paymentId) {
        List<String> declined = new ArrayList<>();
        api.get("/payments/" + paymentId + "/actions").json().forEach(a -> {
            if (!a.path("approved").asBoolean()) declined.add(a.path("type").asText() + " " + a.path("response_code").asText());
        });
        return declined;
    }

    private static String paymentOf(Api api, String orderId) {
        return attempt(api, orderId, 0);
    }

    /** The payment of the order's attempt number {@code index}, oldest first. */
    private static String attempt(Api api, String orderId, int index) {
        return api.get("/orders/" + orderId + "?response_type=standard").json().path("transactions").get(index).path("payment_id").asText();
    }
}
