package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.till.core.merchants.NewMerchant;
import dev.till.domain.ledger.Pricing;
import dev.till.ledger.LedgerAssertions;
import dev.till.testkit.Api;
import dev.till.testkit.LogCapture;
import dev.till.testkit.RefusingTrigger;
import dev.till.testkit.TillServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Group commit of {@code POST /payments} and {@code POST /payments/{id}/captures} (PaymentGroups):
 * requests that arrive while a group is being written are written together, in one transaction,
 * and each gets exactly what it would have got alone. With one writer, a test holds the writer on a token's row lock, queues requests
 * behind it, then lets go: they form the next group. Payments written by one transaction share
 * PostgreSQL's {@code xmin}.
 */
class PaymentGroupsTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_PAYMENT_WRITERS", "1");

    private static final String VISA = "4242424242424242";
    private static final String THREE_DS = "4000000000003220";

    @Test
    void concurrent_payments_are_written_in_one_transaction_and_each_answered_as_if_alone() throws Exception {
        // Given a merchant with a stored card, and tokens for three more payments
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String stored = pay(api, token(m, VISA), 10_00, "").json().path("source").path("id").asText();
        String forVerification = token(m, VISA);
        String forChallenge = token(m, THREE_DS);
        String forDecline = token(m, VISA);

        // When five payments of every kind arrive together
        List<Api.Reply> replies = inOneGroup(List.of(
                () -> payStored(api, stored, 25_00, "\"capture\":false,"),
                () -> payStored(api, stored, 26_00, ""),
                () -> pay(api, forVerification, 0, ""),
                () -> pay(api, forChallenge, 27_00, ""),
                () -> pay(api, forDecline, 20_05, "")));

        // Then each is answered as it would be alone
        assertThat(replies).extracting(Api.Reply::status).containsExactly(201, 201, 201, 202, 201);
        assertThat(replies).extracting(r -> r.text("status"))
                .containsExactly("Authorized", "Authorized", "Card Verified", "Pending", "Declined");
        List<String> ids = replies.stream().map(r -> r.text("id")).toList();
        assertThat(api.get("/payments/" + ids.get(1)).text("status")).isEqualTo("Captured");
        assertThat(replies.get(3).json().path("_links").path("redirect").path("href").asText()).contains("/3ds/");
        assertThat(replies.get(4).text("response_code")).isEqualTo("20005");

        // And their events are those of payments made one by one
        assertThat(eventTypes(ids.get(0))).containsExactly("payment_approved");
        assertThat(eventTypes(ids.get(1))).containsExactly("payment_approved", "payment_captured");
        assertThat(eventTypes(ids.get(2))).containsExactly("card_verified");
        assertThat(eventTypes(ids.get(3))).containsExactly("payment_pending");
        assertThat(eventTypes(ids.get(4))).containsExactly("payment_declined");

        // And they were written by one transaction
        assertThat(transactions(ids)).isEqualTo(1);

        // And the capture was posted to the ledger, which adds up
        assertThat(query("SELECT count(*) FROM ledger_entries WHERE source_id = '" + ids.get(1) + "'")).containsExactly("1");
        LedgerAssertions.ledgerAddsUp(till);
    }

    @Test
    void captures_of_several_merchants_in_one_group_each_post_their_own_fee() throws Exception {
        NewMerchant a = till.merchant();
        NewMerchant b = till.merchant();
        String tokenA = token(a, VISA);
        String tokenB = token(b, VISA);
        String tokenA2 = token(a, "5436031030606378");

        List<Api.Reply> replies = inOneGroup(List.of(
                () -> pay(till.api(a), tokenA, 100_00, ""),
                () -> pay(till.api(b), tokenB, 200_00, ""),
                () -> pay(till.api(a), tokenA2, 300_00, "")));

        assertThat(replies).extracting(Api.Reply::status).containsOnly(201);
        assertThat(transactions(replies.stream().map(r -> r.text("id")).toList())).isEqualTo(1);
        // Each merchant's pending balance is its own captures less its own fees
        assertThat(LedgerAssertions.balance(till.api(a), "USD")[0]).isEqualTo(pendingAfterFees(100_00) + pendingAfterFees(300_00));
        assertThat(LedgerAssertions.balance(till.api(b), "USD")[0]).isEqualTo(pendingAfterFees(200_00));
        LedgerAssertions.ledgerAddsUp(till);
    }

    @Test
    void in_one_group_a_merchant_can_use_neither_another_merchants_card_nor_its_idempotency_record() throws Exception {
        // Given two merchants, the first with a stored card and a payment made under key "same"
        NewMerchant a = till.merchant();
        NewMerchant b = till.merchant();
        String cardOfA = pay(till.api(a), token(a, VISA), 10_00, "").json().path("source").path("id").asText();
        assertThat(payStored(till.api(a), cardOfA, 61_00, "", "Cko-Idempotency-Key", "same").status()).isEqualTo(201);
        String cardOfB = pay(till.api(b), token(b, VISA), 10_00, "").json().path("source").path("id").asText();

        // When both pay in one group, the second naming the first's card, then its own under the same key
        List<Api.Reply> replies = inOneGroup(List.of(
                () -> payStored(till.api(a), cardOfA, 62_00, ""),
                () -> payStored(till.api(b), cardOfA, 63_00, ""),
                () -> payStored(till.api(b), cardOfB, 64_00, "", "Cko-Idempotency-Key", "same")));

        // Then the first merchant's card is no card of the second's, and the key is the second's own
        assertThat(replies.get(0).status()).isEqualTo(201);
        assertThat(replies.get(1).status()).isEqualTo(422);
        assertThat(replies.get(1).json().path("error_codes").get(0).asText()).isEqualTo("source_invalid");
        assertThat(replies.get(2).status()).isEqualTo(201);
        assertThat(replies.get(2).header("Idempotent-Replayed")).isNull();
        assertThat(replies.get(2).json().path("amount").asLong()).isEqualTo(64_00);
    }

    @Test
    void a_request_the_group_refuses_leaves_the_others_alone() throws Exception {
        // Given a token that has been used already
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String used = token(m, VISA);
        assertThat(pay(api, used, 10_00, "").status()).isEqualTo(201);
        String fresh = token(m, VISA);
        String other = token(m, VISA);

        // When a payment with it arrives among others
        List<Api.Reply> replies = inOneGroup(List.of(
                () -> pay(api, fresh, 11_00, ""),
                () -> pay(api, used, 12_00, ""),
                () -> pay(api, other, 13_00, "")));

        // Then it alone is refused, as it would be alone, and the others are written together
        assertThat(replies).extracting(Api.Reply::status).containsExactly(201, 422, 201);
        assertThat(replies.get(1).json().path("error_codes").get(0).asText()).isEqualTo("token_used");
        assertThat(transactions(List.of(replies.get(0).text("id"), replies.get(2).text("id")))).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM payments WHERE merchant_id = '" + m.merchant().merchantId() + "'"))
                .containsExactly("3");
    }

    @Test
    void tokens_used_in_one_group_are_each_used_once_by_their_own_merchant() throws Exception {
        // Given two merchants, each with a token
        NewMerchant a = till.merchant();
        NewMerchant b = till.merchant();
        String tokenOfA = token(a, VISA);
        String tokenOfB = token(b, VISA);

        // When, in one group, the first pays twice with its token and the second tries the first's before its own
        List<Api.Reply> replies = inOneGroup(List.of(
                () -> pay(till.api(a), tokenOfA, 71_00, ""),
                () -> pay(till.api(b), tokenOfA, 72_00, ""),
                () -> pay(till.api(a), tokenOfA, 73_00, ""),
                () -> pay(till.api(b), tokenOfB, 74_00, "")));

        // Then each token pays once, for its own merchant, and the other use is refused as used
        // (which of the first merchant's two is first depends on the order they queued in)
        assertThat(replies.get(1).status()).isEqualTo(422);
        assertThat(replies.get(1).json().path("error_codes").get(0).asText()).isEqualTo("token_invalid");
        assertThat(replies.get(3).status()).isEqualTo(201);
        List<Api.Reply> twice = List.of(replies.get(0), replies.get(2));
        assertThat(twice).extracting(Api.Reply::status).containsExactlyInAnyOrder(201, 422);
        Api.Reply paid = twice.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        Api.Reply refused = twice.stream().filter(r -> r.status() == 422).findFirst().orElseThrow();
        assertThat(refused.json().path("error_codes").get(0).asText()).isEqualTo("token_used");
        String sourceOfA = paid.json().path("source").path("id").asText();
        String sourceOfB = replies.get(3).json().path("source").path("id").asText();
        assertThat(sourceOfA).startsWith("src_").isNotEqualTo(sourceOfB);
        assertThat(transactions(List.of(paid.text("id"), replies.get(3).text("id")))).isEqualTo(1);
        // And each new stored card is its merchant's, and pays again
        assertThat(payStored(till.api(a), sourceOfA, 75_00, "").status()).isEqualTo(201);
        assertThat(payStored(till.api(b), sourceOfA, 76_00, "").status()).isEqualTo(422);
        assertThat(payStored(till.api(b), sourceOfB, 77_00, "").status()).isEqualTo(201);
        assertThat(query("SELECT count(*) FROM card_tokens WHERE id IN ('" + tokenOfA + "','" + tokenOfB
                + "') AND used_on IS NOT NULL AND number_ciphertext IS NULL AND cvv_ciphertext IS NULL")).containsExactly("2");
    }

    @Test
    void the_same_key_twice_in_one_group_pays_once_and_answers_the_second_as_in_use() throws Exception {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String stored = pay(api, token(m, VISA), 10_00, "").json().path("source").path("id").asText();

        List<Api.Reply> replies = inOneGroup(List.of(
                () -> payStored(api, stored, 31_00, "", "Cko-Idempotency-Key", "order-31"),
                () -> payStored(api, stored, 31_00, "", "Cko-Idempotency-Key", "order-31")));

        // One is paid; the other is told the key is still in use, as a concurrent retry is
        assertThat(replies).extracting(Api.Reply::status).containsExactlyInAnyOrder(201, 409);
        Api.Reply paid = replies.stream().filter(r -> r.status() == 201).findFirst().orElseThrow();
        Api.Reply busy = replies.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        assertThat(busy.json().path("error_codes").get(0).asText()).isEqualTo("idempotency_key_in_use");
        assertThat(query("SELECT count(*) FROM payments WHERE merchant_id = '" + m.merchant().merchantId() + "' AND amount = 3100"))
                .containsExactly("1");

        // And a retry once it has finished replays the payment, byte for byte
        Api.Reply retry = payStored(api, stored, 31_00, "", "Cko-Idempotency-Key", "order-31");
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.body()).isEqualTo(paid.body());
    }

    @Test
    void a_retry_in_a_group_replays_and_a_reused_key_is_refused() throws Exception {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String stored = pay(api, token(m, VISA), 10_00, "").json().path("source").path("id").asText();
        Api.Reply first = payStored(api, stored, 41_00, "", "Cko-Idempotency-Key", "k-41");
        assertThat(first.status()).isEqualTo(201);
        assertThat(payStored(api, stored, 42_00, "", "Cko-Idempotency-Key", "k-42").status()).isEqualTo(201);

        List<Api.Reply> replies = inOneGroup(List.of(
                () -> payStored(api, stored, 41_00, "", "Cko-Idempotency-Key", "k-41"),
                () -> payStored(api, stored, 99_00, "", "Cko-Idempotency-Key", "k-42"),
                () -> payStored(api, stored, 43_00, "", "Cko-Idempotency-Key", "k-43")));

        // The retry replays the first answer byte for byte
        assertThat(replies.get(0).status()).isEqualTo(201);
        assertThat(replies.get(0).header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replies.get(0).body()).isEqualTo(first.body());
        // A key used before with another request is refused
        assertThat(replies.get(1).status()).isEqualTo(422);
        assertThat(replies.get(1).json().path("error_codes").get(0).asText()).isEqualTo("idempotency_key_reused");
        // A new key pays
        assertThat(replies.get(2).status()).isEqualTo(201);
        assertThat(replies.get(2).header("Idempotent-Replayed")).isNull();
        assertThat(query("SELECT count(*) FROM payments WHERE merchant_id = '" + m.merchant().merchantId() + "'"))
                .containsExactly("4");
    }

    @Test
    void captures_and_new_payments_share_a_group_and_each_capture_is_answered_as_if_alone() throws Exception {
        // Given three authorized payments, one on a card whose captures the network declines
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String full = pay(api, token(m, VISA), 70_00, "\"capture\":false,").text("id");
        String part = pay(api, token(m, VISA), 80_00, "\"capture\":false,").text("id");
        String declines = pay(api, token(m, "4000000000003105"), 90_00, "\"capture\":false,").text("id");
        String stored = pay(api, token(m, VISA), 10_00, "").json().path("source").path("id").asText();

        // When they are captured together with a new payment
        List<Api.Reply> replies = inOneGroup(List.of(
                () -> api.post("/payments/" + full + "/captures", null),
                () -> api.post("/payments/" + part + "/captures", "{\"amount\":3000,\"capture_type\":\"NonFinal\"}"),
                () -> api.post("/payments/" + declines + "/captures", "{}"),
                () -> payStored(api, stored, 71_00, "")));

        // Then each capture is answered as alone: accepted, with its action
        assertThat(replies).extracting(Api.Reply::status).containsExactly(202, 202, 202, 201);
        assertThat(replies.get(0).text("action_id")).startsWith("act_");
        assertThat(api.get("/payments/" + full).text("status")).isEqualTo("Captured");
        assertThat(api.get("/payments/" + part).text("status")).isEqualTo("Partially Captured");
        assertThat(api.get("/payments/" + part).json().path("balances").path("total_captured").asLong()).isEqualTo(30_00);
        assertThat(api.get("/payments/" + declines).text("status")).isEqualTo("Authorized");
        assertThat(eventTypes(full)).containsExactly("payment_approved", "payment_captured");
        assertThat(eventTypes(declines)).containsExactly("payment_approved", "payment_capture_declined");
        assertThat(api.get("/payments/" + declines + "/actions").json()).hasSize(2);

        // And the captures and the new payment were written by one transaction
        assertThat(transactions(List.of(full, part, replies.get(3).text("id")))).isEqualTo(1);
        assertThat(query("SELECT count(*) FROM ledger_entries WHERE source_id IN ('" + full + "', '" + part + "', '"
                + declines + "')")).containsExactly("2");
        LedgerAssertions.ledgerAddsUp(till);
    }

    @Test
    void a_second_capture_of_one_payment_waits_for_the_group_and_a_refused_one_leaves_the_others_alone() throws Exception {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String twice = pay(api, token(m, VISA), 60_00, "\"capture\":false,").text("id");
        String done = pay(api, token(m, VISA), 61_00, "").text("id");
        String fine = pay(api, token(m, VISA), 62_00, "\"capture\":false,").text("id");
        Api.Reply alone = api.post("/payments/" + done + "/captures", null);

        List<Api.Reply> replies = inOneGroup(List.of(
                () -> api.post("/payments/" + twice + "/captures", "{\"amount\":1000,\"capture_type\":\"NonFinal\"}"),
                () -> api.post("/payments/" + twice + "/captures", "{\"amount\":2000,\"capture_type\":\"NonFinal\"}"),
                () -> api.post("/payments/" + done + "/captures", null),
                () -> api.post("/payments/pay_aaaaaaaaaaaaaaaaaaaaaaaaaa/captures", null),
                () -> api.post("/payments/" + fine + "/captures", null)));

        // Both captures of one payment took, one after the other
        assertThat(replies.get(0).status()).isEqualTo(202);
        assertThat(replies.get(1).status()).isEqualTo(202);
        assertThat(api.get("/payments/" + twice).json().path("balances").path("total_captured").asLong()).isEqualTo(30_00);
        assertThat(api.get("/payments/" + twice + "/actions").json()).hasSize(3);
        // A payment captured already is refused as it is alone, an unknown one is 404, and the other goes on
        assertThat(replies.get(2).status()).isEqualTo(alone.status());
        assertThat(replies.get(2).body()).contains("capture_not_allowed");
        assertThat(replies.get(3).status()).isEqualTo(404);
        assertThat(replies.get(4).status()).isEqualTo(202);
        assertThat(api.get("/payments/" + fine).text("status")).isEqualTo("Captured");
        LedgerAssertions.ledgerAddsUp(till);
    }

    @Test
    void a_capture_retried_in_a_group_replays_its_first_answer() throws Exception {
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String id = pay(api, token(m, VISA), 55_00, "\"capture\":false,").text("id");
        Api.Reply first = api.post("/payments/" + id + "/captures", null, "Cko-Idempotency-Key", "cap-55");
        assertThat(first.status()).isEqualTo(202);

        List<Api.Reply> replies = inOneGroup(List.of(() -> api.post("/payments/" + id + "/captures", null, "Cko-Idempotency-Key", "cap-55")));

        assertThat(replies.getFirst().status()).isEqualTo(202);
        assertThat(replies.getFirst().header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replies.getFirst().body()).isEqualTo(first.body());
        assertThat(api.get("/payments/" + id + "/actions").json()).hasSize(2);
    }

    @Test
    void a_group_whose_transaction_fails_runs_each_request_again_alone() throws Exception {
        // Given the database refuses one payment's row (a trigger this test installs stands for a
        // failure that one request's data causes while the group writes)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String stored = pay(api, token(m, VISA), 10_00, "").json().path("source").path("id").asText();
        try (var refusing = RefusingTrigger.on(till.gateway().services().jdbi(), "payments")) {
            long rerunsBefore = rerunsLogged();
            // When it arrives among others
            List<Api.Reply> replies = inOneGroup(List.of(
                    () -> payStored(api, stored, 51_00, "\"reference\":\"fine\","),
                    () -> payStored(api, stored, 52_00, "\"reference\":\"" + RefusingTrigger.REFUSED + "\","),
                    () -> payStored(api, stored, 53_00, "\"reference\":\"fine\",")));

            // Then the group is rolled back and run again one by one: the others are paid, each in
            // a transaction of its own, and only the refused row's request fails
            assertThat(replies).extracting(Api.Reply::status).containsExactly(201, 500, 201);
            assertThat(transactions(List.of(replies.get(0).text("id"), replies.get(2).text("id")))).isEqualTo(2);
            assertThat(query("SELECT count(*) FROM payments WHERE reference = '" + RefusingTrigger.REFUSED + "'")).containsExactly("0");
            assertThat(query("SELECT count(*) FROM payments WHERE reference = 'fine'")).containsExactly("2");
            assertThat(rerunsLogged()).isGreaterThan(rerunsBefore);
            LedgerAssertions.ledgerAddsUp(till);
        }
    }

    @Test
    void a_group_run_again_asks_the_network_under_the_action_ids_of_its_first_try() throws Exception {
        // Given a payment to capture, a stored card, and a database that refuses one request's
        // idempotency record: the group's last statement fails, after the network has answered
        // every request and their actions are written
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        String authorized = pay(api, token(m, VISA), 40_00, "\"capture\":false,").text("id");
        String stored = pay(api, token(m, VISA), 10_00, "").json().path("source").path("id").asText();
        try (var refusing = RefusingTrigger.on(till.gateway().services().jdbi(), "idempotency_keys", "idempotency_key")) {
            // When a capture and a new payment with auto-capture arrive in its group
            List<Api.Reply> replies = inOneGroup(List.of(
                    () -> api.post("/payments/" + authorized + "/captures", null),
                    () -> payStored(api, stored, 41_00, ""),
                    () -> payStored(api, stored, 42_00, "", "Cko-Idempotency-Key", RefusingTrigger.REFUSED)));

            // Then, run again alone, each is written under the action ids its first try gave the
            // network (named by the first try's error), so the network is never asked to capture
            // one payment under two action ids
            assertThat(replies).extracting(Api.Reply::status).containsExactly(202, 201, 500);
            List<String> ids = new ArrayList<>(List.of(replies.get(0).text("action_id")));
            api.get("/payments/" + replies.get(1).text("id") + "/actions").json().forEach(a -> ids.add(a.path("id").asText()));
            assertThat(ids).hasSize(3);
            assertThat(LogCapture.lines()).anyMatch(l -> l.contains(RERUN) && ids.stream().allMatch(l::contains));
            assertThat(api.get("/payments/" + authorized).text("status")).isEqualTo("Captured");
            LedgerAssertions.ledgerAddsUp(till);
        }
    }

    /**
     * Runs {@code requests} as one group: the single writer is held on a token's row lock (its
     * payment waits for it in the database) while the requests queue, then let go. Returns the
     * replies in the order given.
     */
    private static List<Api.Reply> inOneGroup(List<Callable<Api.Reply>> requests) throws Exception {
        NewMerchant holder = till.merchant();
        String held = token(holder, VISA);
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        try (Connection c = DriverManager.getConnection(till.databaseUrl())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT 1 FROM card_tokens WHERE id = '" + held + "' FOR UPDATE");
            }
            Future<Api.Reply> blocked = clients.submit(() -> pay(till.api(holder), held, 10_00, ""));
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOnLocks() == 1);
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (Callable<Api.Reply> r : requests) sent.add(clients.submit(r));
            await().atMost(Duration.ofSeconds(10)).until(() -> queued() == requests.size());
            c.commit();
            assertThat(blocked.get().status()).isEqualTo(201);
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : sent) replies.add(f.get());
            return replies;
        } finally {
            clients.shutdown();
        }
    }

    /** What the gateway logs when it runs a failed group's requests again alone. */
    private static final String RERUN = "failed as a whole; each is run again alone";

    private static long rerunsLogged() {
        return LogCapture.lines().stream().filter(l -> l.contains(RERUN)).count();
    }

    /** Requests waiting for the writer, from the gateway's own metric. */
    private static int queued() {
        return till.anonymous().get("/metrics").body().lines().filter(l -> l.startsWith("till_payment_group_waiting "))
                .map(l -> (int) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1);
    }

    private static int waitingOnLocks() {
        return Integer.parseInt(query("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                + "AND datname = current_database()").getFirst());
    }

    /** How many transactions wrote these payments. */
    private static int transactions(List<String> paymentIds) {
        String in = String.join("','", paymentIds);
        return Integer.parseInt(query("SELECT count(DISTINCT xmin::text) FROM payments WHERE id IN ('" + in + "')").getFirst());
    }

    private static long pendingAfterFees(long amount) {
        return amount - Pricing.DEFAULT.captureFee(amount);
    }

    private static String token(NewMerchant m, String number) {
        Api.Reply token = till.anonymous().withKey(m.publishableKey()).post("/tokens",
                "{\"type\":\"card\",\"number\":\"" + number + "\",\"expiry_month\":12,\"expiry_year\":2031,\"cvv\":\"123\"}");
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        return token.text("token");
    }

    private static Api.Reply pay(Api api, String token, long amount, String extra) {
        return api.post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token + "\"}," + extra
                + "\"amount\":" + amount + ",\"currency\":\"USD\"}");
    }

    private static Api.Reply payStored(Api api, String sourceId, long amount, String extra, String... headers) {
        return api.post("/payments", "{\"source\":{\"type\":\"id\",\"id\":\"" + sourceId + "\"}," + extra
                + "\"amount\":" + amount + ",\"currency\":\"USD\"}", headers);
    }

    private static List<String> eventTypes(String objectId) {
        return query("SELECT type FROM events WHERE object_id = '" + objectId + "' ORDER BY object_seq");
    }

    private static List<String> query(String sql) {
        try (Connection c = DriverManager.getConnection(till.databaseUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) rows.add(rs.getString(1));
            return rows;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
