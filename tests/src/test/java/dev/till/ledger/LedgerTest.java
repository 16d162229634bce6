package dev.till.ledger;

import static dev.till.ledger.LedgerAssertions.balance;
import static dev.till.ledger.LedgerAssertions.ledgerAddsUp;
import static dev.till.ledger.LedgerAssertions.waitingForAdvisoryLocks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.ledger.Ledger;
import dev.till.core.ledger.LedgerCheck;
import dev.till.core.ledger.MerchantPricing;
import dev.till.core.ledger.PaymentPostings;
import dev.till.core.merchants.NewMerchant;
import dev.till.domain.CurrencyCode;
import dev.till.domain.ProblemException;
import dev.till.domain.ledger.Pricing;
import dev.till.server.Services;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LedgerTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    private static Services services() {
        return till.gateway().services();
    }

    @Test
    void a_capture_pays_the_fee_waits_in_pending_and_settles_after_two_days() {
        // Given a merchant on the default pricing (2.9 % + 30)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        var payments = new PaymentEventsGlue(services());
        String pay = payments.newPaymentId();

        // When a payment of 65.00 USD is captured
        String act = payments.capture(m.merchant().merchantId(), pay, "USD", 65_00, false);

        // Then 65.00 less 2.19 of fees waits in pending, nothing is available yet
        assertThat(balance(api, "USD")).containsExactly(62_81, 0, 0);
        JsonNode capture = api.get("/balance-transactions?type=capture").json().path("data").get(0);
        assertThat(capture.path("source_id").asText()).isEqualTo(pay);
        assertThat(capture.path("action_id").asText()).isEqualTo(act);
        assertThat(capture.path("lines").toString()).contains("card_network_clearing", "\"fees\"", "merchant_pending");
        ledgerAddsUp(till);

        // When 25.00 is refunded before settlement
        payments.refund(m.merchant().merchantId(), pay, "USD", 25_00);

        // Then it comes out of the payment's pending funds, less its share of the fee (2.19 × 25/65 = 0.84)
        assertThat(balance(api, "USD")).containsExactly(38_65, 0, 0);

        // When a day passes, nothing settles; after two days the rest becomes available
        till.clock().advance(Duration.ofDays(1));
        till.gateway().jobs().runNow("ledger-settlement");
        assertThat(balance(api, "USD")).containsExactly(38_65, 0, 0);
        till.clock().advance(Duration.ofDays(1));
        till.gateway().jobs().runNow("ledger-settlement");
        assertThat(balance(api, "USD")).containsExactly(0, 38_65, 0);

        // And a later refund comes out of available (fee returned so far: 2.19 × 35/65 = 1.17, rounded down)
        payments.refund(m.merchant().merchantId(), pay, "USD", 10_00);
        assertThat(balance(api, "USD")).containsExactly(0, 28_98, 0);

        // And refunding the rest takes back exactly what the capture credited
        payments.refund(m.merchant().merchantId(), pay, "USD", 30_00);
        assertThat(balance(api, "USD")).containsExactly(0, 0, 0);
        ledgerAddsUp(till);
    }

    @Test
    void an_immediate_capture_is_available_at_once_and_pricing_is_per_merchant() {
        // Given a merchant paying 1 % + 10
        NewMerchant m = till.merchant();
        services().jdbi().useTransaction(tx -> new MerchantPricing().set(tx, m.merchant().merchantId(), new Pricing(100, 10, 0, 0)));

        // When a payment with funds_availability=immediate (test card 4000 0000 0000 0077) is captured
        var payments = new PaymentEventsGlue(services());
        payments.capture(m.merchant().merchantId(), payments.newPaymentId(), "EUR", 100_00, true);

        // Then the net is available without waiting
        assertThat(balance(till.api(m), "EUR")).containsExactly(0, 98_90, 0);
        ledgerAddsUp(till);
    }

    @Test
    void a_refund_the_merchant_cannot_cover_is_refused_and_posts_nothing() {
        NewMerchant m = till.merchant();
        var payments = new PaymentEventsGlue(services());
        String pay = payments.newPaymentId();
        payments.capture(m.merchant().merchantId(), pay, "USD", 10_00, true);

        // When a refund larger than what the merchant holds is recorded
        assertThatThrownBy(() -> payments.refund(m.merchant().merchantId(), pay, "USD", 20_00))
                .isInstanceOf(ProblemException.class).hasMessageContaining("too low");

        // Then the balance is untouched and no event or entry was kept
        assertThat(balance(till.api(m), "USD")).containsExactly(0, 9_41, 0);
        assertThat(till.api(m).get("/balance-transactions?type=refund").json().path("data")).isEmpty();
        ledgerAddsUp(till);
    }

    @Test
    void the_fold_waits_its_turn_behind_a_debit_and_gives_up_after_its_wait() throws Exception {
        // Given a capture whose lines are not folded yet
        NewMerchant m = till.merchant();
        String merchantId = m.merchant().merchantId();
        var payments = new PaymentEventsGlue(services());
        payments.capture(merchantId, payments.newPaymentId(), "USD", 10_00, true);
        Ledger ledger = new Ledger(services().ids(), services().clock());

        try (Handle debit = services().jdbi().open()) {
            // And a debit (a refund, a payout) holding the merchant's USD balance lock
            debit.begin();
            ledger.lock(debit, merchantId, "USD");

            // When a fold's wait for the lock runs out, the pair is left for a later round, and no error is raised
            ledger.foldOnce(services().jdbi(), Duration.ofMillis(50));
            assertThat(unfoldedLines(merchantId)).isPositive();

            // When a fold runs with time to wait, it waits in line for the lock; a try would have
            // given up, and under debits queued back to back would never have folded
            CompletableFuture<Integer> fold = CompletableFuture.supplyAsync(() -> ledger.foldOnce(services().jdbi(), Duration.ofMinutes(1)));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAdvisoryLocks(till) > 0);
            debit.commit();
            fold.get(30, TimeUnit.SECONDS);
        }

        // Then once the debit committed, the lines were folded, and the balance reads the same
        assertThat(unfoldedLines(merchantId)).isZero();
        assertThat(balance(till.api(m), "USD")).containsExactly(0, 9_41, 0);
        ledgerAddsUp(till);
    }

    private static int unfoldedLines(String merchantId) {
        return services().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM ledger_lines WHERE merchant_id = ? AND NOT folded")
                .bind(0, merchantId).mapTo(Integer.class).one());
    }

    @Test
    void a_chargeback_takes_the_amount_and_a_dispute_fee() {
        NewMerchant m = till.merchant();
        String merchantId = m.merchant().merchantId();
        var payments = new PaymentEventsGlue(services());
        String pay = payments.newPaymentId();
        payments.capture(merchantId, pay, "USD", 100_00, true);

        // When the payment is disputed (the orders capability will call this)
        var postings = new PaymentPostings(new Ledger(services().ids(), services().clock()), new MerchantPricing(),
                services().ids(), services().clock(), Duration.ofDays(2));
        services().jdbi().useTransaction(tx -> postings.chargeback(tx, merchantId, pay, "dsp_test", CurrencyCode.of("USD"), 50_00, 15_00));

        // Then 65.00 left the available balance
        assertThat(balance(till.api(m), "USD")).containsExactly(0, 96_80 - 65_00, 0);
        JsonNode entry = till.api(m).get("/balance-transactions?type=chargeback").json().path("data").get(0);
        assertThat(entry.path("lines").toString()).contains("chargebacks");
        ledgerAddsUp(till);
    }

    @Test
    void balance_transactions_page_with_a_cursor_filter_by_date_and_export_as_csv() {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        var payments = new PaymentEventsGlue(services());
        List<String> pays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            till.clock().advance(Duration.ofSeconds(1));
            String pay = payments.newPaymentId();
            pays.add(pay);
            payments.capture(m.merchant().merchantId(), pay, "USD", (i + 1) * 10_00L, false);
        }

        // Newest first, two at a time
        Api.Reply first = api.get("/balance-transactions?limit=2");
        assertThat(first.json().path("data").get(0).path("source_id").asText()).isEqualTo(pays.get(4));
        Api.Reply second = api.get("/balance-transactions?limit=2&cursor=" + first.text("next_cursor"));
        assertThat(second.json().path("data").get(0).path("source_id").asText()).isEqualTo(pays.get(2));

        // Filtered by source and by date
        assertThat(api.get("/balance-transactions?source_id=" + pays.get(1)).json().path("data")).hasSize(1);
        String from = first.json().path("data").get(1).path("created_on").asText();
        assertThat(api.get("/balance-transactions?created_from=" + from).json().path("data")).hasSize(2);
        assertThat(api.get("/balance-transactions?type=nonsense").status()).isEqualTo(422);
        assertThat(api.get("/balance-transactions?created_to=yesterday").status()).isEqualTo(422);

        // The CSV export has one row per line: 5 captures × 3 lines
        Api.Reply csv = api.get("/balance-transactions.csv?type=capture");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.header("Content-Type")).startsWith("text/csv");
        String[] rows = csv.body().split("\r\n");
        assertThat(rows[0]).startsWith("balance_transaction_id,created_on,type,source_id");
        assertThat(rows).hasSize(1 + 15);
        assertThat(csv.body()).contains(pays.get(0) + ",", "card_network_clearing,USD,debit,1000");
    }

    @Test
    void test_credits_are_for_test_mode_merchants_only() {
        Api test = till.api();
        Api.Reply credited = test.post("/test/balances/credit", "{\"currency\":\"GBP\",\"amount\":500000}");
        assertThat(credited.status()).isEqualTo(201);
        assertThat(balance(test, "GBP")).containsExactly(0, 5_000_00, 0);
        assertThat(test.post("/test/balances/credit", "{\"currency\":\"XYZ\",\"amount\":-1}").json().path("error_codes").toString())
                .contains("currency_invalid", "amount_invalid");

        NewMerchant live = services().merchants().create("Live merchant", false);
        Api.Reply refused = till.api(live).post("/test/balances/credit", "{\"currency\":\"GBP\",\"amount\":100}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("error_codes").get(0).asText()).isEqualTo("test_mode_only");
    }

    @Test
    void the_database_refuses_an_unbalanced_entry_and_the_check_finds_a_drifted_balance() {
        NewMerchant m = till.merchant();
        String merchantId = m.merchant().merchantId();
        till.api(m).post("/test/balances/credit", "{\"currency\":\"USD\",\"amount\":1000}");

        // An entry written behind the ledger's back with one line only is refused
        assertThatThrownBy(() -> services().jdbi().useTransaction(tx -> {
            tx.execute("INSERT INTO ledger_entries (id, merchant_id, type, source_id, created_on) VALUES ('btx_bad', ?, 'test_funding', 'x', now())", merchantId);
            tx.execute("INSERT INTO ledger_lines VALUES ('btx_bad', 1, ?, 'merchant_available', 'USD', 'credit', 5)", merchantId);
        })).hasStackTraceContaining("does not balance");
        // So is a line added later to an entry that balanced (the check covers the entry's other lines)
        String entryId = services().jdbi().withHandle(h -> h.createQuery(
                "SELECT entry_id FROM ledger_lines WHERE merchant_id = ? LIMIT 1").bind(0, merchantId).mapTo(String.class).one());
        assertThatThrownBy(() -> services().jdbi().useHandle(h -> h.execute(
                "INSERT INTO ledger_lines VALUES (?, 99, ?, 'merchant_available', 'USD', 'credit', 5)", entryId, merchantId)))
                .hasStackTraceContaining("does not balance");
        // So is a line whose amount is changed afterwards (folding, which moves no money, is not re-checked)
        assertThatThrownBy(() -> services().jdbi().useTransaction(tx -> tx.execute(
                "UPDATE ledger_lines SET amount = amount + 1 WHERE merchant_id = ? AND line_no = 1", merchantId)))
                .hasStackTraceContaining("does not balance");

        // A balance changed without lines is reported by the check (./till ledger check runs the same)
        till.gateway().jobs().runNow("ledger-fold");
        services().jdbi().useHandle(h -> h.execute(
                "UPDATE ledger_accounts SET balance = balance + 1 WHERE merchant_id = ? AND account = 'merchant_available'", merchantId));
        List<String> violations = new LedgerCheck(services().jdbi()).violations(Optional.of(merchantId));
        assertThat(violations).singleElement().asString().contains("merchant_available", "1001", "1000");
        services().jdbi().useHandle(h -> h.execute(
                "UPDATE ledger_accounts SET balance = balance - 1 WHERE merchant_id = ? AND account = 'merchant_available'", merchantId));
        ledgerAddsUp(till);
    }
}
