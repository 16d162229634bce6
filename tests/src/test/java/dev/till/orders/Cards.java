package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;

/** Test cards of the simulator (docs/test-cards.md) and tokenizing them as a browser would. */
final class Cards {
    static final String VISA = "4242424242424242";
    /** Approved with funds available at once, so the merchant's balance can pay refunds straight away. */
    static final String IMMEDIATE_FUNDS = "4000000000000077";
    static final String THREE_DS = "4000000000003220";
    static final String REFUND_DECLINED = "4000000000003071";
    /** Approved, but the network declines every capture and void of it. */
    static final String CAPTURE_AND_VOID_DECLINED = "4000000000003105";
    /** The network never answers at once; the reconciler later learns it was approved. */
    static final String NO_REPLY = "4000000000003055";
    static final String NO_REPLY_NO_REFUNDS = "4000000000003097";

    private Cards() {}

    static String token(TillServer till, NewMerchant m, String number) {
        Api.Reply token = till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"" + number + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"123\"}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return token.text("token");
    }

    /** Issues an order for one product at {@code price} (major units). */
    static String order(Api api, String price, String extra) {
        Api.Reply r = api.post("/orders", """
                {"client":{"email":"jane@example.com"},"products":[{"title":"Tea","price":%s}],"currency":"USD"%s}"""
                .formatted(price, extra));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.text("id");
    }

    /** Gives the merchant available funds (another sale) beyond what one payment brought in. */
    static void fundBalance(TillServer till, NewMerchant m) {
        String other = order(till.api(m), "50.00", "");
        assertThat(aprilPay(till, m, other, IMMEDIATE_FUNDS).status()).isEqualTo(200);
    }

    /** What the cardholder's press of "Confirm payment" ({@code pass}) or "Cancel" on the bank's challenge page sends. */
    static Api.Reply completeChallenge(TillServer till, Api api, String paymentId, boolean pass) {
        String href = api.get("/payments/" + paymentId).json().path("_links").path("redirect").path("href").asText();
        assertThat(href).as("payment " + paymentId + " awaits a challenge").isNotEmpty();
        String path = href.replaceFirst("^https?://[^/]+", "");
        return till.anonymous().send("POST", path, "application/x-www-form-urlencoded",
                ("outcome=" + (pass ? "pass" : "fail")).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    static Api.Reply aprilPay(TillServer till, NewMerchant m, String orderId, String number) {
        return till.api(m).post("/orders/" + orderId + "/pay",
                "{\"PayByCard\":{\"paymentTokenId\":\"" + token(till, m, number) + "\"}}");
    }
}
