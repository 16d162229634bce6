package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.core.orders.OrderJobs;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrderDueDatesTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    private static String order(Api api, Instant due, String choice) {
        return api.post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"Rent","price":650}],"due_date":"%s"%s}"""
                .formatted(due, choice)).text("id");
    }

    @Test
    void at_the_due_date_an_order_turns_overdue_and_can_still_be_paid_or_received() {
        // Given an order due in two days, with the default choice (overdue)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = order(api, till.clock().instant().plus(Duration.ofDays(2)), "");

        // When a day passes, nothing happens
        till.clock().advance(Duration.ofDays(1));
        till.gateway().jobs().runNow(OrderJobs.DUE_DATES);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("issued");

        // When the due date passes
        till.clock().advance(Duration.ofDays(1).plusSeconds(1));
        till.gateway().jobs().runNow(OrderJobs.DUE_DATES);

        // Then the order is overdue, the event is recorded once, and the payform still offers the form
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("overdue");
        assertThat(till.gateway().jobs().runNow(OrderJobs.DUE_DATES)).isZero();
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly("order.issued", "order.overdue");
        String checkout = api.get("/orders/" + id).text("checkout_url").replaceFirst("^https?://[^/]+", "");
        assertThat(till.anonymous().get(checkout).body()).contains("id=\"pay\"");
        assertThat(api.post("/orders/" + id + "/receive", null).text("status")).isEqualTo("received");
    }

    @Test
    void an_order_that_chose_to_expire_declines_payment_after_its_due_date() {
        // Given an order that expires at its due date
        Api api = till.api();
        String id = order(api, till.clock().instant().plus(Duration.ofHours(1)), ",\"expire_on_due_date\":true");

        // When the due date passes
        till.clock().advance(Duration.ofHours(2));
        till.gateway().jobs().runNow(OrderJobs.DUE_DATES);

        // Then it is expired, the payform shows no form, and it cannot be cancelled any more
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("expired");
        String checkout = api.get("/orders/" + id).text("checkout_url").replaceFirst("^https?://[^/]+", "");
        Api.Reply page = till.anonymous().get(checkout);
        assertThat(page.body()).contains("This order has expired").doesNotContain("id=\"pay\"");
        assertThat(api.post("/orders/" + id + "/cancel", null).status()).isEqualTo(403);
    }

    @Test
    void the_merchants_choice_applies_when_the_order_makes_none() {
        Api api = till.api();
        api.put("/order-settings", "{\"expire_on_due_date\":true}");
        String id = order(api, till.clock().instant().plus(Duration.ofMinutes(5)), "");
        String overdue = order(api, till.clock().instant().plus(Duration.ofMinutes(5)), ",\"expire_on_due_date\":false");
        till.clock().advance(Duration.ofMinutes(6));
        till.gateway().jobs().runNow(OrderJobs.DUE_DATES);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("expired");
        assertThat(api.get("/orders/" + overdue).text("status")).isEqualTo("overdue");
    }

    @Test
    void an_order_whose_last_attempt_was_abandoned_in_3ds_fails_when_the_challenge_expires_and_its_due_date_then_applies() {
        // Given an order due in an hour that expires then, whose first card was declined (10.05 ends in 05)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = Cards.order(api, "10.05", ",\"due_date\":\"" + till.clock().instant().plus(Duration.ofHours(1))
                + "\",\"expire_on_due_date\":true");
        assertThat(Cards.aprilPay(till, m, id, Cards.VISA).status()).isEqualTo(400);
        // And whose second card went into 3-D Secure, where the customer gave up
        till.clock().advance(Duration.ofSeconds(1)); // so the attempts list in the order they were made
        assertThat(Cards.aprilPay(till, m, id, Cards.THREE_DS).status()).isEqualTo(202);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("in_progress");
        String abandoned = api.get("/orders/" + id + "?response_type=standard").json().path("transactions").get(1)
                .path("payment_id").asText();

        // When fifteen minutes pass and the challenge expiry job runs
        till.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        till.gateway().jobs().runNow("payments-expire-challenges");

        // Then the attempt is declined as abandoned, and the order failed (it may still be paid)
        assertThat(api.get("/payments/" + abandoned).text("response_code")).isEqualTo("20152");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("failed");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly(
                "order.issued", "order.in_progress", "order.payment_failure", "order.failed",
                "order.in_progress", "order.payment_failure", "order.failed");

        // And when the due date passes, the due-date job expires it, as it does any failed order
        till.clock().advance(Duration.ofHours(1));
        till.gateway().jobs().runNow(OrderJobs.DUE_DATES);
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("expired");
    }

    @Test
    void a_due_date_in_the_past_is_refused() {
        Api.Reply reply = till.api().post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"x","price":1}],"due_date":"2020-01-01T00:00:00Z"}""");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.text("param")).isEqualTo("due_date");
    }
}
