package dev.till.links;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.Browser;
import dev.till.testkit.TillServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;

/** The hosted card widget in a real headless Chromium: full page, iframe, 3-D Secure, and its end states. */
class PaymentLinkWidgetBrowserTest {
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

    @AfterEach
    void topWindow() {
        browser.driver().switchTo().defaultContent();
        browser.driver().manage().window().setSize(new Dimension(1024, 768));
    }

    @Test
    void the_customer_pays_a_link_as_a_full_page() {
        // Given a link, and a customer who first goes back to the shop without paying
        Api api = till.api();
        JsonNode link = create(api, "");
        browser.open(link.path("url").asText());
        assertThat(browser.byId("amount").getText()).isEqualTo("65.00 EUR");
        assertThat(browser.byId("description").getText()).isEqualTo("Two tickets");
        assertThat(browser.byId("merchant").getText()).isNotBlank();
        browser.screenshot("link-widget-full-page");
        browser.click("back");
        browser.waitFor(d -> d.getCurrentUrl().startsWith(shop.origin()));
        assertThat(browser.url()).isEqualTo(shop.origin() + "/back");
        assertThat(api.get("/payment-links/" + link.path("id").asText()).text("status")).isEqualTo("active");

        // When the customer comes back and pays
        browser.open(link.path("url").asText());
        fillCard(Links.VISA);
        browser.click("pay");

        // Then the result page says the payment is approved and offers the way back to the shop
        browser.waitFor(d -> d.findElement(By.id("result")).getAttribute("data-state").equals("completed"));
        assertThat(browser.byId("back").getAttribute("href")).isEqualTo(shop.origin() + "/back");
        browser.screenshot("link-widget-full-page-paid");
        assertThat(api.get("/payment-links/" + link.path("id").asText()).text("status")).isEqualTo("completed");
        assertThat(api.get("/payments/" + link.path("payment_id").asText()).text("status")).isEqualTo("Authorized");
    }

    @Test
    void the_form_works_by_keyboard_and_announces_its_errors() {
        // Given the widget, operated by keyboard alone
        JsonNode link = create(till.api(), "");
        browser.open(link.path("url").asText());
        WebDriver d = browser.driver();
        browser.byId("number").click();
        d.switchTo().activeElement().sendKeys("4242 4242 4242 4241", Keys.TAB);
        d.switchTo().activeElement().sendKeys("12", Keys.TAB);
        d.switchTo().activeElement().sendKeys("2031", Keys.TAB);
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("cvv");

        // When the customer submits with Enter, with a wrong number and no CVV
        d.switchTo().activeElement().sendKeys(Keys.ENTER);

        // Then the error summary is an alert with the focus, and each bad field says why
        browser.waitFor(x -> !x.findElements(By.id("errors")).isEmpty());
        assertThat(browser.byId("errors").getAttribute("role")).isEqualTo("alert");
        assertThat(d.switchTo().activeElement().getAttribute("id")).isEqualTo("errors");
        assertThat(browser.byId("number").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.byId("number").getAttribute("aria-describedby")).isEqualTo("number-error");
        assertThat(browser.byId("cvv").getAttribute("aria-describedby")).isEqualTo("cvv-error");
        assertThat(browser.byId("number").getAttribute("value")).isEmpty();
        assertThat(browser.byId("expiry-year").getAttribute("value")).isEqualTo("2031");
        // Every input has a label
        long unlabeled = (Long) ((JavascriptExecutor) d).executeScript(
                "return [...document.querySelectorAll('input')].filter(i => i.labels.length === 0).length");
        assertThat(unlabeled).isZero();
        browser.screenshot("link-widget-errors");
    }

