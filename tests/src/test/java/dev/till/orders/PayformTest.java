package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The payform over plain HTTP: what it shows, its headers, and the customer's "cancel and return". */
class PayformTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    static String path(Api.Reply order) {
        return order.text("checkout_url").replaceFirst("^https?://[^/]+", "");
    }

    @Test
    void the_first_open_marks_the_order_viewed_and_the_page_is_self_contained() {
        // Given an order with a product whose title needs escaping
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api.Reply order = api.post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"<b>Tea</b> & cake","price":12.5,"quantity":2}],
                 "max_payment_attempts":3}""");

        // When the customer opens the payform
        Api.Reply page = till.anonymous().get(path(order));

        // Then it shows the merchant, the escaped product, the total and a labelled card form
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains(m.merchant().name(), "&lt;b&gt;Tea&lt;/b&gt; &amp; cake", "25.00 USD",
                "<label for=\"number\">", "<label for=\"expiry\">", "<label for=\"cvv\">", "role=\"alert\"",
                "Attempts left: 3", "name=\"viewport\"");
        // And nothing comes from another origin
        assertThat(page.body()).doesNotContain("https://", "http://", "<script>", "style=\"");
        assertThat(page.header("Cache-Control")).isEqualTo("no-store");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'none'", "script-src 'self'",
                "frame-ancestors 'none'", "form-action 'self'").doesNotContain("unsafe-inline", "*");

        // And the order is viewed, once
        String id = order.text("id");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("viewed");
        till.anonymous().get(path(order));
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly("order.issued", "order.viewed");

        // And its stylesheet and script are served by Till itself
        assertThat(till.anonymous().get("/checkout/assets/payform.css").status()).isEqualTo(200);
        assertThat(till.anonymous().get("/checkout/assets/payform.js").header("Content-Type")).startsWith("text/javascript");
        assertThat(till.anonymous().get("/checkout/assets/secret.txt").status()).isEqualTo(404);
    }

    @Test
    void the_customer_cancels_and_returns_to_the_failure_redirect() {
        // Given an order with a failure redirect
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api.Reply order = api.post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"Tea","price":3}],"failure_redirect":"https://shop.example/failed?o=1"}""");
        assertThat(till.anonymous().get(path(order)).header("Content-Security-Policy")).contains("form-action 'self' https://shop.example;");

        // When the customer chooses "cancel and return"
        Api.Reply reject = till.anonymous().send("POST", path(order) + "/reject", "application/x-www-form-urlencoded", new byte[0]);

        // Then they go back to the merchant and the order is rejected, for good
        assertThat(reject.status()).isEqualTo(303);
        assertThat(reject.header("Location")).isEqualTo("https://shop.example/failed?o=1");
        String id = order.text("id");
        assertThat(api.get("/orders/" + id).text("status")).isEqualTo("rejected");
        assertThat(OrderEventsProbe.types(till, m.merchant().merchantId(), id)).containsExactly("order.issued", "order.viewed", "order.rejected");
        assertThat(till.anonymous().get(path(order)).body()).contains("You cancelled this payment").doesNotContain("id=\"pay\"");
        assertThat(api.post("/orders/" + id + "/receive", null).status()).isEqualTo(403);
    }

    @Test
    void cancelled_and_received_orders_show_a_page_instead_of_a_form() {
        Api api = till.api();
        Api.Reply cancelled = api.post("/orders", "{\"client\":{\"email\":\"a@example.com\"},\"products\":[{\"title\":\"x\",\"price\":1}]}");
        api.post("/orders/" + cancelled.text("id") + "/cancel", null);
        assertThat(till.anonymous().get(path(cancelled)).body()).contains("This order was cancelled").doesNotContain("id=\"pay\"");

        Api.Reply received = api.post("/orders", "{\"client\":{\"email\":\"a@example.com\"},\"products\":[{\"title\":\"x\",\"price\":1}],\"success_redirect\":\"https://shop.example/ok\"}");
        api.post("/orders/" + received.text("id") + "/receive", null);
        assertThat(till.anonymous().get(path(received)).body()).contains("This order is paid", "https://shop.example/ok");
    }

    @Test
    void another_merchants_order_is_not_found_on_the_payform() {
        // Given an order of merchant A
        NewMerchant a = till.merchant();
        NewMerchant b = till.merchant();
        Api.Reply order = till.api(a).post("/orders", "{\"client\":{\"email\":\"a@example.com\"},\"products\":[{\"title\":\"x\",\"price\":1}]}");
        String id = order.text("id");

        // Then under merchant B's payform path it does not exist, and stays unviewed
        Api.Reply page = till.anonymous().get("/pay/" + b.merchant().merchantId() + "/" + id);
        assertThat(page.status()).isEqualTo(404);
        assertThat(page.body()).contains("Order not found");
        assertThat(till.anonymous().send("POST", "/pay/" + b.merchant().merchantId() + "/" + id + "/reject",
                "application/x-www-form-urlencoded", new byte[0]).status()).isEqualTo(404);
        assertThat(till.anonymous().get("/pay/mer_aaaaaaaaaaaaaaaaaaaaaaaaaa/" + id).status()).isEqualTo(404);
        assertThat(till.api(a).get("/orders/" + id).text("status")).isEqualTo("issued");

        // And B's API cannot read, cancel or list it either
        Api apiB = till.api(b);
        assertThat(apiB.get("/orders/" + id).status()).isEqualTo(404);
        assertThat(apiB.post("/orders/" + id + "/cancel", null).status()).isEqualTo(404);
        assertThat(apiB.get("/orders").body()).doesNotContain(id);
    }
}
