package dev.till.payouts;

import static dev.till.ledger.LedgerAssertions.waitingForAdvisoryLocks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.till.core.ledger.DebitTurns;
import dev.till.core.ledger.Ledger;
import dev.till.core.merchants.NewMerchant;
import dev.till.ledger.LedgerAssertions;
import dev.till.server.Services;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A merchant's debits outside the refund groups (payouts here; also orders' refunds and April's
 * CreateRefund) run one after another, each holding the merchant's balance lock from its balance
 * check to its commit. They wait for their turn without a database connection (DebitTurns), so a
 * burst of them cannot take the pool from everyone else. The server has 8 connections, as every
 * test server does.
 */
class DebitTurnsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    private static final int PAYOUTS = 12; // more than the server's 8 connections

    @Test
    void a_burst_of_one_merchants_payouts_waits_its_turn_without_taking_the_pool() throws Exception {
        // Given a merchant with funds and quotes for a dozen payouts, and another merchant with a payment
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        PayoutFixtures.credit(api, "USD", 1_000_00);
        List<String> quotes = new ArrayList<>();
        for (int i = 0; i < PAYOUTS; i++) quotes.add(PayoutFixtures.quoteUsdToEur(api, 10_00, "DE"));
        Api other = till.api();
        String othersPayment = payByCard(other).text("id");

        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             Handle debit = services().jdbi().open()) {
            // And another debit of the merchant's holding its USD balance lock
            debit.begin();
            new Ledger(services().ids(), services().clock()).lock(debit, m.merchant().merchantId(), "USD");

            // When more payouts arrive than the gateway has connections
            List<Future<Api.Reply>> payouts = new ArrayList<>();
            for (int i = 0; i < PAYOUTS; i++) {
                String body = PayoutFixtures.payoutBody("turns-" + i, quotes.get(i), PayoutFixtures.COMPLETES_DE, "DE");
                payouts.add(clients.submit(() -> api.post("/payouts", body)));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAdvisoryLocks(till) > 0);

            // Then the other merchant's requests still get a connection, while the payouts wait
            Future<Api.Reply> read = clients.submit(() -> other.get("/payments/" + othersPayment));
            Future<Api.Reply> pay = clients.submit(() -> payByCard(other));
            assertThat(read.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            assertThat(pay.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
            assertThat(payouts).noneMatch(Future::isDone);
            // And no more of the payouts than DebitTurns lets in at once hold a connection meanwhile
            assertThat(waitingForAdvisoryLocks(till)).isBetween(1, DebitTurns.AT_ONCE);

            // When the debit commits
            debit.commit();

            // Then every payout is made, one after another
            for (Future<Api.Reply> payout : payouts) {
                Api.Reply reply = payout.get(60, TimeUnit.SECONDS);
                assertThat(reply.status()).as(reply.body()).isEqualTo(201);
            }
        }
        LedgerAssertions.ledgerAddsUp(till);
    }

    private static Api.Reply payByCard(Api api) {
        Api.Reply reply = api.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"4242424242424242\",\"expiry_month\":12,"
                + "\"expiry_year\":2031,\"cvv\":\"123\"},\"amount\":1000,\"currency\":\"USD\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply;
    }

    private static Services services() {
        return till.gateway().services();
    }
}
