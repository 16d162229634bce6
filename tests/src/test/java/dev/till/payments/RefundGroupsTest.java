package dev.till.payments;

import static dev.till.ledger.LedgerAssertions.balance;
import static dev.till.ledger.LedgerAssertions.ledgerAddsUp;
import static dev.till.ledger.LedgerAssertions.waitingForAdvisoryLocks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.till.core.ledger.Ledger;
import dev.till.core.merchants.NewMerchant;
import dev.till.server.Services;
import dev.till.testkit.Api;
import dev.till.testkit.LogCapture;
import dev.till.testkit.RefusingTrigger;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group commit of {@code POST /payments/{id}/refunds} (PaymentGroups#refund): refunds that arrive
 * while the refund writer is busy are written together, in one transaction, with one balance check
 * per merchant and currency, and each gets exactly what it would have got alone. A test holds the
 * writer on another merchant's balance lock, queues refunds behind it, then lets go: they form the
 * next group.
 */
class RefundGroupsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    private static final String VISA = "4242424242424242";
    private static final String REFUND_DECLINED = "4000000000003071";

    @Test
    void concurrent_refunds_are_written_in_one_transaction_and_each_answered_as_if_alone() throws Exception {
        // Given a merchant's captured payments (one on a card whose refunds the network declines) and an authorized one
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String full = pay(api, VISA, 10_00, true);
        String part = pay(api, VISA, 10_00, true);
        String twice = pay(api, VISA, 10_00, true);
        String declines = pay(api, REFUND_DECLINED, 10_00, true);
        String uncaptured = pay(api, VISA, 10_00, false);

        // When refunds of every kind arrive together, two of them of one payment
        List<Api.Reply> replies = inOneGroup(List.of(
                () -> refund(api, full, null),
                () -> refund(api, part, "{\"amount\":500,\"reference\":\"rf-1\"}"),
                () -> refund(api, twice, "{\"amount\":300}"),
                () -> refund(api, twice, "{\"amount\":300}"),
                () -> refund(api, declines, null),
                () -> refund(api, uncaptured, null),
                () -> refund(api, "pay_nosuchpayment00000000000", null)));

        // Then each is answered as it would be alone
        assertThat(replies).extracting(Api.Reply::status).containsExactly(202, 202, 202, 202, 202, 403, 404);
        assertThat(replies.get(1).text("reference")).isEqualTo("rf-1");
        assertThat(replies.get(0).json().path("_links").path("payment").path("href").asText()).endsWith("/payments/" + full);
        Api.Reply alone = refund(api, uncaptured, null);
        assertThat(alone.status()).isEqualTo(403);
        assertThat(withoutRequestId(replies.get(5))).isEqualTo(withoutRequestId(alone));
        assertThat(api.get("/payments/" + full).text("status")).isEqualTo("Refunded");
        assertThat(api.get("/payments/" + part).text("status")).isEqualTo("Partially Refunded");
        assertThat(api.get("/payments/" + twice).json().path("balances").path("total_refunded").asLong()).isEqualTo(600);
        assertThat(api.get("/payments/" + declines).text("status")).isEqualTo("Captured");

        // And their events are those of refunds made one by one
        assertThat(eventTypes(full)).containsExactly("payment_approved", "payment_captured", "payment_refunded");
        assertThat(eventTypes(twice)).containsExactly("payment_approved", "payment_captured", "payment_refunded", "payment_refunded");
        assertThat(eventTypes(declines)).containsExactly("payment_approved", "payment_captured", "payment_refund_declined");

        // And the group was one transaction; the second refund of one payment ran after it, alone
        assertThat(transactions(List.of(full, part))).isEqualTo(1); // a declined refund leaves its payment row as it was
        assertThat(transactions(List.of(full, twice))).isEqualTo(2);

        // And the ledger has a refund entry for each approved refund, and adds up
        assertThat(refundEntries(List.of(full, part, twice, declines))).isEqualTo(4);
        ledgerAddsUp(till);
    }

    @Test
    void a_group_refuses_the_refunds_its_merchants_balance_cannot_cover_and_makes_the_rest() throws Exception {
        // Given three 20.00 payments, settled, and a payout that leaves enough for one full refund (19.12 each) but not two
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        List<String> paid = new ArrayList<>();
        for (int i = 0; i < 3; i++) paid.add(pay(api, VISA, 20_00, true));
        till.clock().advance(Duration.ofDays(2).plusSeconds(1));
        till.gateway().jobs().runNow("ledger-settlement");
        Api.Reply quote = api.post("/quotes", "{\"currency\":\"EUR\",\"country\":\"DE\",\"source_currency\":\"USD\",\"source_amount\":3000}");
        Api.Reply payout = api.post("/payouts", "{\"external_ref\":\"drain\",\"quote_id\":\"" + quote.text("id") + "\","
                + "\"beneficiary\":{\"name\":\"Erika Mustermann\",\"iban\":\"DE89370400440532013000\",\"country\":\"DE\"}}");
        assertThat(payout.status()).as(payout.body()).isEqualTo(201);
        long available = balance(api, "USD")[1];
        assertThat(available).isBetween(19_12L, 2 * 19_12L - 1);

        // When all three are refunded in full, together
        List<Callable<Api.Reply>> refunds = new ArrayList<>();
        for (String id : paid) refunds.add(() -> refund(api, id, null));
        long rerunsBefore = groupsRunAgain();
        List<Api.Reply> replies = inOneGroup(refunds);

        // Then one is made and the other two are refused for the balance, before the network was asked,
        // by the group's own check: the ledger's check when it posted (which would roll the group back
        // and run each refund again alone) found nothing to refuse
        assertThat(groupsRunAgain()).isEqualTo(rerunsBefore);
        assertThat(replies).extracting(Api.Reply::status).containsExactlyInAnyOrder(202, 422, 422);
        for (int i = 0; i < paid.size(); i++) {
            List<String> actions = new ArrayList<>();
            api.get("/payments/" + paid.get(i) + "/actions").json().forEach(a -> actions.add(a.path("type").asText()));
            if (replies.get(i).status() == 202) {
                assertThat(actions).containsExactly("Refund", "Capture", "Authorization");
            } else {
                assertThat(replies.get(i).json().path("error_codes").get(0).asText()).isEqualTo("insufficient_balance");
                assertThat(actions).containsExactly("Capture", "Authorization");
            }
        }
        assertThat(balance(api, "USD")[1]).isEqualTo(available - 19_12);
        ledgerAddsUp(till);
    }

    @Test
    void a_refund_of_an_orders_payment_runs_alone_after_its_group() throws Exception {
        // Given a payment an order took, and two plain payments
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        Api.Reply order = api.post("/orders", """
                {"client":{"email":"jane@example.com"},"products":[{"title":"Tea","price":10.00}],"currency":"USD"}""");
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        String token = till.anonymous().withKey(m.publishableKey()).post("/tokens", "{\"type\":\"card\",\"number\":\"" + VISA
                + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"123\"}").text("token");
        Api.Reply paid = api.post("/orders/" + order.text("id") + "/pay", "{\"PayByCard\":{\"paymentTokenId\":\"" + token + "\"}}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(200);
        String ordersPayment = services().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM payments WHERE merchant_id = :m AND pays_for = 'order'")
                .bind("m", m.merchant().merchantId()).mapTo(String.class).one());
        String first = pay(api, VISA, 10_00, true);
        String second = pay(api, VISA, 10_00, true);

        // When all three are refunded together
        List<Api.Reply> replies = inOneGroup(List.of(
                () -> refund(api, first, null), () -> refund(api, ordersPayment, null), () -> refund(api, second, null)));

        // Then each is made, the order's payment in a transaction of its own after the group (its
        // order's listener locks the order row, which the order's own refunds lock first)
        assertThat(replies).extracting(Api.Reply::status).containsExactly(202, 202, 202);
        assertThat(transactions(List.of(first, second))).isEqualTo(1);
        assertThat(transactions(List.of(first, ordersPayment))).isEqualTo(2);
        assertThat(api.get("/payments/" + ordersPayment).text("status")).isEqualTo("Refunded");
        ledgerAddsUp(till);
    }

    @Test
    void a_group_of_refunds_that_fails_after_the_network_answered_is_not_run_again() throws Exception {
        // Given the database refuses one refund's action (a trigger this test installs stands for a
        // failure after the network answered: a deadlock, a bug)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        List<String> paid = List.of(pay(api, VISA, 10_00, true), pay(api, VISA, 10_00, true), pay(api, VISA, 10_00, true));
        try (var refusing = RefusingTrigger.on(services().jdbi(), "payment_actions")) {
            // When it arrives among others
            List<Api.Reply> replies = inOneGroup(List.of(
                    () -> refund(api, paid.get(0), "{\"reference\":\"fine\"}"),
                    () -> refund(api, paid.get(1), "{\"reference\":\"" + RefusingTrigger.REFUSED + "\"}"),
                    () -> refund(api, paid.get(2), "{\"reference\":\"fine\"}")));

            // Then none is run again, since a rerun would ask the network for each refund a second
            // time: every one fails, and none is on record
            assertThat(replies).extracting(Api.Reply::status).containsExactly(500, 500, 500);
            assertThat(LogCapture.lines()).anyMatch(l -> l.contains("refunds failed after the network answered; none is run again"));
            for (String id : paid) assertThat(api.get("/payments/" + id).text("status")).isEqualTo("Captured");
            assertThat(refundEntries(paid)).isZero();
            ledgerAddsUp(till);
        }
    }

    /**
     * Sends the requests while the refund writer waits for another merchant's balance lock, so that
     * they queue behind it; then lets go, and returns their answers in order.
     */
    private static List<Api.Reply> inOneGroup(List<Callable<Api.Reply>> requests) throws Exception {
        NewMerchant holder = till.merchant();
        Api holderApi = till.api(holder);
        String held = pay(holderApi, VISA, 10_00, true);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             Handle debit = services().jdbi().open()) {
            debit.begin();
            new Ledger(services().ids(), services().clock()).lock(debit, holder.merchant().merchantId(), "USD");
            Future<Api.Reply> blocked = clients.submit(() -> refund(holderApi, held, "{\"amount\":100}"));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForAdvisoryLocks(till) == 1);
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (Callable<Api.Reply> r : requests) sent.add(clients.submit(r));
            await().atMost(Duration.ofSeconds(30)).until(() -> queued() == requests.size());
            debit.commit();
            assertThat(blocked.get(30, TimeUnit.SECONDS).status()).isEqualTo(202);
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : sent) replies.add(f.get(30, TimeUnit.SECONDS));
            return replies;
        }
    }

    private static String pay(Api api, String card, long amount, boolean capture) {
        Api.Reply reply = api.post("/payments", "{\"source\":{\"type\":\"card\",\"number\":\"" + card + "\",\"expiry_month\":12,"
                + "\"expiry_year\":2031,\"cvv\":\"100\"},\"capture\":" + capture + ",\"amount\":" + amount + ",\"currency\":\"USD\"}");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        return reply.text("id");
    }

    /** The answer's body; request ids differ by design. */
    private static String withoutRequestId(Api.Reply reply) {
        return ((ObjectNode) reply.json()).without("request_id").toString();
    }

    private static Api.Reply refund(Api api, String paymentId, String body) {
        return api.post("/payments/" + paymentId + "/refunds", body);
    }

    /** Groups that failed as a whole and were run again request by request, so far. */
    private static long groupsRunAgain() {
        return LogCapture.lines().stream().filter(l -> l.contains("failed as a whole; each is run again alone")).count();
    }

    /** Requests waiting for a group writer, from the gateway's own metric. */
    private static int queued() {
        return till.anonymous().get("/metrics").body().lines().filter(l -> l.startsWith("till_payment_group_waiting "))
                .map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static List<String> eventTypes(String paymentId) {
        return services().jdbi().withHandle(h -> h.createQuery("SELECT type FROM events WHERE object_id = :id ORDER BY object_seq")
                .bind("id", paymentId).mapTo(String.class).list());
    }

    /** How many transactions last wrote these payments. */
    private static int transactions(List<String> paymentIds) {
        return services().jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT xmin::text) FROM payments WHERE id = ANY(:ids)")
                .bindArray("ids", String.class, paymentIds).mapTo(Integer.class).one());
    }

    private static int refundEntries(List<String> paymentIds) {
        return services().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) FROM ledger_entries WHERE type = 'refund' AND source_id = ANY(:ids)")
                .bindArray("ids", String.class, paymentIds).mapTo(Integer.class).one());
    }

    private static Services services() {
        return till.gateway().services();
    }
}
