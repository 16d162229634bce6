package dev.till.payouts;

import static dev.till.ledger.LedgerAssertions.balance;
import static dev.till.ledger.LedgerAssertions.ledgerAddsUp;
import static dev.till.payouts.PayoutFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.events.Event;
import dev.till.core.events.EventStore;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PayoutsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void a_payout_is_quoted_reserved_processed_and_completed() {
        // Given a test merchant holding 1 000.00 USD
        Api api = till.api();
        credit(api, "USD", 1_000_00);

        // When it asks for a quote paying 100.00 USD to Germany in EUR
        Api.Reply quote = api.post("/quotes", """
                {"currency":"EUR","country":"DE","source_currency":"USD","source_amount":10000}""");

        // Then the rate is the 0.92 mid rate less the 0.5 % spread, the fee is 1.00, locked for 5 minutes
        assertThat(quote.status()).isEqualTo(201);
        assertThat(quote.text("id")).matches("qte_[a-z2-7]{26}");
        assertThat(quote.text("rate")).isEqualTo("0.9154");
        assertThat(quote.json().path("target_amount").asLong()).isEqualTo(91_54);
        assertThat(quote.json().path("fee").asLong()).isEqualTo(1_00);
        assertThat(quote.text("expires_on")).isEqualTo(till.clock().instant().plus(Duration.ofMinutes(5)).toString());

        // When it pays out on that quote
        Api.Reply created = api.post("/payouts", payoutBody("inv-42", quote.text("id"), "DE89 3704 0044 0532 0130 00", "DE"));

        // Then the payout is created and 101.00 moves from available to reserved
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.text("id");
        assertThat(id).matches("po_[a-z2-7]{26}");
        assertThat(created.text("status")).isEqualTo("created");
        assertThat(created.json().path("beneficiary").path("iban").asText()).isEqualTo(COMPLETES_DE);
        assertThat(balance(api, "USD")).containsExactly(0, 899_00, 101_00);

        // When the rail picks it up, it is processing; a minute later the bank completes it
        till.gateway().jobs().runNow("payout-rail");
        assertThat(api.get("/payouts/" + id).text("status")).isEqualTo("processing");
        till.clock().advance(Duration.ofMinutes(1));
        till.gateway().jobs().runNow("payout-rail");

        // Then it is completed, the reserve is spent and the ledger shows reserve then settle
        assertThat(api.get("/payouts/" + id).text("status")).isEqualTo("completed");
        assertThat(balance(api, "USD")).containsExactly(0, 899_00, 0);
        assertThat(api.get("/balance-transactions?source_id=" + id).json().path("data").findValuesAsText("type"))
                .containsExactly("payout_settle", "payout_reserve");
        assertThat(eventTypes(id)).containsExactly("payout.created", "payout.completed");
        ledgerAddsUp(till);
    }

    @Test
    void a_failed_payout_releases_the_reserve_and_a_returned_one_comes_back_without_the_fee() {
        Api api = till.api();
        credit(api, "USD", 300_00);
        String failed = api.post("/payouts", payoutBody("f-1", quoteUsdToEur(api, 100_00, "NL"), FAILS_NL, "NL")).text("id");
        String returned = api.post("/payouts", payoutBody("r-1", quoteUsdToEur(api, 100_00, "FR"), RETURNS_FR, "FR")).text("id");
        assertThat(balance(api, "USD")).containsExactly(0, 98_00, 202_00);

        till.gateway().jobs().runNow("payout-rail");
        till.clock().advance(Duration.ofMinutes(1));
        till.gateway().jobs().runNow("payout-rail");

        Api.Reply f = api.get("/payouts/" + failed);
        assertThat(f.text("status")).isEqualTo("failed");
        assertThat(f.text("failure_code")).isEqualTo("beneficiary_bank_rejected");
        Api.Reply r = api.get("/payouts/" + returned);
        assertThat(r.text("status")).isEqualTo("returned");
        assertThat(r.text("failure_code")).isEqualTo("beneficiary_account_closed");
        // The failed payout gave back 101.00; the returned one 100.00 (its fee was spent on the transfer)
        assertThat(balance(api, "USD")).containsExactly(0, 299_00, 0);
        assertThat(eventTypes(failed)).containsExactly("payout.created", "payout.failed");
        assertThat(eventTypes(returned)).containsExactly("payout.created", "payout.returned");
        ledgerAddsUp(till);
    }

    @Test
    void an_expired_quote_is_rejected() {
        Api api = till.api();
        credit(api, "USD", 100_00);
        String quote = quoteUsdToEur(api, 10_00, "DE");

        // When the 5-minute lock has passed
        till.clock().advance(Duration.ofMinutes(5).plusSeconds(1));

        // Then the quote cannot pay for a payout, and nothing moved
        Api.Reply r = api.post("/payouts", payoutBody("late-1", quote, COMPLETES_DE, "DE"));
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("quote_expired");
        assertThat(balance(api, "USD")).containsExactly(0, 100_00, 0);
    }

    @Test
    void the_same_external_ref_returns_the_existing_payout() {
        Api api = till.api();
        credit(api, "USD", 100_00);
        Api.Reply first = api.post("/payouts", payoutBody("once", quoteUsdToEur(api, 10_00, "DE"), COMPLETES_DE, "DE"));
        Api.Reply again = api.post("/payouts", payoutBody("once", quoteUsdToEur(api, 10_00, "DE"), COMPLETES_DE, "DE"));
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        assertThat(balance(api, "USD")).containsExactly(0, 89_00, 11_00);
    }

    @Test
    void bad_input_fails_with_clear_codes() {
        Api api = till.api();
        credit(api, "USD", 5_00);
        // IBAN checksum, insufficient balance, a used quote, a mismatched country
        assertThat(code(api.post("/payouts", payoutBody("b1", quoteUsdToEur(api, 1_00, "DE"),
                "DE89370400440532013001", "DE")))).isEqualTo("beneficiary_iban_invalid");
        assertThat(code(api.post("/payouts", payoutBody("b2", quoteUsdToEur(api, 10_00, "DE"), COMPLETES_DE, "DE"))))
                .isEqualTo("insufficient_balance");
        String used = quoteUsdToEur(api, 1_00, "DE");
        assertThat(api.post("/payouts", payoutBody("b3", used, COMPLETES_DE, "DE")).status()).isEqualTo(201);
        assertThat(code(api.post("/payouts", payoutBody("b4", used, COMPLETES_DE, "DE")))).isEqualTo("quote_used");
        assertThat(code(api.post("/payouts", payoutBody("b5", quoteUsdToEur(api, 1_00, "FR"), COMPLETES_DE, "DE"))))
                .isEqualTo("beneficiary_country_mismatch");
        assertThat(code(api.post("/payouts", "{\"quote_id\":\"qte_x\"}"))).isEqualTo("external_ref_required");

        // Quotes: unsupported currency and corridor
        assertThat(code(api.post("/quotes", "{\"currency\":\"EUR\",\"country\":\"JP\",\"source_amount\":100}"))).isEqualTo("corridor_unsupported");
        assertThat(code(api.post("/quotes", "{\"currency\":\"THB\",\"country\":\"TH\",\"source_amount\":100}"))).isEqualTo("currency_unsupported");
        assertThat(code(api.post("/quotes", "{\"currency\":\"EUR\",\"country\":\"DE\"}"))).isEqualTo("amount_required");
        assertThat(api.get("/payouts/po_nope").status()).isEqualTo(404);
    }

    @Test
    void a_quote_for_a_target_amount_rounds_the_source_up() {
        Api api = till.api();
        Api.Reply q = api.post("/quotes", "{\"currency\":\"JPY\",\"country\":\"JP\",\"source_currency\":\"USD\",\"target_amount\":10000}");
        assertThat(q.status()).isEqualTo(201);
        // 151.5 × 0.995 = 150.7425 JPY per USD; ¥10 000 costs 66.337… USD, rounded up to 66.34
        assertThat(q.text("rate")).isEqualTo("150.7425");
        assertThat(q.json().path("source_amount").asLong()).isEqualTo(66_34);
        assertThat(api.get("/quotes/" + q.text("id")).json().path("target_amount").asLong()).isEqualTo(10_000);
    }

    private static String code(Api.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(422);
        return r.json().path("error_codes").get(0).asText();
    }

    static List<String> eventTypes(String objectId) {
        return till.gateway().services().jdbi().withHandle(h -> new EventStore(h).forObject(
                        h.createQuery("SELECT merchant_id FROM payouts WHERE id = :id").bind("id", objectId).mapTo(String.class).one(), objectId))
                .stream().map(Event::type).toList();
    }
}
