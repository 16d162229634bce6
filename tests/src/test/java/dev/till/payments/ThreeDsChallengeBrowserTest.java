package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.Browser;
import dev.till.testkit.TillServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The hosted 3-D Secure page, driven by a real headless Chromium. */
class ThreeDsChallengeBrowserTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    static Browser browser;
    static HttpServer shop; // the merchant's success and failure pages
    static String shopUrl;

    @BeforeAll
    static void start() throws IOException {
        shop = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        shop.createContext("/", exchange -> {
            byte[] page = ("<!doctype html><title>shop</title><p id=\"shop\">" + exchange.getRequestURI().getPath() + "</p>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        shop.start();
        shopUrl = "http://127.0.0.1:" + shop.getAddress().getPort();
        browser = Browser.start();
    }

    @AfterAll
    static void stop() {
        if (browser != null) browser.close();
        if (shop != null) shop.stop(0);
    }

    @Test
    void the_cardholder_completes_the_challenge_and_the_payment_is_authorized() {
        // Given a payment that asks for 3-D Secure
        NewMerchant merchant = till.merchant();
        Api api = till.api(merchant);
        Api.Reply pending = pay(merchant, "4242424242424242", "\"3ds\":{\"enabled\":true},");
        assertThat(pending.status()).isEqualTo(202);
        String paymentId = pending.text("id");
        String redirect = pending.json().path("_links").path("redirect").path("href").asText();

        // When the customer opens the challenge page and confirms
        browser.open(redirect);
        assertThat(browser.byId("amount").getText()).isEqualTo("42.00 EUR");
        browser.screenshot("3ds-challenge");
        browser.click("complete");
        browser.waitFor(d -> d.getCurrentUrl().startsWith(shopUrl));
        browser.screenshot("3ds-after-success");

        // Then the shop's success page gets the payment id, and the payment is Authorized
        assertThat(browser.url()).isEqualTo(shopUrl + "/ok?order=7&cko-payment-id=" + paymentId);
        Api.Reply read = api.get("/payments/" + paymentId);
        assertThat(read.text("status")).isEqualTo("Authorized");
        assertThat(read.json().path("approved").asBoolean()).isTrue();
        assertThat(read.json().path("_links").has("redirect")).isFalse();
        assertThat(api.get("/payments/" + paymentId + "/actions").json().get(0).path("type").asText()).isEqualTo("Authorization");
    }

    @Test
    void the_cardholder_fails_the_challenge_and_the_payment_is_declined() {
        // Given a card whose issuer always asks for 3-D Secure (no 3ds flag needed)
        NewMerchant merchant = till.merchant();
        Api.Reply pending = pay(merchant, "4000000000003220", "");
        assertThat(pending.status()).isEqualTo(202);
        String paymentId = pending.text("id");

        // When the customer cancels on the challenge page
        browser.open(pending.json().path("_links").path("redirect").path("href").asText());
        browser.click("fail");
        browser.waitFor(d -> d.getCurrentUrl().startsWith(shopUrl));
        browser.screenshot("3ds-after-failure");

        // Then the shop's failure page gets the payment id, and the payment is Declined
        assertThat(browser.url()).isEqualTo(shopUrl + "/ko?cko-payment-id=" + paymentId);
        Api.Reply read = till.api(merchant).get("/payments/" + paymentId);
        assertThat(read.text("status")).isEqualTo("Declined");
        assertThat(read.text("response_code")).isEqualTo("20151");

        // And opening the page again shows the outcome instead of a new challenge
        browser.open(pending.json().path("_links").path("redirect").path("href").asText());
        assertThat(browser.byId("result").getText()).contains("not confirmed");
    }

    @Test
    void the_page_is_locked_down() {
        NewMerchant merchant = till.merchant();
        String redirect = pay(merchant, "4242424242424242", "\"3ds\":{\"enabled\":true},")
                .json().path("_links").path("redirect").path("href").asText();
        Api.Reply page = till.anonymous().get(redirect.substring(till.gateway().services().publicUrl().length()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Security-Policy")).isEqualTo("default-src 'self'");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.body()).doesNotContain("http://", "https://", "<script");
        assertThat(till.anonymous().get("/3ds/" + merchant.merchant().merchantId() + "/sid_unknown").status()).isEqualTo(404);
    }

    private Api.Reply pay(NewMerchant merchant, String number, String threeDs) {
        Api.Reply token = till.anonymous().withKey(merchant.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"" + number + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"100\"}");
        assertThat(token.status()).isEqualTo(201);
        return till.api(merchant).post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token.text("token") + "\"},"
                + "\"amount\":4200,\"currency\":\"EUR\",\"capture\":false," + threeDs
                + "\"success_url\":\"" + shopUrl + "/ok?order=7\",\"failure_url\":\"" + shopUrl + "/ko\"}");
    }
}
