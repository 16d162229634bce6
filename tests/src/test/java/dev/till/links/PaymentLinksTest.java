package dev.till.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TestClock;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 004 through the API: create, pay (the widget's form post), capture, cancel, expire. */
class PaymentLinksTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void a_merchant_creates_a_link_and_gets_a_url_and_a_payment_id() {
        // Given a merchant
        Api api = till.api();

        // When it asks for a link
        JsonNode link = Links.create(api, ",\"metadata\":{\"order\":\"7\"}");

        // Then the link is active for 31 days, with the widget's absolute URL and the payment id to use
        assertThat(link.path("id").asText()).matches("pl_[a-z2-7]{26}");
        assertThat(link.path("payment_id").asText()).matches("pay_[a-z2-7]{26}");
        assertThat(link.path("status").asText()).isEqualTo("active");
        assertThat(link.path("capture").asBoolean()).isFalse();
        assertThat(link.path("url").asText()).startsWith(till.gateway().services().publicUrl() + "/links/");
        assertThat(Instant.parse(link.path("expires_on").asText())).isEqualTo(till.clock().instant().plus(Duration.ofDays(31)));
        assertThat(link.path("_links").path("cancel").path("href").asText()).endsWith("/payment-links/" + link.path("id").asText() + "/cancel");

        // And it can be read and listed, and its creation is an event
        assertThat(api.get("/payment-links/" + link.path("id").asText()).json()).isEqualTo(link);
        assertThat(api.get("/payment-links").json().path("data").get(0).path("id")).isEqualTo(link.path("id"));
        assertThat(Links.eventTypes(api, link.path("id").asText())).containsExactly("payment_link.created");
    }

    @Test
    void a_card_holder_name_with_u0000_in_the_widget_form_is_a_422_page_and_pays_nothing() {
        Api api = till.api();
        JsonNode link = Links.create(api, "");

        // When the widget's form arrives with U+0000 in the name (a form field, not JSON)
        Api.Reply r = till.anonymous().send("POST", Links.path(till, link), "application/x-www-form-urlencoded",
                Links.form("number", Links.VISA, "expiry_month", "12", "expiry_year", "2031", "cvv", "100", "name", "Ada\u0000Lovelace"));

        // Then the form comes back with the problem, and the link is still there to pay
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        assertThat(api.get("/payment-links/" + link.path("id").asText()).json().path("status").asText()).isEqualTo("active");
        assertThat(api.get("/payments/" + link.path("payment_id").asText()).status()).isEqualTo(404);
    }

    @Test
    void creating_a_link_twice_with_one_idempotency_key_makes_one_link() {
        Api api = till.api();
        String body = "{\"amount\":2500,\"currency\":\"EUR\",\"back_to_shop_url\":\"https://shop.example/\"}";

        Api.Reply first = api.post("/payment-links", body, "Idempotency-Key", "link-42");
        Api.Reply again = api.post("/payment-links", body, "Idempotency-Key", "link-42");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.get("/payment-links").json().path("data")).hasSize(1);
    }

    @Test
    void a_bad_request_gets_every_problem_at_once() {
        Api.Reply reply = till.api().post("/payment-links", "{\"amount\":0,\"currency\":\"EURO\",\"expires_in\":5,"
                + "\"frame_ancestors\":[\"https://shop.example/path\"]}");
        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.json().path("error_codes")).extracting(JsonNode::asText).containsExactlyInAnyOrder(
                "amount_invalid", "currency_invalid", "back_to_shop_url_required", "expires_in_invalid", "frame_ancestors_invalid");
    }

    @Test
    void the_customer_pays_and_the_merchant_captures_part_then_the_remainder() {
        // Given a link for 65.00 EUR that the customer paid in the widget
        Api api = till.api();
        JsonNode link = Links.create(api, "");
        String linkId = link.path("id").asText();
        String paymentId = link.path("payment_id").asText();
        Api.Reply paid = Links.pay(till, link, Links.VISA);
        assertThat(paid.status()).isEqualTo(303);
        assertThat(paid.header("Location")).isEqualTo(linkId);

        // Then the link is completed and its payment, under the promised id, is authorized
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("completed");
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Authorized");
        assertThat(Links.eventTypes(api, linkId)).containsExactly("payment_link.created", "payment_link.completed");

        // When the merchant captures 40.00, more than what is left, then the rest without an amount
        Api.Reply part = api.post("/payment-links/" + linkId + "/captures", "{\"amount\":4000}");
        Api.Reply tooMuch = api.post("/payment-links/" + linkId + "/captures", "{\"amount\":2501}");
        Api.Reply rest = api.post("/payment-links/" + linkId + "/captures", null);

        // Then the first takes 40.00 and leaves 25.00 capturable, the second is refused, the last takes 25.00
        assertThat(part.status()).isEqualTo(202);
        assertThat(part.json().path("approved").asBoolean()).isTrue();
        assertThat(part.json().path("amount").asLong()).isEqualTo(40_00);
        assertThat(part.text("status")).isEqualTo("Partially Captured");
        assertThat(part.json().path("_links").has("receipt")).isTrue();
        assertThat(part.json().path("_links").path("receipt").isNull()).isTrue();
        assertThat(part.json().path("_links").path("receipt_pdf").isNull()).isTrue();
        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.json().path("error_codes").get(0).asText()).isEqualTo("capture_amount_exceeds_balance");
        assertThat(rest.status()).isEqualTo(202);
        assertThat(rest.json().path("amount").asLong()).isEqualTo(25_00);
        JsonNode payment = api.get("/payments/" + paymentId).json();
        assertThat(payment.path("status").asText()).isEqualTo("Captured");
        assertThat(payment.path("balances").path("total_captured").asLong()).isEqualTo(65_00);
        assertThat(payment.path("balances").path("total_voided").asLong()).isZero();
    }

    @Test
    void a_link_that_captures_at_once_completes_authorized_when_the_network_declines_the_capture() {
        // Given a link that captures at once, paid with a card whose captures the network declines
        Api api = till.api();
        JsonNode link = Links.create(api, ",\"capture\":true");
        String linkId = link.path("id").asText();
        String paymentId = link.path("payment_id").asText();
        assertThat(Links.pay(till, link, "4000000000003105").status()).isEqualTo(303);

        // Then the link is completed, and its payment is still authorized, with the declined capture on record
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("completed");
        JsonNode payment = api.get("/payments/" + paymentId).json();
        assertThat(payment.path("status").asText()).isEqualTo("Authorized");
        assertThat(payment.path("balances").path("available_to_capture").asLong()).isEqualTo(65_00);
        assertThat(Links.eventTypes(api, paymentId)).endsWith("payment_approved", "payment_capture_declined");

        // When the merchant captures through the link, the answer says what the network did: declined,
        // nothing taken, still authorized
        Api.Reply again = api.post("/payment-links/" + linkId + "/captures", null);
        assertThat(again.status()).as(again.body()).isEqualTo(202);
        assertThat(again.json().path("approved").asBoolean()).isFalse();
        assertThat(again.json().path("amount").asLong()).isZero();
        assertThat(again.text("status")).isEqualTo("Authorized");
        assertThat(Links.eventTypes(api, paymentId)).endsWith("payment_capture_declined", "payment_capture_declined");
    }

    @Test
    void the_payments_api_captures_a_link_payment_too() {
        Api api = till.api();
        JsonNode link = Links.create(api, "");
        Links.pay(till, link, Links.VISA);
        String paymentId = link.path("payment_id").asText();

        assertThat(api.post("/payments/" + paymentId + "/captures", "{\"amount\":6501}").status()).isEqualTo(422);
        assertThat(api.post("/payments/" + paymentId + "/captures", "{\"amount\":1500,\"capture_type\":\"NonFinal\"}").status()).isEqualTo(202);
        assertThat(api.post("/payments/" + paymentId + "/captures", null).status()).isEqualTo(202);
        assertThat(api.get("/payments/" + paymentId).json().path("balances").path("total_captured").asLong()).isEqualTo(65_00);
    }

    @Test
    void cancel_before_authorization_answers_an_empty_200_and_is_idempotent() {
        // Given an active link
        Api api = till.api();
        JsonNode link = Links.create(api, "");
        String linkId = link.path("id").asText();

        // When the merchant cancels it, twice
        Api.Reply canceled = api.put("/payment-links/" + linkId + "/cancel", null);
        Api.Reply again = api.put("/payment-links/" + linkId + "/cancel", null);

        // Then both answers are an empty 200, the link is canceled and there is one cancel event
        assertThat(canceled.status()).isEqualTo(200);
        assertThat(canceled.body()).isEmpty();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body()).isEmpty();
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("canceled");
        assertThat(Links.eventTypes(api, linkId)).containsExactly("payment_link.created", "payment_link.canceled");

        // And the widget says so and takes no card; no payment was made
        Api.Reply page = till.anonymous().get(Links.path(till, link));
        assertThat(page.body()).contains("data-state=\"canceled\"", "This payment link was canceled");
        Api.Reply paid = Links.pay(till, link, Links.VISA);
        assertThat(paid.status()).isEqualTo(303);
        assertThat(api.get("/payments/" + link.path("payment_id").asText()).status()).isEqualTo(404);
        assertThat(api.post("/payment-links/" + linkId + "/captures", null).json().path("error_codes").get(0).asText())
                .isEqualTo("payment_link_not_authorized");
    }

    @Test
    void cancel_after_authorization_answers_400_with_a_clear_code() {
        Api api = till.api();
        JsonNode link = Links.create(api, "");
        Links.pay(till, link, Links.VISA);

        Api.Reply refused = api.put("/payment-links/" + link.path("id").asText() + "/cancel", null);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error_codes").get(0).asText()).isEqualTo("payment_link_already_authorized");
        assertThat(api.get("/payment-links/" + link.path("id").asText()).text("status")).isEqualTo("completed");
    }

    @Test
    void a_declined_card_leaves_the_link_open_under_a_new_payment_id() {
        // Given a link for an amount the simulator declines (ends in 51: insufficient funds)
        Api api = till.api();
        Api.Reply created = api.post("/payment-links", "{\"amount\":1051,\"currency\":\"EUR\",\"back_to_shop_url\":\"https://shop.example/\"}");
        JsonNode link = created.json();
        String first = link.path("payment_id").asText();

        // When the customer pays
        Api.Reply paid = Links.pay(till, link, Links.VISA);

        // Then the widget says so, the first payment is Declined and the link waits for another card
        assertThat(paid.header("Location")).isEqualTo(link.path("id").asText() + "?declined=1");
        assertThat(api.get("/payments/" + first).text("status")).isEqualTo("Declined");
        JsonNode after = api.get("/payment-links/" + link.path("id").asText()).json();
        assertThat(after.path("status").asText()).isEqualTo("active");
        assertThat(after.path("payment_id").asText()).isNotEqualTo(first).startsWith("pay_");
        assertThat(till.anonymous().get(Links.path(till, link) + "?declined=1").body()).contains("declined the payment");
    }

    @Test
    void a_challenge_abandoned_for_fifteen_minutes_is_declined_and_leaves_the_link_open_for_another_card() {
        // Given a link whose customer went into 3-D Secure and never came back
        Api api = till.api();
        JsonNode link = Links.create(api, "");
        String linkId = link.path("id").asText();
        String first = link.path("payment_id").asText();
        assertThat(Links.pay(till, link, Links.THREE_DS_VISA).status()).isEqualTo(303);
        assertThat(api.get("/payments/" + first).text("status")).isEqualTo("Pending");

        // When fifteen minutes pass and the challenge expiry job runs
        till.clock().advance(Duration.ofMinutes(15).plusSeconds(1));
        till.gateway().jobs().runNow("payments-expire-challenges");

        // Then the payment is declined as abandoned, and the link waits for another card under a new payment id
        Api.Reply declined = api.get("/payments/" + first);
        assertThat(declined.text("status")).isEqualTo("Declined");
        assertThat(declined.text("response_code")).isEqualTo("20152");
        JsonNode after = api.get("/payment-links/" + linkId).json();
        assertThat(after.path("status").asText()).isEqualTo("active");
        assertThat(after.path("payment_id").asText()).isNotEqualTo(first).startsWith("pay_");

        // And the next card completes the link
        assertThat(Links.pay(till, link, Links.VISA).status()).isEqualTo(303);
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("completed");
        assertThat(api.get("/payments/" + after.path("payment_id").asText()).text("status")).isEqualTo("Authorized");
    }

    @Test
    void a_card_error_shows_the_form_again_and_uses_nothing_up() {
        Api api = till.api();
        JsonNode link = Links.create(api, "");

        Api.Reply reply = till.anonymous().send("POST", Links.path(till, link), "application/x-www-form-urlencoded",
                Links.form("number", "4242424242424241", "expiry_month", "13", "expiry_year", "2031", "cvv", ""));

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.body()).contains("role=\"alert\"", "aria-invalid=\"true\"", "Enter a valid card number",
                "Enter the expiry month", "Enter the security code");
        assertThat(reply.body()).doesNotContain("4242424242424241");
        assertThat(api.get("/payment-links/" + link.path("id").asText()).text("status")).isEqualTo("active");
        assertThat(api.get("/payments/" + link.path("payment_id").asText()).status()).isEqualTo(404);
    }

    @Test
    void an_unpaid_link_expires_after_31_days() {
        // Given a link nobody paid, with its clock at 31 days minus a second
        TestClock clock = till.clock();
        Api api = till.api();
        JsonNode link = Links.create(api, "");
        String linkId = link.path("id").asText();
        clock.advance(Duration.ofDays(31).minusSeconds(1));
        till.gateway().jobs().runNow("payment-links-expire");
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("active");

        // When the 31st day ends and the job runs
        clock.advance(Duration.ofSeconds(1));
        till.gateway().jobs().runNow("payment-links-expire");

        // Then the link is expired, its page says so, and its payment can no longer be made
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("expired");
        assertThat(Links.eventTypes(api, linkId)).containsExactly("payment_link.created", "payment_link.expired");
        assertThat(till.anonymous().get(Links.path(till, link)).body()).contains("data-state=\"expired\"");
        Links.pay(till, link, Links.VISA);
        assertThat(api.get("/payments/" + link.path("payment_id").asText()).status()).isEqualTo(404);

        // And cancelling it changes nothing and still answers an empty 200
        Api.Reply cancel = api.put("/payment-links/" + linkId + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("expired");
    }

    @Test
    void an_authorization_landing_after_expiry_expires_the_link_and_is_voided_even_before_the_expiry_job_runs() {
        // Given a one-minute link whose customer is inside 3-D Secure
        Api api = till.api();
        JsonNode link = Links.create(api, ",\"expires_in\":60");
        String linkId = link.path("id").asText();
        String paymentId = link.path("payment_id").asText();
        assertThat(Links.pay(till, link, Links.THREE_DS_VISA).status()).isEqualTo(303);
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Pending");

        // When the minute passes, and the customer then confirms with the bank before the expiry job came by
        till.clock().advance(Duration.ofSeconds(60));
        Links.passChallenge(till, api, paymentId);

        // Then the link is expired, not completed, and its late authorization waits for release
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Authorized");
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("expired");
        assertThat(Links.eventTypes(api, linkId)).containsExactly("payment_link.created", "payment_link.expired");
        assertThat(api.post("/payment-links/" + linkId + "/captures", null).status()).isEqualTo(403);

        // When the release job comes by, the authorization is voided, and the expiry job finds nothing left
        assertThat(till.gateway().jobs().runNow("payment-links-release")).isEqualTo(1);
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Voided");
        till.gateway().jobs().runNow("payment-links-expire");
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("expired");
        assertThat(Links.eventTypes(api, linkId)).containsExactly("payment_link.created", "payment_link.expired");
        assertThat(Links.eventTypes(api, paymentId)).containsExactly("payment_pending", "payment_approved", "payment_voided");
    }

    @Test
    void another_merchants_link_does_not_exist() {
        Api mine = till.api();
        Api theirs = till.api();
        JsonNode link = Links.create(theirs, "");
        String linkId = link.path("id").asText();

        assertThat(mine.get("/payment-links/" + linkId).status()).isEqualTo(404);
        assertThat(mine.put("/payment-links/" + linkId + "/cancel", null).status()).isEqualTo(404);
        assertThat(mine.post("/payment-links/" + linkId + "/captures", null).status()).isEqualTo(404);
        assertThat(mine.get("/payment-links").json().path("data")).isEmpty();
        assertThat(theirs.get("/payment-links/" + linkId).text("status")).isEqualTo("active");
        // The widget under another merchant's id is a 404 page as well
        String otherMerchant = till.merchant().merchant().merchantId();
        assertThat(till.anonymous().get("/links/" + otherMerchant + "/" + linkId).status()).isEqualTo(404);
    }
}
