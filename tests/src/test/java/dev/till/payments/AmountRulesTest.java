package dev.till.payments;

import static dev.till.ledger.LedgerAssertions.balance;
import static dev.till.ledger.LedgerAssertions.ledgerAddsUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The rules every amount keeps wherever it enters: Till's maximum (a larger one would overflow the
 * ledger's fee after the network moved the money), and Checkout.com's last digit of 0 in
 * three-decimal currencies.
 */
class AmountRulesTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    static final long MAX = 100_000_000_000L;
    static final String CARD = "\"source\":{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"100\"}";

    private static Api.Reply pay(Api api, long amount, String currency, boolean capture) {
        return api.post("/payments", "{" + CARD + ",\"amount\":" + amount + ",\"currency\":\"" + currency + "\",\"capture\":" + capture + "}");
    }

    @Test
    void an_amount_over_the_maximum_is_refused_before_the_network_and_the_maximum_itself_posts_its_fee() {
        // Given a merchant on the default pricing (2.9 % + 0.30)
        NewMerchant m = till.merchant();
        Api api = till.api(m);

        // When it asks for payments of the review's 10^17 and of one minor unit over the maximum
        for (long amount : new long[] {100_000_000_000_000_000L, MAX + 1}) {
            Api.Reply refused = pay(api, amount, "USD", true);

            // Then each is 422 amount_invalid, and no payment was made at the network or stored
            assertThat(refused.status()).as(refused.body()).isEqualTo(422);
            assertThat(refused.json().path("error_codes").get(0).asText()).isEqualTo("amount_invalid");
            assertThat(refused.text("param")).isEqualTo("amount");
        }
        assertThat(api.get("/payments").json().path("total_count").asLong()).isZero();

        // When it authorizes exactly the maximum and captures it later
        String id = pay(api, MAX, "USD", false).text("id");
        Api.Reply capture = api.post("/payments/" + id + "/captures", null);

        // Then the capture is accepted and the ledger posts the fee exactly
        assertThat(capture.status()).as(capture.body()).isEqualTo(202);
        assertThat(api.get("/payments/" + id).text("status")).isEqualTo("Captured");
        assertThat(balance(api, "USD")).containsExactly(MAX - (2_900_000_000L + 30), 0, 0);
        ledgerAddsUp(till);
    }

    @Test
    void captures_refunds_orders_links_and_april_refunds_refuse_an_amount_over_the_maximum_too() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String over = Long.toString(MAX + 1);

        // Payments API: captures and refunds of an authorized payment
        String paymentId = pay(api, 100_00, "USD", false).text("id");
        for (String action : new String[] {"captures", "refunds"}) {
            Api.Reply r = api.post("/payments/" + paymentId + "/" + action, "{\"amount\":" + over + "}");
            assertThat(r.status()).as(action + " " + r.body()).isEqualTo(422);
            assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("amount_invalid");
        }
        assertThat(api.get("/payments/" + paymentId).text("status")).isEqualTo("Authorized");

        // Payment links: creating one, and capturing from one
        Api.Reply link = api.post("/payment-links", "{\"amount\":" + over + ",\"currency\":\"USD\",\"back_to_shop_url\":\"https://shop.example\"}");
        assertThat(link.status()).as(link.body()).isEqualTo(422);
        assertThat(link.json().path("error_codes").get(0).asText()).isEqualTo("amount_invalid");
        Api.Reply linkCapture = api.post("/payment-links/pl_aaaaaaaaaaaaaaaaaaaaaaaaaa/captures", "{\"amount\":" + over + "}");
        assertThat(linkCapture.status()).as(linkCapture.body()).isEqualTo(422);

        // Orders (seed 001 answers bad input with 400): a total one unit over, and a refund over
        Api.Reply order = api.post("/orders", "{\"client\":{\"email\":\"jane@example.com\"},\"products\":[{\"title\":\"Yacht\","
                + "\"price\":500000000.01,\"quantity\":2}],\"currency\":\"USD\"}");
        assertThat(order.status()).as(order.body()).isEqualTo(400);
        assertThat(order.json().path("error_codes").get(0).asText()).isEqualTo("amount_invalid");
        Api.Reply orderRefund = api.post("/orders/ordr_aaaaaaaaaaaaaaaaaaaaaaaaaa/refunds", "{\"amount\":" + over + "}");
        assertThat(orderRefund.status()).as(orderRefund.body()).isEqualTo(400);
        assertThat(orderRefund.json().path("error_codes").get(0).asText()).isEqualTo("refund_amount_invalid");

        // April's CreateRefund, in April's shape
        Api.Reply april = api.patch("/transactions/tran_aaaaaaaaaaaaaaaaaaaaaaaaaa", "{\"CreateRefund\":{\"refundAmount\":" + over + "}}");
        assertThat(april.status()).as(april.body()).isEqualTo(400);
        assertThat(april.text("errorCode")).isEqualTo("refund_amount_invalid");
    }

    @Test
    void in_a_three_decimal_currency_captures_and_refunds_keep_the_last_digit_rule() {
        // Given an authorized payment of 1.000 KWD
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api.Reply auth = pay(api, 1_000, "KWD", false);
        assertThat(auth.status()).as(auth.body()).isEqualTo(201);
        String id = auth.text("id");

        // When the merchant captures 0.995 KWD
        Api.Reply oddCapture = api.post("/payments/" + id + "/captures", "{\"amount\":995}");

        // Then it is refused as the payment itself would be, and nothing was captured
        assertThat(oddCapture.status()).as(oddCapture.body()).isEqualTo(422);
        assertThat(oddCapture.json().path("error_codes").get(0).asText()).isEqualTo("amount_invalid");
        assertThat(oddCapture.text("message")).contains("KWD").contains("last digit");
        assertThat(api.get("/payments/" + id).json().path("balances").path("total_captured").asLong()).isZero();

        // When it captures 0.500 KWD and refunds 0.255 KWD of it
        assertThat(api.post("/payments/" + id + "/captures", "{\"amount\":500}").status()).isEqualTo(202);
        Api.Reply oddRefund = api.post("/payments/" + id + "/refunds", "{\"amount\":255}");

        // Then the refund is refused too, and one of 0.250 KWD goes through
        assertThat(oddRefund.status()).as(oddRefund.body()).isEqualTo(422);
        assertThat(oddRefund.json().path("error_codes").get(0).asText()).isEqualTo("amount_invalid");
        assertThat(api.post("/payments/" + id + "/refunds", "{\"amount\":250}").status()).isEqualTo(202);
        assertThat(api.get("/payments/" + id).json().path("balances").path("total_refunded").asLong()).isEqualTo(250);
    }
}
