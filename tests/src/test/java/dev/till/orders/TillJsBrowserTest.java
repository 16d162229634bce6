package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.Browser;
import dev.till.testkit.TillServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * The example merchant page of docs/till-js.md, served from another origin, embeds Till's card
 * fields, gets a token and has its backend pay the order through the April dialect.
 */
class TillJsBrowserTest {
    @RegisterExtension
    static TillServer till = new TillServer();

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

    @Test
    void the_documented_example_page_is_the_one_tested() throws Exception {
        String doc = Files.readString(Path.of(System.getProperty("till.repo.root", ".."), "docs", "till-js.md"));
        assertThat(doc).contains(Shop.examplePage());
    }

    @Test
    void a_merchant_page_gets_a_token_from_the_iframe_and_pays_the_order_through_april() {
        // Given an order, and the merchant's checkout page on the shop's own origin
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String orderId = Cards.order(api, "25.00", "");
        shop.orderId.set(orderId);
        shop.backend.set(api);
        shop.publishableKey.set(m.publishableKey());
        browser.open(shop.url() + "/checkout");

        // When the customer types the card into Till's fields (an iframe on Till's origin) and places the order
        var frame = browser.waitFor(d -> d.findElement(By.cssSelector("#card-fields iframe")));
        assertThat(frame.getAttribute("src")).startsWith(till.gateway().services().publicUrl() + "/checkout/card-fields");
        browser.driver().switchTo().frame(frame);
        browser.waitFor(d -> d.findElement(By.id("number")));
        browser.byId("number").sendKeys(Cards.VISA);
        browser.byId("expiry").sendKeys("12/31");
        browser.byId("cvv").sendKeys("123");
        browser.driver().switchTo().defaultContent();
        // The merchant's page cannot read the card: the fields are in another origin's document
        assertThat(browser.driver().findElements(By.id("number"))).isEmpty();
        browser.click("place-order");

        // Then the token went to the merchant's backend, which paid the order through April
        browser.waitFor(d -> d.findElement(By.id("message")).getText().startsWith("Paid: tran_"));
        browser.screenshot("till-js-paid");
        assertThat(api.get("/orders/" + orderId).text("status")).isEqualTo("paid");
    }

    @Test
    void invalid_card_details_are_reported_through_on_error() {
        NewMerchant m = till.merchant();
        shop.orderId.set(Cards.order(till.api(m), "25.00", ""));
        shop.backend.set(till.api(m));
        shop.publishableKey.set(m.publishableKey());
        browser.open(shop.url() + "/checkout");
        var frame = browser.waitFor(d -> d.findElement(By.cssSelector("#card-fields iframe")));
        browser.driver().switchTo().frame(frame);
        browser.waitFor(d -> d.findElement(By.id("number")));
        browser.byId("number").sendKeys("4242 4242 4242 4241");
        browser.driver().switchTo().defaultContent();
        browser.click("place-order");
        browser.waitFor(d -> d.findElement(By.id("message")).getText().equals("Enter a valid card number."));
        browser.screenshot("till-js-invalid");
    }
}
