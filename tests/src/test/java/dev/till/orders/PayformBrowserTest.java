package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.core.orders.OrderJobs;
import dev.till.testkit.Api;
import dev.till.testkit.Browser;
import dev.till.testkit.TillServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;

/** The hosted payform in a real headless Chromium, as a customer uses it. Each story keeps a screenshot. */
class PayformBrowserTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true");

    static Browser browser;
    static Shop shop;

    @BeforeAll
    static void start() {
        shop = new Shop(till.gateway().services().publicUrl());
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (shop != null) shop.close();
    }

    private static String order(Api api, String price, String extra) {
        String redirects = ",\"success_redirect\":\"%s/thanks\",\"in_progress_redirect\":\"%s/pending\",\"failure_redirect\":\"%s/sorry\""
                .formatted(shop.url(), shop.url(), shop.url());
        return Cards.order(api, price, redirects + extra);
    }

    private static String checkoutUrl(Api api, String id) {
        return api.get("/orders/" + id).text("checkout_url");
    }

    private static void typeCard(String number) {
        browser.byId("number").clear();
        browser.byId("number").sendKeys(number);
        browser.byId("expiry").clear();
        browser.byId("expiry").sendKeys("12/31");
        browser.byId("cvv").clear();
        browser.byId("cvv").sendKeys("123");
    }

    private static void awaitShopPage(String path) {
        browser.waitFor(d -> d.getCurrentUrl().startsWith(shop.url() + path));
    }

    @Test
    void the_customer_pays_with_a_test_card_and_returns_to_the_shop() {
        // Given an order of 65.00, and the shop listening for order webhooks
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        assertThat(api.post("/webhooks", "{\"url\":\"" + shop.url() + "/hooks\",\"event_types\":[\"order.*\"]}").status()).isEqualTo(201);
        String id = order(api, "65.00", "");

        // When the customer opens the payform, types a good card and pays
        browser.open(checkoutUrl(api, id));
        assertThat(browser.byId("title").getText()).isEqualTo("Pay 65.00 USD");
        assertThat(browser.driver().findElement(By.id("total")).getText()).isEqualTo("65.00 USD");
        typeCard(Cards.VISA);
        browser.screenshot("payform-filled");
        browser.click("pay-button");

        // Then they land on the shop's success page, and the order is paid with its event recorded
        awaitShopPage("/thanks");
        browser.screenshot("payform-paid-redirect");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).contains("order.payment_success", "order.paid");
        till.gateway().jobs().runNow("webhook-delivery");
        assertThat(shop.hooks).anySatisfy(body -> assertThat(body).contains("order.payment_success", id));

        // And opening the payform again says it is paid
        browser.open(checkoutUrl(api, id));
        assertThat(browser.byId("title").getText()).isEqualTo("This order is paid");
    }

    @Test
    void a_declined_attempt_shows_why_and_a_retry_succeeds() {
        // Given an order, and a card whose 3-D Secure the customer fails (the bank declines it)
        Api api = till.api();
        String id = order(api, "42.00", ",\"max_payment_attempts\":3");
        browser.open(checkoutUrl(api, id));
        typeCard(Cards.THREE_DS);
        browser.click("pay-button");
        browser.waitFor(d -> d.getCurrentUrl().contains("/3ds/"));
        browser.click("fail");

        // Then the payform comes back with the reason announced and the attempts left
        browser.waitFor(d -> !d.findElements(By.id("errors")).isEmpty() && d.findElement(By.id("errors")).isDisplayed());
        assertThat(browser.byId("errors").getText()).contains("declined");
        assertThat(browser.byId("errors").getAttribute("role")).isEqualTo("alert");
        assertThat(browser.byId("attempts").getText()).isEqualTo("Attempts left: 2");
        browser.screenshot("payform-declined");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("failed");

        // When they retry with another card
        typeCard(Cards.VISA);
        browser.click("pay-button");

        // Then the order is paid
        awaitShopPage("/thanks");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
    }

    @Test
    void a_3ds_challenge_that_is_passed_pays_the_order() {
        Api api = till.api();
        String id = order(api, "80.00", "");
        browser.open(checkoutUrl(api, id));
        typeCard(Cards.THREE_DS);
        browser.click("pay-button");

        // The bank's challenge page; while it waits the order is in progress
        browser.waitFor(d -> d.getCurrentUrl().contains("/3ds/"));
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("in_progress");
        browser.screenshot("payform-3ds-challenge");
        browser.click("complete");

        awaitShopPage("/thanks");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("paid");
    }

    @Test
    void a_3ds_challenge_that_is_failed_leaves_the_order_failed() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = order(api, "80.00", "");
        browser.open(checkoutUrl(api, id));
        typeCard(Cards.THREE_DS);
        browser.click("pay-button");
        browser.waitFor(d -> d.getCurrentUrl().contains("/3ds/"));
        browser.click("fail");

        browser.waitFor(d -> d.findElement(By.id("errors")).isDisplayed());
        browser.screenshot("payform-3ds-failed");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("failed");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).contains("order.payment_failure", "order.failed");
    }

    @Test
    void the_customer_cancels_and_returns_to_the_shop() {
        Api api = till.api();
        String id = order(api, "12.00", "");
        browser.open(checkoutUrl(api, id));
        browser.click("reject");
        awaitShopPage("/sorry");
        browser.screenshot("payform-rejected-redirect");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("rejected");
    }

    @Test
    void an_expired_order_shows_a_clear_page_instead_of_a_form() {
        Api api = till.api();
        String id = order(api, "12.00", ",\"expire_on_due_date\":true,\"due_date\":\"" + till.clock().instant().plus(Duration.ofHours(1)) + "\"");
        till.clock().advance(Duration.ofHours(2));
        till.gateway().jobs().runNow(OrderJobs.DUE_DATES);

        browser.open(checkoutUrl(api, id));
        assertThat(browser.byId("title").getText()).isEqualTo("This order has expired");
        assertThat(browser.driver().findElements(By.id("pay"))).isEmpty();
        browser.screenshot("payform-expired");
    }

    @Test
    void the_form_fits_a_360_px_phone_and_works_from_the_keyboard() {
        Api api = till.api();
        String id = order(api, "9.99", "");
        Dimension before = browser.driver().manage().window().getSize();
        try {
            browser.driver().manage().window().setSize(new Dimension(360, 740));
            browser.open(checkoutUrl(api, id));
            JavascriptExecutor js = (JavascriptExecutor) browser.driver();
            long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            long viewport = ((Number) js.executeScript("return window.innerWidth")).longValue();
            assertThat(scrollWidth).as("no sideways scrolling on a phone").isLessThanOrEqualTo(viewport);

            // Keyboard only: submitting an empty form announces the errors and focuses the first field
            browser.byId("name").click();
            browser.byId("name").sendKeys("Jane Doe", Keys.TAB);
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("number");
            browser.byId("cvv").sendKeys(Keys.ENTER);
            browser.waitFor(d -> d.findElement(By.id("errors")).isDisplayed());
            assertThat(browser.byId("errors").getText()).contains("Enter a valid card number.");
            assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("number");
            assertThat(browser.byId("number").getAttribute("aria-invalid")).isEqualTo("true");
            browser.screenshot("payform-360px-errors");
            assertThat(api.get("/orders/" + id).json().path("transactions")).isEmpty();
        } finally {
            browser.driver().manage().window().setSize(before);
        }
    }
}
