package dev.till.payouts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.testkit.Api;

/** Small request builders for payout tests. */
final class PayoutFixtures {
    /** Valid IBANs the simulated rail completes, fails and returns (docs/ledger.md). */
    static final String COMPLETES_DE = "DE89370400440532013000";
    static final String FAILS_NL = "NL91ABNA0417164300";
    static final String RETURNS_FR = "FR1420041010050500013M02606";

    private PayoutFixtures() {}

    static void credit(Api api, String currency, long amount) {
        assertThat(api.post("/test/balances/credit", "{\"currency\":\"" + currency + "\",\"amount\":" + amount + "}").status())
                .isEqualTo(201);
    }

    /** A quote paying {@code sourceAmount} USD to a beneficiary in EUR in {@code country}. */
    static String quoteUsdToEur(Api api, long sourceAmount, String country) {
        Api.Reply q = api.post("/quotes", """
                {"currency":"EUR","country":"%s","source_currency":"USD","source_amount":%d}""".formatted(country, sourceAmount));
        assertThat(q.status()).as(q.body()).isEqualTo(201);
        return q.text("id");
    }

    static String payoutBody(String externalRef, String quoteId, String iban, String country) {
        return """
                {"external_ref":"%s","quote_id":"%s","reference":"Invoice 42",
                 "beneficiary":{"name":"Erika Mustermann","iban":"%s","country":"%s"}}""".formatted(externalRef, quoteId, iban, country);
    }
}