    @Test
    void the_widget_fits_a_360_pixel_screen() {
        JsonNode link = create(till.api(), "");
        browser.driver().manage().window().setSize(new Dimension(360, 740));
        browser.open(link.path("url").asText());
        long innerWidth = (Long) ((JavascriptExecutor) browser.driver()).executeScript("return window.innerWidth");
        long scrollWidth = (Long) ((JavascriptExecutor) browser.driver()).executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth).isLessThanOrEqualTo(innerWidth);
        assertThat(browser.byId("pay").getRect().getWidth()).isLessThanOrEqualTo((int) innerWidth);
        browser.screenshot("link-widget-360px");
    }

    @Test
    void the_customer_pays_inside_an_iframe_on_the_merchant_page() {
        // Given a link that allows the shop's origin to embed it, shown on the shop's checkout page
        Api api = till.api();
        JsonNode link = create(api, ",\"frame_ancestors\":[\"" + shop.origin() + "\"]");
        browser.open(shop.checkout(link.path("url").asText()));
        browser.driver().switchTo().frame("widget");
        assertThat(browser.byId("amount").getText()).isEqualTo("65.00 EUR");

        // When the customer pays inside the frame
        fillCard(Links.VISA);
        browser.click("pay");

        // Then the frame shows the approved result, and the shop page is still around it
        browser.waitFor(d -> d.findElement(By.id("result")).getAttribute("data-state").equals("completed"));
        browser.driver().switchTo().defaultContent();
        assertThat(browser.byId("shop").getText()).contains("checkout");
        browser.screenshot("link-widget-iframe-paid");
        assertThat(api.get("/payment-links/" + link.path("id").asText()).text("status")).isEqualTo("completed");
    }

    @Test
    void three_d_secure_runs_inside_the_iframe() {
        // Given an embedded link and a card whose issuer always asks for 3-D Secure
        Api api = till.api();
        JsonNode link = create(api, ",\"frame_ancestors\":[\"" + shop.origin() + "\"]");
        browser.open(shop.checkout(link.path("url").asText()));
        browser.driver().switchTo().frame("widget");

        // When the customer pays, then confirms on the bank's page inside the frame
        fillCard(Links.THREE_DS_VISA);
        browser.click("pay");
        browser.waitFor(d -> !d.findElements(By.id("complete")).isEmpty());
        browser.driver().switchTo().defaultContent();
        browser.screenshot("link-widget-iframe-3ds-challenge");
        browser.driver().switchTo().frame("widget");
        browser.click("complete");

        // Then the frame lands on the approved result and the payment is authorized
        browser.waitFor(d -> !d.findElements(By.id("result")).isEmpty()
                && d.findElement(By.id("result")).getAttribute("data-state").equals("completed"));
        browser.driver().switchTo().defaultContent();
        browser.screenshot("link-widget-iframe-3ds-paid");
        assertThat(api.get("/payments/" + link.path("payment_id").asText()).text("status")).isEqualTo("Authorized");
        assertThat(api.get("/payment-links/" + link.path("id").asText()).text("status")).isEqualTo("completed");
    }

    @Test
    void framing_is_allowed_only_to_the_configured_origins() {
        Api api = till.api();
        JsonNode open = create(api, ",\"frame_ancestors\":[\"" + shop.origin() + "\"]");
        JsonNode closed = create(api, "");

        Api.Reply embeddable = till.anonymous().get(Links.path(till, open));
        Api.Reply notEmbeddable = till.anonymous().get(Links.path(till, closed));

        assertThat(embeddable.header("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'self'; "
                + "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors " + shop.origin());
        assertThat(notEmbeddable.header("Content-Security-Policy")).endsWith("frame-ancestors 'none'");
        assertThat(notEmbeddable.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(embeddable.header("Cache-Control")).isEqualTo("no-store");
        // Fully offline: nothing but Till's own style sheet, and no script at all
        assertThat(embeddable.body()).doesNotContain("<script", "src=", "<img", "@import").contains("<link rel=\"stylesheet\" href=\"../widget.css\">");
        assertThat(embeddable.body().split("<link ", -1)).hasSize(2);

        // And the browser refuses to show the closed link in the shop's frame
        browser.open(shop.checkout(closed.path("url").asText()));
        browser.driver().switchTo().frame("widget");
        assertThat(browser.driver().findElements(By.id("pay"))).isEmpty();
    }

    @Test
    void expired_and_canceled_links_say_so() {
        // Given one link canceled by the merchant and one that lived its minute
        Api api = till.api();
        JsonNode canceled = create(api, "");
        JsonNode expired = create(api, ",\"expires_in\":60");
        assertThat(api.put("/payment-links/" + canceled.path("id").asText() + "/cancel", null).status()).isEqualTo(200);
        till.clock().advance(Duration.ofSeconds(61));
        till.gateway().jobs().runNow("payment-links-expire");

        // Then their pages say so, offer the way back, and take no card
        browser.open(canceled.path("url").asText());
        assertThat(browser.byId("result").getAttribute("data-state")).isEqualTo("canceled");
        assertThat(browser.byId("result").getText()).contains("canceled");
        assertThat(browser.driver().findElements(By.id("pay"))).isEmpty();
        browser.screenshot("link-widget-canceled");

        browser.open(expired.path("url").asText());
        assertThat(browser.byId("result").getAttribute("data-state")).isEqualTo("expired");
        assertThat(browser.byId("result").getText()).contains("expired");
        assertThat(browser.byId("back").getAttribute("href")).isEqualTo(shop.origin() + "/back");
        browser.screenshot("link-widget-expired");
    }

    private static JsonNode create(Api api, String extraJson) {
        Api.Reply created = api.post("/payment-links", "{\"amount\":6500,\"currency\":\"EUR\",\"description\":\"Two tickets\","
                + "\"back_to_shop_url\":\"" + shop.origin() + "/back\"" + extraJson + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json();
    }

    private static void fillCard(String number) {
        browser.byId("number").sendKeys(number);
        browser.byId("expiry-month").sendKeys("12");
        browser.byId("expiry-year").sendKeys("2031");
        browser.byId("cvv").sendKeys("100");
        browser.byId("name").sendKeys("Ada Lovelace");
    }
}
