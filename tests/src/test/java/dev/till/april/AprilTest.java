package dev.till.april;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 000: April's PayByCard and CreateRefund, in April's exact shapes. */
class AprilTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    private static String token(NewMerchant m, String number) {
        return till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"" + number + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"123\"}").text("token");
    }

    private static String order(Api api, String price) {
        return api.post("/orders", "{\"client\":{\"email\":\"a@example.com\"},\"products\":[{\"title\":\"Sofa\",\"price\":" + price + "}],\"currency\":\"AUD\"}").text("id");
    }

    private static Api.Reply pay(Api api, String orderId, String token) {
        return api.post("/orders/" + orderId + "/pay", "{\"PayByCard\":{\"paymentTokenId\":\"" + token + "\"}}");
    }

    @Test
    void an_order_is_paid_by_card_and_refunded_in_two_parts() {
        // Given an order of 600.00 AUD and a token from the checkout
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String orderId = order(api, "600.00");

        // When the merchant's backend pays it (seed 000, step 3)
        Api.Reply paid = pay(api, orderId, token(m, "4000000000000077")); // funds available at once, for the refunds

        // Then the answer is April's, exactly
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        JsonNode t = paid.json();
        assertThat(fieldNames(t)).containsExactly("transactionId", "transactionStatus", "amount", "currency", "payType");
        assertThat(t.path("transactionId").asText()).matches("tran_[a-z2-7]{26}");
        assertThat(t.path("transactionStatus").asText()).isEqualTo("paid");
        assertThat(t.path("amount").asLong()).isEqualTo(600_00);
        assertThat(t.path("currency").asText()).isEqualTo("AUD");
        assertThat(t.path("payType").asText()).isEqualTo("payinfull");
        assertThat(api.get("/orders/" + orderId).text("status")).isEqualTo("paid");

        // When 450.00 is refunded (seed 000, step 4), then the rest (other sales cover the kept capture fee)
        String other = order(api, "50.00");
        assertThat(pay(api, other, token(m, "4000000000000077")).status()).isEqualTo(200);
        String tran = t.path("transactionId").asText();
        Api.Reply partial = api.patch("/transactions/" + tran, "{\"CreateRefund\":{\"refundAmount\":45000}}");
        assertThat(partial.status()).as(partial.body()).isEqualTo(200);
        assertThat(partial.text("transactionStatus")).isEqualTo("partially_refunded");
        assertThat(partial.json().path("refundedAmount").asLong()).isEqualTo(450_00);
        Api.Reply rest = api.patch("/transactions/" + tran, "{\"CreateRefund\":{}}");
        assertThat(rest.text("transactionStatus")).isEqualTo("refunded");
        assertThat(api.get("/orders/" + orderId).text("status")).isEqualTo("refunded");

        // And nothing is left to refund
        Api.Reply none = api.patch("/transactions/" + tran, "{\"CreateRefund\":{\"refundAmount\":1}}");
        assertThat(none.status()).isEqualTo(403);
        assertAprilError(none, 403, "order_status_refunded");
    }

    @Test
    void a_refund_of_a_transaction_that_never_paid_is_refused_and_refunds_nothing() {
        // Given an order whose first transaction's 3-D Secure challenge the cardholder cancelled,
        // and whose second transaction paid it
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String orderId = order(api, "600.00");
        Api.Reply first = pay(api, orderId, token(m, "4000000000003220"));
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        String abandoned = api.get("/payments?reference=").json().path("data").get(0).path("id").asText();
        String challenge = api.get("/payments/" + abandoned).json().path("_links").path("redirect").path("href").asText()
                .replaceFirst("^https?://[^/]+", "");
        till.anonymous().send("POST", challenge, "application/x-www-form-urlencoded", "outcome=fail".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(api.get("/payments/" + abandoned).text("status")).isEqualTo("Declined");
        Api.Reply second = pay(api, orderId, token(m, "4000000000000077")); // funds available at once, for the refund
        assertThat(second.status()).as(second.body()).isEqualTo(200);

        // When the merchant asks to refund the first transaction
        Api.Reply refused = api.patch("/transactions/" + first.text("transactionId"), "{\"CreateRefund\":{\"refundAmount\":45000}}");

        // Then April's error says that transaction paid nothing, and no money moves
        assertAprilError(refused, 403, "transaction_not_paid");
        assertThat(api.get("/orders/" + orderId + "?response_type=standard").json().path("refunded_amount").asLong()).isZero();
        assertThat(api.get("/orders/" + orderId).text("status")).isEqualTo("paid");

        // And the transaction that paid is refunded as usual
        Api.Reply refunded = api.patch("/transactions/" + second.text("transactionId"), "{\"CreateRefund\":{\"refundAmount\":45000}}");
        assertThat(refunded.status()).as(refunded.body()).isEqualTo(200);
        assertThat(refunded.text("transactionId")).isEqualTo(second.text("transactionId"));
        assertThat(refunded.text("transactionStatus")).isEqualTo("partially_refunded");
    }

    @Test
    void a_decline_answers_400_in_aprils_error_shape_with_the_request_id_as_tracer() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        // Amounts ending in 05 are declined "do not honour", 51 "insufficient funds" (the simulator's table)
        Api.Reply declined = pay(api, order(api, "600.05"), token(m, "4242424242424242"));
        assertAprilError(declined, 400, "do_not_honor");
        assertThat(declined.text("message")).isEqualTo("Error encountered trying to process this transaction with the payment gateway");
        assertThat(declined.text("detail")).isEqualTo("Declined - Do not honour");
        assertThat(declined.text("errorTypeDescription")).startsWith("The server is unable to process the request due to client error.");

        assertAprilError(pay(api, order(api, "600.51"), token(m, "4242424242424242")), 400, "insufficient_funds");
    }

    @Test
    void every_april_error_has_the_same_shape() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        assertAprilError(pay(api, "ordr_aaaaaaaaaaaaaaaaaaaaaaaaaa", token(m, "4242424242424242")), 404, "order_not_found");
        assertAprilError(api.post("/orders/" + order(api, "1.00") + "/pay", "{\"PayByCard\":{}}"), 400, "payment_token_required");
        assertAprilError(api.patch("/transactions/tran_aaaaaaaaaaaaaaaaaaaaaaaaaa", "{\"CreateRefund\":{\"refundAmount\":1}}"), 404, "transaction_not_found");
        assertAprilError(pay(api, order(api, "1.00"), "tok_aaaaaaaaaaaaaaaaaaaaaaaaaa"), 422, null);
    }

    @Test
    void another_merchants_transactions_and_orders_are_not_found() {
        // Given merchant A's paid order and its transaction
        NewMerchant a = till.merchant();
        NewMerchant b = till.merchant();
        String orderId = order(till.api(a), "10.00");
        String tran = pay(till.api(a), orderId, token(a, "4242424242424242")).text("transactionId");

        // Then merchant B can neither refund the transaction nor pay the order
        Api apiB = till.api(b);
        assertAprilError(apiB.patch("/transactions/" + tran, "{\"CreateRefund\":{\"refundAmount\":100}}"), 404, "transaction_not_found");
        assertAprilError(pay(apiB, orderId, token(b, "4242424242424242")), 404, "order_not_found");
        assertThat(till.api(a).get("/orders/" + orderId + "?response_type=standard").json().path("refunded_amount").asLong()).isZero();
    }

    private static void assertAprilError(Api.Reply reply, int status, String code) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        JsonNode e = reply.json();
        assertThat(fieldNames(e)).containsExactly("statusCode", "errorCode", "message", "tracer", "detail", "errorTypeDescription");
        assertThat(e.path("statusCode").asInt()).isEqualTo(status);
        if (code != null) assertThat(e.path("errorCode").asText()).isEqualTo(code);
        assertThat(e.path("tracer").asText()).isEqualTo(reply.header("Cko-Request-Id"));
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
