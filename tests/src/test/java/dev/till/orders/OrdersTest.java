package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrdersTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    static final String ORDER = """
            {"client":{"email":"jane@example.com","name":"Jane Doe"},
             "products":[{"title":"Tea","price":0.3},{"title":"Cake","price":12.35,"quantity":2}],
             "currency":"USD","reference":"ORD-1","description":"Afternoon tea","metadata":{"table":7},
             "success_redirect":"https://shop.example/ok","failure_redirect":"https://shop.example/failed"}""";

    @Test
    void an_order_is_issued_with_exact_prices_and_read_back_in_each_response_type() {
        // Given a merchant
        Api api = till.api();

        // When it issues an order with decimal prices
        String issuedAt = till.clock().instant().toString();
        Api.Reply created = api.post("/orders", ORDER);

        // Then the total is exact (0.30 + 2 × 12.35 = 25.00) and the minimum view is the default
        assertThat(created.status()).isEqualTo(201);
        JsonNode min = created.json();
        String id = min.path("id").asText();
        assertThat(id).matches("ordr_[a-z2-7]{26}");
        assertThat(min.path("type").asText()).isEqualTo("order");
        assertThat(min.path("amount").asLong()).isEqualTo(25_00);
        assertThat(min.path("currency").asText()).isEqualTo("USD");
        assertThat(min.path("status").asText()).isEqualTo("issued");
        assertThat(min.path("transactions")).isEmpty();
        assertThat(min.path("checkout_url").asText()).startsWith(till.gateway().services().publicUrl() + "/pay/mer_").endsWith("/" + id);
        assertThat(min.path("api_do_url").asText()).isEqualTo(till.gateway().services().publicUrl() + "/orders/" + id + "/pay");
        assertThat(min.has("products")).isFalse();
        assertThat(min.has("created_on")).isFalse();

        // And the standard view adds the lines, the client, the redirects and refund details
        JsonNode std = api.get("/orders/" + id + "?response_type=standard").json();
        assertThat(std.path("products").get(0).path("price").decimalValue()).isEqualByComparingTo("0.30");
        assertThat(std.path("products").get(1).path("amount").asLong()).isEqualTo(24_70);
        assertThat(std.path("client").path("email").asText()).isEqualTo("jane@example.com");
        assertThat(std.path("success_redirect").asText()).isEqualTo("https://shop.example/ok");
        assertThat(std.path("refunded_amount").asLong()).isZero();
        assertThat(std.path("metadata").path("table").asInt()).isEqualTo(7);
        assertThat(std.has("status_history")).isFalse();

        // And the full view adds timestamps and the status history
        JsonNode full = api.get("/orders/" + id + "?response_type=full").json();
        assertThat(full.path("created_on").asText()).isEqualTo(issuedAt);
        assertThat(full.path("status_history").get(0).path("status").asText()).isEqualTo("issued");
        assertThat(api.get("/orders/" + id + "?response_type=huge").status()).isEqualTo(400);
    }

    @Test
    void the_currency_and_redirects_default_to_the_merchants_settings() {
        Api api = till.api();
        Api.Reply settings = api.put("/order-settings", """
                {"success_redirect":"https://shop.example/thanks","failure_redirect":"https://shop.example/sorry","expire_on_due_date":true}""");
        assertThat(settings.status()).isEqualTo(200);
        assertThat(api.get("/order-settings").text("success_redirect")).isEqualTo("https://shop.example/thanks");

        JsonNode order = api.post("/orders?response_type=standard", """
                {"client":{"email":"a@example.com"},"products":[{"price":0.3,"title":"test"}]}""").json();
        assertThat(order.path("currency").asText()).isEqualTo("USD");
        assertThat(order.path("amount").asLong()).isEqualTo(30);
        assertThat(order.path("success_redirect").asText()).isEqualTo("https://shop.example/thanks");
        assertThat(order.path("expire_on_due_date").asBoolean()).isTrue();
        assertThat(order.path("capture").asBoolean()).isTrue();
    }

    @Test
    void invalid_order_data_is_a_400_naming_the_field() {
        Api api = till.api();
        // Given a price with more decimals than the currency allows
        Api.Reply tooPrecise = api.post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"x","price":1.005}],"currency":"USD"}""");
        assertThat(tooPrecise.status()).isEqualTo(400);
        assertThat(tooPrecise.json().path("error_codes").get(0).asText()).isEqualTo("product_price_invalid");
        assertThat(tooPrecise.text("param")).isEqualTo("products[0].price");
        assertThat(tooPrecise.text("request_id")).startsWith("req_");

        // And yen has no minor unit at all
        assertThat(api.post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"x","price":100.5}],"currency":"JPY"}""")
                .json().path("error_codes").get(0).asText()).isEqualTo("product_price_invalid");

        // A zero or negative total
        Api.Reply zero = api.post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"x","price":5},{"title":"discount","price":-5}]}""");
        assertThat(zero.status()).isEqualTo(400);
        assertThat(zero.json().path("error_codes").get(0).asText()).isEqualTo("amount_invalid");

        // An empty product list, and no client email
        Api.Reply empty = api.post("/orders", "{\"products\":[]}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.json().path("error_codes").toString()).contains("client_email_required", "products_required");

        // A price sent as text is a wrong type
        assertThat(api.post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"x","price":"1.00"}]}""").status()).isEqualTo(400);

        // Big exact decimals stay exact
        Api.Reply exact = api.post("/orders", """
                {"client":{"email":"a@example.com"},"products":[{"title":"x","price":0.1,"quantity":3}],"currency":"KWD"}""");
        assertThat(exact.json().path("amount").asLong()).isEqualTo(300);
    }

    @Test
    void orders_are_listed_newest_first_with_filters_and_a_cursor() {
        Api api = till.api();
        for (int i = 0; i < 5; i++) {
            till.clock().advance(java.time.Duration.ofSeconds(1));
            api.post("/orders", """
                    {"client":{"email":"c%d@example.com"},"products":[{"title":"x","price":1}],"reference":"R%d"}""".formatted(i, i % 2));
        }
        Api.Reply first = api.get("/orders?limit=2");
        assertThat(first.json().path("data")).hasSize(2);
        assertThat(first.json().path("has_more").asBoolean()).isTrue();
        Api.Reply second = api.get("/orders?limit=2&cursor=" + first.text("next_cursor") + "&response_type=standard");
        assertThat(second.json().path("data").get(0).path("client").path("email").asText()).isEqualTo("c2@example.com");

        assertThat(api.get("/orders?reference=R1").json().path("data")).hasSize(2);
        assertThat(api.get("/orders?client_email=C4@example.com").json().path("data")).hasSize(1);
        assertThat(api.get("/orders?status=issued").json().path("data")).hasSize(5);
        assertThat(api.get("/orders?status=paid").json().path("data")).isEmpty();
        assertThat(api.get("/orders?status=nonsense").status()).isEqualTo(400);
    }

    @Test
    void a_merchant_cancels_an_order_or_marks_it_received() {
        Api api = till.api();
        String cancelled = api.post("/orders", ORDER).text("id");
        Api.Reply cancel = api.post("/orders/" + cancelled + "/cancel", null);
        assertThat(cancel.status()).isEqualTo(200);
        assertThat(cancel.text("status")).isEqualTo("cancelled");
        // Cancelled is final
        Api.Reply again = api.post("/orders/" + cancelled + "/receive", null);
        assertThat(again.status()).isEqualTo(403);
        assertThat(again.json().path("error_codes").get(0).asText()).isEqualTo("order_status_cancelled");

        String received = api.post("/orders", ORDER).text("id");
        Api.Reply receive = api.post("/orders/" + received + "/receive", null);
        assertThat(receive.text("status")).isEqualTo("received");
        assertThat(api.get("/orders/" + received + "?response_type=full").json().path("status_history").toString())
                .contains("issued", "received");
    }
}
