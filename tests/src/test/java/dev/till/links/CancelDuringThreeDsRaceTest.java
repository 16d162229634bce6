package dev.till.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.Browser;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * Payer's race, made deterministic: the simulator's challenge page waits for the customer, so the
 * cancel lands while the challenge is open, and the authorization completes after it.
 */
class CancelDuringThreeDsRaceTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    static Browser browser;
    static Shop shop;

    @BeforeAll
    static void start() {
        shop = new Shop();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (shop != null) shop.close();
    }

    @Test
    void a_cancel_during_3ds_leaves_the_link_canceled_and_the_late_authorization_voided() {
        // Given a customer on the bank's challenge page for a link's payment
        Api api = till.api();
        JsonNode link = create(api, "false");
        String linkId = link.path("id").asText();
        String paymentId = link.path("payment_id").asText();
        openChallenge(link);
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Pending");

        // When the merchant cancels the link while the challenge is open
        Api.Reply cancel = api.put("/payment-links/" + linkId + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.body()).isEmpty();

        // And the customer then confirms with the bank, so the authorization goes through after all
        browser.click("complete");
        browser.waitFor(d -> !d.findElements(By.id("result")).isEmpty());
        browser.screenshot("link-race-after-challenge");

        // Then the widget says the link was canceled, and the link stays canceled
        assertThat(browser.byId("result").getAttribute("data-state")).isEqualTo("canceled");
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("canceled");
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Authorized");

        // When the release job comes by
        assertThat(till.gateway().jobs().runNow("payment-links-release")).isEqualTo(1);

        // Then the authorization is voided, nothing is left authorized, and every step is an event
        JsonNode payment = api.get("/payments/" + paymentId).json();
        assertThat(payment.path("status").asText()).isEqualTo("Voided");
        assertThat(payment.path("balances").path("available_to_capture").asLong()).isZero();
        assertThat(payment.path("balances").path("total_voided").asLong()).isEqualTo(65_00);
        assertThat(api.get("/payment-links/" + linkId).text("status")).isEqualTo("canceled");
        assertThat(Links.eventTypes(api, linkId)).containsExactly("payment_link.created", "payment_link.canceled");
        assertThat(Links.eventTypes(api, paymentId)).containsExactly("payment_pending", "payment_approved", "payment_voided");

        // And a second round finds nothing more to do
        assertThat(till.gateway().jobs().runNow("payment-links-release")).isZero();
    }

    @Test
    void a_link_that_captures_at_once_gets_its_late_payment_refunded() {
        // Given a link that captures on authorization, and a customer inside 3-D Secure
        Api api = till.api();
        JsonNode link = create(api, "true");
        String paymentId = link.path("payment_id").asText();
        openChallenge(link);

        // When the merchant cancels and the customer then confirms
        assertThat(api.put("/payment-links/" + link.path("id").asText() + "/cancel", null).status()).isEqualTo(200);
        browser.click("complete");
        browser.waitFor(d -> !d.findElements(By.id("result")).isEmpty());
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Captured");

        // Then the release job refunds it at once: the refund takes back the payment's own pending
        // funds (and the fee's share), so it never waits for settlement
        assertThat(till.gateway().jobs().runNow("payment-links-release")).isEqualTo(1);
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Refunded");
        assertThat(Links.eventTypes(api, paymentId)).containsExactly("payment_pending", "payment_approved",
                "payment_captured", "payment_refunded");
    }

    @Test
    void a_refund_the_network_declines_is_on_record_and_tried_again_later() {
        // Given a link that captures on authorization, paid inside 3-D Secure with a card whose
        // refunds the network declines, and canceled while the challenge was open
        Api api = till.api();
        JsonNode link = create(api, "true");
        String paymentId = link.path("payment_id").asText();
        openChallenge(link, Links.THREE_DS_NO_REFUNDS_VISA);
        assertThat(api.put("/payment-links/" + link.path("id").asText() + "/cancel", null).status()).isEqualTo(200);
        browser.click("complete");
        browser.waitFor(d -> !d.findElements(By.id("result")).isEmpty());
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Captured");

        // When the release job comes by
        assertThat(till.gateway().jobs().runNow("payment-links-release")).isZero();

        // Then the payment is still captured, and the declined refund is on record, as an action and an event
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Captured");
        assertThat(refundsTried(api, paymentId)).isEqualTo(1);
        assertThat(Links.eventTypes(api, paymentId)).containsExactly("payment_pending", "payment_approved",
                "payment_captured", "payment_refund_declined");

        // And it is tried again after five minutes, not before, then after ten more
        assertThat(till.gateway().jobs().runNow("payment-links-release")).isZero();
        assertThat(refundsTried(api, paymentId)).isEqualTo(1);
        assertThat(refundsTriedAfter(api, paymentId, java.time.Duration.ofMinutes(5))).isEqualTo(2);
        assertThat(refundsTriedAfter(api, paymentId, java.time.Duration.ofMinutes(9))).isEqualTo(2);
        assertThat(refundsTriedAfter(api, paymentId, java.time.Duration.ofMinutes(1))).isEqualTo(3);
        assertThat(api.get("/payment-links/" + link.path("id").asText()).text("status")).isEqualTo("canceled");
    }

    /** Lets {@code wait} pass, runs the release job once, and counts the refunds tried since the start. */
    private static long refundsTriedAfter(Api api, String paymentId, java.time.Duration wait) {
        till.clock().advance(wait);
        till.gateway().jobs().runNow("payment-links-release");
        return refundsTried(api, paymentId);
    }

    private static long refundsTried(Api api, String paymentId) {
        long n = 0;
        for (var action : api.get("/payments/" + paymentId + "/actions").json()) {
            if (action.path("type").asText().equals("Refund")) n++;
        }
        return n;
    }

    private static JsonNode create(Api api, String capture) {
        Api.Reply created = api.post("/payment-links", "{\"amount\":6500,\"currency\":\"EUR\",\"capture\":" + capture
                + ",\"back_to_shop_url\":\"" + shop.origin() + "/back\"}");
        assertThat(created.status()).isEqualTo(201);
        return created.json();
    }

    private static void openChallenge(JsonNode link) {
        openChallenge(link, Links.THREE_DS_VISA);
    }

    private static void openChallenge(JsonNode link, String card) {
        browser.open(link.path("url").asText());
        browser.byId("number").sendKeys(card);
        browser.byId("expiry-month").sendKeys("12");
        browser.byId("expiry-year").sendKeys("2031");
        browser.byId("cvv").sendKeys("100");
        browser.click("pay");
        browser.waitFor(d -> !d.findElements(By.id("complete")).isEmpty());
        browser.screenshot("link-race-challenge-open");
    }
}
