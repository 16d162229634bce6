package dev.till.payouts;

import static dev.till.ledger.LedgerAssertions.balance;
import static dev.till.ledger.LedgerAssertions.ledgerAddsUp;
import static dev.till.payouts.PayoutFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PayoutConcurrencyTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void twenty_concurrent_payouts_that_together_exceed_the_balance_exactly_the_ones_that_fit_succeed() throws Exception {
        // Given 100.00 USD available and 20 quotes of 10.00 (each payout costs 11.00 with its fee)
        Api api = till.api();
        credit(api, "USD", 100_00);
        List<String> quotes = new ArrayList<>();
        for (int i = 0; i < 20; i++) quotes.add(quoteUsdToEur(api, 10_00, "DE"));

        // When all 20 payouts are sent at once
        List<Api.Reply> replies = all(20, i -> api.post("/payouts", payoutBody("c-" + i, quotes.get(i), COMPLETES_DE, "DE")));

        // Then exactly 9 fit (99.00), the other 11 fail for lack of balance, and nothing went negative
        assertThat(replies.stream().filter(r -> r.status() == 201)).hasSize(9);
        assertThat(replies.stream().filter(r -> r.status() == 422))
                .hasSize(11).allSatisfy(r -> assertThat(r.json().path("error_codes").get(0).asText()).isEqualTo("insufficient_balance"));
        assertThat(balance(api, "USD")).containsExactly(0, 1_00, 99_00);
        ledgerAddsUp(till);
    }

    @Test
    void the_same_external_ref_in_two_concurrent_batches_creates_one_payout() throws Exception {
        Api api = till.api();
        credit(api, "USD", 1_000_00);
        for (int round = 0; round < 5; round++) {
            // Given two batches naming the same externalRefs, each with its own quotes
            String a1 = quoteUsdToEur(api, 10_00, "DE"), a2 = quoteUsdToEur(api, 10_00, "DE");
            String b1 = quoteUsdToEur(api, 10_00, "DE"), b2 = quoteUsdToEur(api, 10_00, "DE");
            String ref1 = "batch-" + round + "-1", ref2 = "batch-" + round + "-2";
            String[] bodies = {batch(ref1, a1, ref2, a2), batch(ref2, b2, ref1, b1)};

            // When both are sent at once
            List<Api.Reply> replies = all(2, i -> api.post("/api/v1/payments", bodies[i]));

            // Then each reference has exactly one payout, which both answers name
            for (Api.Reply r : replies) assertThat(r.status()).as(r.body()).isEqualTo(200);
            for (String ref : List.of(ref1, ref2)) {
                List<JsonNode> items = replies.stream().flatMap(r -> stream(r.json().path("payments")))
                        .filter(n -> n.path("externalRef").asText().equals(ref)).toList();
                assertThat(items).hasSize(2);
                assertThat(items).extracting(n -> n.path("result").asText()).containsExactlyInAnyOrder("created", "existing");
                assertThat(items.get(0).path("payment").path("id").asText()).isEqualTo(items.get(1).path("payment").path("id").asText());
            }
        }
        // 5 rounds × 2 payouts × 11.00
        assertThat(balance(api, "USD")).containsExactly(0, 890_00, 110_00);
        ledgerAddsUp(till);
    }

    private static String batch(String ref1, String quote1, String ref2, String quote2) {
        return """
                [{"quoteId":"%s","externalRef":"%s","beneficiary":{"name":"A","iban":"%s","country":"DE"}},
                 {"quoteId":"%s","externalRef":"%s","beneficiary":{"name":"B","iban":"%s","country":"DE"}}]"""
                .formatted(quote1, ref1, COMPLETES_DE, quote2, ref2, COMPLETES_DE);
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> out = new ArrayList<>();
        array.forEach(out::add);
        return out.stream();
    }

    interface Call {
        Api.Reply run(int i);
    }

    /** Runs n calls released together by a latch, and waits for all of them. */
    static List<Api.Reply> all(int n, Call call) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Api.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Api.Reply>) () -> {
                    start.await();
                    return call.run(index);
                }));
            }
            start.countDown();
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : futures) replies.add(f.get());
            return replies;
        }
    }
}
