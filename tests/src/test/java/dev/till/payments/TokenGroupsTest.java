package dev.till.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Group commit of {@code POST /tokens} (TokenGroups): tokens that arrive while the token writer is
 * busy are stored together, in one transaction, and each request gets exactly what it would have
 * got alone. A test holds the writer on a lock of the tokens' table, queues tokens behind it, then
 * lets go: they form the next group.
 */
class TokenGroupsTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    private static final String VISA = "4242424242424242";
    private static final String MASTERCARD = "5436031030606378";

    @Test
    void concurrent_tokens_are_stored_in_one_transaction_and_each_answered_as_if_alone() throws Exception {
        // Given a merchant's browser
        NewMerchant m = till.merchant();
        Api browser = till.anonymous().withKey(m.publishableKey());
        String withEverything = card(VISA, "\"cvv\":\"100\",\"name\":\"Ada Lovelace\","
                + "\"billing_address\":{\"city\":\"London\",\"country\":\"GB\"},\"phone\":{\"number\":\"2071234567\"}");

        // When tokens of every kind arrive together, one of them for a card that is refused
        List<Api.Reply> replies = inOneGroup(List.of(
                () -> browser.post("/tokens", withEverything),
                () -> browser.post("/tokens", card(MASTERCARD, "\"name\":\"No CVV\"")),
                () -> browser.post("/tokens", card("4242424242424241", "\"cvv\":\"100\"")),
                () -> browser.post("/tokens", card(VISA, "\"cvv\":\"100\""))), 3);

        // Then each is answered as it would be alone: the refused card before it queued
        assertThat(replies).extracting(Api.Reply::status).containsExactly(201, 201, 422, 201);
        Api.Reply alone = browser.post("/tokens", withEverything);
        assertThat(alone.status()).isEqualTo(201);
        assertThat(withoutToken(replies.get(0))).isEqualTo(withoutToken(alone));
        assertThat(replies.get(1).text("name")).isEqualTo("No CVV");

        // And the three tokens were stored by one transaction, each with its own secrets
        List<String> tokens = List.of(replies.get(0).text("token"), replies.get(1).text("token"), replies.get(3).text("token"));
        int transactions = services().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(DISTINCT xmin::text) FROM card_tokens WHERE id = ANY(:ids)")
                .bindArray("ids", String.class, tokens).mapTo(Integer.class).one());
        assertThat(transactions).isEqualTo(1);
        assertThat(cvvStored(tokens)).containsExactly(true, false, true);

        // And each pays once, with its own card, and is used up
        Api api = till.api(m);
        for (int i = 0; i < tokens.size(); i++) {
            Api.Reply paid = payWith(api, tokens.get(i));
            assertThat(paid.status()).as(paid.body()).isEqualTo(201);
            assertThat(paid.json().path("source").path("last4").asText()).isEqualTo(i == 1 ? "6378" : "4242");
            assertThat(payWith(api, tokens.get(i)).json().path("error_codes").toString()).contains("token_used");
        }
        assertThat(cvvStored(tokens)).containsExactly(false, false, false);
    }

    @Test
    void a_group_whose_statement_fails_stores_each_token_again_alone() throws Exception {
        // Given a database that refuses one card holder's name in the middle of a group
        NewMerchant m = till.merchant();
        Api browser = till.anonymous().withKey(m.publishableKey());
        long rerunsBefore = groupsRunAgain();
        List<Api.Reply> replies;
        try (RefusingTrigger refusing = RefusingTrigger.on(services().jdbi(), "card_tokens", "name")) {
            // When it arrives in a group with two others
            replies = inOneGroup(List.of(
                    () -> browser.post("/tokens", card(VISA, "\"name\":\"First\"")),
                    () -> browser.post("/tokens", card(VISA, "\"name\":\"" + RefusingTrigger.REFUSED + "\"")),
                    () -> browser.post("/tokens", card(VISA, "\"name\":\"Third\""))), 3);
        }

        // Then the group was stored again token by token: only the refused one failed
        assertThat(replies).extracting(Api.Reply::status).containsExactly(201, 500, 201);
        assertThat(groupsRunAgain()).isEqualTo(rerunsBefore + 1);
        assertThat(payWith(till.api(m), replies.get(2).text("token")).status()).isEqualTo(201);
    }

    @Test
    void a_token_with_an_idempotency_key_is_stored_alone_and_replayed() {
        NewMerchant m = till.merchant();
        Api browser = till.anonymous().withKey(m.publishableKey());
        long groupedBefore = metric("till_token_group_tokens_total");
        assertThat(groupedBefore).as("the metric exists").isGreaterThanOrEqualTo(0);

        Api.Reply first = browser.post("/tokens", card(VISA, "\"cvv\":\"100\""), "Cko-Idempotency-Key", "tok-once");
        Api.Reply again = browser.post("/tokens", card(VISA, "\"cvv\":\"100\""), "Cko-Idempotency-Key", "tok-once");

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(again.text("token")).isEqualTo(first.text("token"));
        assertThat(metric("till_token_group_tokens_total")).isEqualTo(groupedBefore);
    }

    @Test
    void an_interrupted_writer_goes_on_writing() {
        // Given the token writers of this JVM, interrupted while they wait for work
        List<Thread> writers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("token-group-writer")).toList();
        assertThat(writers).isNotEmpty();
        writers.forEach(Thread::interrupt);

        // Then tokens are still stored
        Api browser = till.anonymous().withKey(till.merchant().publishableKey());
        await().atMost(Duration.ofSeconds(10)).until(() -> LogCapture.lines().stream().anyMatch(l -> l.contains("group writer was interrupted")));
        assertThat(browser.post("/tokens", card(VISA, "\"cvv\":\"100\"")).status()).isEqualTo(201);
        assertThat(writers).allMatch(Thread::isAlive);
    }

    /**
     * Sends the requests while the token writer is held inside a group of its own (on a lock of
     * the tokens' table), waits until {@code queued} of them wait in its queue, and lets it go.
     */
    private static List<Api.Reply> inOneGroup(List<Callable<Api.Reply>> requests, int queued) throws Exception {
        Api holder = till.anonymous().withKey(till.merchant().publishableKey());
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
             Handle lock = services().jdbi().open()) {
            lock.begin();
            lock.execute("LOCK TABLE card_tokens IN SHARE MODE");
            Future<Api.Reply> blocked = clients.submit(() -> holder.post("/tokens", card(VISA, "\"cvv\":\"100\"")));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingForTheTokensTable() == 1);
            List<Future<Api.Reply>> sent = new ArrayList<>();
            for (Callable<Api.Reply> r : requests) sent.add(clients.submit(r));
            await().atMost(Duration.ofSeconds(30)).until(() -> metric("till_token_group_waiting") == queued);
            lock.commit();
            assertThat(blocked.get(30, TimeUnit.SECONDS).status()).isEqualTo(201);
            List<Api.Reply> replies = new ArrayList<>();
            for (Future<Api.Reply> f : sent) replies.add(f.get(30, TimeUnit.SECONDS));
            return replies;
        }
    }

    private static String card(String number, String more) {
        return "{\"type\":\"card\",\"number\":\"" + number + "\",\"expiry_month\":12,\"expiry_year\":2031," + more + "}";
    }

    private static Api.Reply payWith(Api api, String token) {
        return api.post("/payments", "{\"source\":{\"type\":\"token\",\"token\":\"" + token + "\"},\"amount\":1000,\"currency\":\"USD\"}");
    }

    /** The answer's body without its token's id, which differs by design. */
    private static String withoutToken(Api.Reply reply) {
        return ((ObjectNode) reply.json()).without("token").toString();
    }

    /** Whether each token still keeps an encrypted CVV, in the order given. */
    private static List<Boolean> cvvStored(List<String> tokens) {
        List<Boolean> stored = new ArrayList<>();
        for (String id : tokens) {
            stored.add(services().jdbi().withHandle(h -> h.createQuery("SELECT cvv_ciphertext IS NOT NULL FROM card_tokens WHERE id = :id")
                    .bind("id", id).mapTo(Boolean.class).one()));
        }
        return stored;
    }

    /** Inserts of tokens into this test's database waiting for a lock. */
    private static int waitingForTheTokensTable() {
        return services().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO card_tokens%'").mapTo(Integer.class).one());
    }

    /** Groups that failed as a whole and were stored again token by token, so far. */
    private static long groupsRunAgain() {
        return LogCapture.lines().stream().filter(l -> l.contains("tokens failed as a whole; each is stored again alone")).count();
    }

    /** One of the gateway's own metrics. */
    private static long metric(String name) {
        return till.anonymous().get("/metrics").body().lines().filter(l -> l.startsWith(name + " "))
                .map(l -> (long) Double.parseDouble(l.substring(l.indexOf(' ') + 1))).findFirst().orElse(-1L);
    }

    private static Services services() {
        return till.gateway().services();
    }
}
