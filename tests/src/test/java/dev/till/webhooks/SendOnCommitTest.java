package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A node that runs its jobs sends a fresh delivery as its transaction commits, without waiting for
 * the delivery job to claim it, and sends nothing a transaction did not commit.
 */
class SendOnCommitTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true").with("TILL_RUN_JOBS", "true");

    private static final Pattern ATTEMPTS = Pattern.compile("till_webhook_attempts_total\\{sent=\"(\\w+)\"} ([0-9.E]+)");

    /** Attempts sent so far, by how they were sent ({@code on_commit}, {@code by_claim}). */
    static Map<String, Long> attempts(TillServer till) {
        String metrics = till.anonymous().get("/metrics").body();
        var counts = new java.util.HashMap<String, Long>();
        Matcher m = ATTEMPTS.matcher(metrics);
        while (m.find()) counts.put(m.group(1), (long) Double.parseDouble(m.group(2)));
        assertThat(counts).containsKeys("on_commit", "by_claim");
        return counts;
    }

    static void record(TillServer till, NewMerchant merchant, String objectId) {
        var services = till.gateway().services();
        services.jdbi().useTransaction(tx -> services.events().record(tx, merchant.merchant().merchantId(), "test_ping",
                objectId, Map.of("object", objectId)));
    }

    @Test
    void api_events_are_sent_as_they_commit_without_a_claim() {
        // Given an endpoint
        NewMerchant merchant = till.merchant();
        Api api = till.api(merchant);
        try (Receiver receiver = Receiver.ok()) {
            Hooks.register(api, receiver.url());
            Map<String, Long> before = attempts(till);

            // When five customers are created through the API
            for (int i = 0; i < 5; i++) Hooks.createCustomer(api, "fresh" + i + "@example.com");

            // Then each event arrives once, every attempt was sent on commit and none by a claim
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 5);
            Map<String, Long> after = attempts(till);
            assertThat(after.get("on_commit") - before.get("on_commit")).isEqualTo(5);
            assertThat(after.get("by_claim") - before.get("by_claim")).isZero();
            // And each delivery is recorded as succeeded, after one attempt
            await().atMost(Duration.ofSeconds(20)).until(() -> api.get("/events?limit=10").json().path("data").size() == 5);
            api.get("/events?limit=10").json().path("data").forEach(e ->
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                        var d = Hooks.delivery(api, e.path("id").asText());
                        assertThat(d.path("status").asText()).isEqualTo("succeeded");
                        assertThat(d.path("attempt_count").asInt()).isEqualTo(1);
                    }));
        }
    }

    @Test
    void a_transaction_that_rolls_back_sends_nothing() {
        // Given an endpoint
        NewMerchant merchant = till.merchant();
        try (Receiver receiver = Receiver.ok()) {
            Hooks.register(till.api(merchant), receiver.url());

            // When one transaction records an event and rolls back, and the next one commits
            var services = till.gateway().services();
            try {
                services.jdbi().useTransaction(tx -> {
                    services.events().record(tx, merchant.merchant().merchantId(), "test_ping", "obj_undone",
                            Map.of("object", "obj_undone"));
                    throw new IllegalStateException("the change fails after its event was recorded");
                });
            } catch (IllegalStateException expected) {
                // the rollback under test
            }
            record(till, merchant, "obj_kept");

            // Then only the committed event arrives
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().getFirst().body()).contains("obj_kept").doesNotContain("obj_undone");
        }
    }

    @Test
    void deliveries_held_for_a_savepoint_are_claimed_and_what_it_undid_is_never_sent() {
        // Given an endpoint
        NewMerchant merchant = till.merchant();
        try (Receiver receiver = Receiver.ok()) {
            Hooks.register(till.api(merchant), receiver.url());
            Map<String, Long> before = attempts(till);

            // When a transaction that uses savepoints holds its deliveries, records an event, rolls
            // back to its savepoint, records another and commits
            var services = till.gateway().services();
            String merchantId = merchant.merchant().merchantId();
            services.jdbi().useTransaction(tx -> {
                services.events().holdDeliveries(tx);
                tx.savepoint("item");
                services.events().record(tx, merchantId, "test_ping", "obj_rolled_back", Map.of("object", "obj_rolled_back"));
                tx.rollbackToSavepoint("item");
                services.events().record(tx, merchantId, "test_ping", "obj_standing", Map.of("object", "obj_standing"));
            });

            // Then only the event that stood arrives, sent after a claim
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 1);
            assertThat(receiver.received().getFirst().body()).contains("obj_standing").doesNotContain("obj_rolled_back");
            Map<String, Long> after = attempts(till);
            assertThat(after.get("by_claim") - before.get("by_claim")).isEqualTo(1);
            assertThat(after.get("on_commit") - before.get("on_commit")).isZero();
        }
    }

    @Test
    void the_first_attempt_carries_the_same_body_as_a_resend_read_back_from_the_table() {
        // Given an event sent as it committed
        NewMerchant merchant = till.merchant();
        Api api = till.api(merchant);
        try (Receiver receiver = Receiver.ok()) {
            Hooks.register(api, receiver.url());
            String customerId = Hooks.createCustomer(api, "same.body@example.com");
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 1);
            String eventId = Hooks.eventId(api, customerId, "customer_created");
            Map<String, Long> before = attempts(till);

            // When the merchant resends it, which the delivery job claims from the table
            assertThat(api.post("/events/" + eventId + "/resend", null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received().size() == 2);

            // Then both attempts carried the same bytes
            assertThat(attempts(till).get("by_claim") - before.get("by_claim")).isEqualTo(1);
            assertThat(receiver.received().get(1).body()).isEqualTo(receiver.received().get(0).body());
        }
    }
}
