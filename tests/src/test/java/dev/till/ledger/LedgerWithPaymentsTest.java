package dev.till.ledger;

import static dev.till.ledger.LedgerAssertions.balance;
import static dev.till.ledger.LedgerAssertions.ledgerAddsUp;
import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real card payments through the API post to the ledger in the same transaction. */
class LedgerWithPaymentsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    private static String pay(Api api, String card, long amount) {
        return api.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"" + card + "\",\"expiry_month\":12,"
                + "\"expiry_year\":2031,\"cvv\":\"100\"},\"amount\":" + amount + ",\"currency\":\"USD\"}").text("id");
    }

    @Test
    void a_captured_payment_waits_in_pending_and_a_full_refund_takes_it_all_back() {
        // Given a merchant on the default pricing (2.9 % + 0.30)
        NewMerchant m = till.merchant();
        Api api = till.api(m);

        // When a 65.00 payment is captured
        String id = pay(api, "4242424242424242", 65_00);

        // Then 65.00 less 2.19 waits in pending
        assertThat(balance(api, "USD")).containsExactly(62_81, 0, 0);
        assertThat(api.get("/balance-transactions?type=capture").json().path("data").get(0).path("source_id").asText()).isEqualTo(id);

        // When it is refunded in part, then in full
        assertThat(api.post("/payments/" + id + "/refunds", "{\"amount\":1500}").status()).isEqualTo(202);
        assertThat(api.post("/payments/" + id + "/refunds", null).status()).isEqualTo(202);

        // Then the merchant holds nothing from it, and the ledger adds up
        assertThat(balance(api, "USD")).containsExactly(0, 0, 0);
        assertThat(api.get("/payments/" + id).text("status")).isEqualTo("Refunded");
        ledgerAddsUp(till);
    }

    @Test
    void a_refund_the_merchant_cannot_cover_is_refused_before_the_network_is_asked() {
        // Given a 20.00 payment (the network would decline this card's refunds, so a refund that
        // reached it would be on record as a declined action), its funds settled and mostly paid out
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = pay(api, "4000000000003071", 20_00);
        till.clock().advance(Duration.ofDays(2).plusSeconds(1));
        till.gateway().jobs().runNow("ledger-settlement");
        assertThat(balance(api, "USD")).containsExactly(0, 19_12, 0);
        Api.Reply quote = api.post("/quotes", "{\"currency\":\"EUR\",\"country\":\"DE\",\"source_currency\":\"USD\",\"source_amount\":1500}");
        Api.Reply payout = api.post("/payouts", "{\"external_ref\":\"drain\",\"quote_id\":\"" + quote.text("id") + "\","
                + "\"beneficiary\":{\"name\":\"Erika Mustermann\",\"iban\":\"DE89370400440532013000\",\"country\":\"DE\"}}");
        assertThat(payout.status()).as(payout.body()).isEqualTo(201);
        assertThat(balance(api, "USD")[1]).isLessThan(19_12 - 15_00);

        // When the merchant refunds the payment in full
        Api.Reply refund = api.post("/payments/" + id + "/refunds", null);

        // Then it is refused for the balance, and the network was never asked: no refund is on record at all
        assertThat(refund.status()).as(refund.body()).isEqualTo(422);
        assertThat(refund.json().path("error_codes").get(0).asText()).isEqualTo("insufficient_balance");
        List<String> actions = new ArrayList<>();
        api.get("/payments/" + id + "/actions").json().forEach(a -> actions.add(a.path("type").asText()));
        assertThat(actions).containsExactly("Capture", "Authorization");
        assertThat(api.get("/payments/" + id).text("status")).isEqualTo("Captured");
        ledgerAddsUp(till);
    }

    @Test
    void test_card_0077_skips_the_pending_period() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        pay(api, "4000000000000077", 100_00);
        assertThat(balance(api, "USD")).containsExactly(0, 96_80, 0);
        ledgerAddsUp(till);
    }

    @Test
    void a_declined_payment_posts_nothing() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        pay(api, "4242424242424242", 123_05); // ...05: Do not honour
        assertThat(api.get("/balance-transactions").json().path("data")).isEmpty();
    }

    @Test
    void an_order_chargeback_takes_the_money_back_and_a_representation_returns_it() {
        // Given a paid 65.00 order (62.81 waiting in pending after the fee)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String order = api.post("/orders", """
                {"client":{"email":"c@example.com"},"currency":"USD","products":[{"title":"Kite","price":65.00}]}""").text("id");
        String token = till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"100\"}").text("token");
        assertThat(api.post("/orders/" + order + "/pay", "{\"PayByCard\":{\"paymentTokenId\":\"" + token + "\"}}").status()).isEqualTo(200);
        assertThat(balance(api, "USD")).containsExactly(62_81, 0, 0);

        // When the network raises a chargeback for all 65.00
        assertThat(api.post("/orders/" + order + "/test-dispute", "{\"stage\":\"chargeback\"}").status()).isEqualTo(200);

        // Then the pending funds go back, the 2.19 the merchant does not hold becomes its debt, and nothing is negative
        assertThat(balance(api, "USD")).containsExactly(0, 0, 0);
        assertThat(api.get("/balance-transactions?type=chargeback").json().path("data").get(0).path("lines").toString())
                .contains("merchant_debt", "chargebacks");
        ledgerAddsUp(till);

        // When the merchant wins (representation), the money returns, repaying the debt first
        assertThat(api.post("/orders/" + order + "/test-dispute", "{\"stage\":\"representation\"}").status()).isEqualTo(200);
        assertThat(balance(api, "USD")).containsExactly(0, 62_81, 0);
        ledgerAddsUp(till);
    }
}
