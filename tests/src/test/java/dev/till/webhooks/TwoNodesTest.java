package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.till.core.merchants.NewMerchant;
import dev.till.server.Config;
import dev.till.server.Gateway;
import dev.till.testkit.Api;
import dev.till.testkit.TestClock;
import dev.till.testkit.TestPostgres;
import dev.till.testkit.TestDirs;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Two Till processes on one database share the delivery work without sending anything twice. */
class TwoNodesTest {

    @Test
    void two_gateways_deliver_1000_events_each_exactly_once() throws Exception {
        // Given two gateways on one database (and one keyset), both running the delivery job
        Map<String, String> env = new HashMap<>(Map.of("TILL_PORT", "0", "TILL_HOST", "127.0.0.1",
                "DATABASE_URL", TestPostgres.newDatabase(), "TILL_DATA_DIR", TestDirs.create("till-two").toString(),
                "TILL_ALLOW_NON_DURABLE", "true", "TILL_BOOTSTRAP_MERCHANT", "false", "TILL_RUN_JOBS", "true",
                "TILL_WEBHOOK_ALLOW_LOOPBACK", "true", "TILL_DB_POOL_SIZE", "8"));
        env.put("TILL_RATE_LIMIT_WRITES", "0");
        env.put("TILL_RATE_LIMIT_READS", "0");
        TestClock clock = new TestClock();
        Map<String, AtomicInteger> arrivals = new ConcurrentHashMap<>();
        try (Gateway first = Gateway.start(Config.fromEnv(env), clock, new Random(1), Optional.empty());
             Gateway second = Gateway.start(Config.fromEnv(env), clock, new Random(2), Optional.empty());
             Receiver receiver = Receiver.answering((n, r) -> {
                 arrivals.computeIfAbsent(r.id(), k -> new AtomicInteger()).incrementAndGet();
                 return Receiver.Answer.of(200);
             })) {
            NewMerchant merchant = first.services().merchants().create("Two nodes", true);
            List<Api> apis = List.of(new Api("http://127.0.0.1:" + first.port(), merchant.secretKey()),
                    new Api("http://127.0.0.1:" + second.port(), merchant.secretKey()));
            String endpointId = Hooks.register(apis.get(0), receiver.url()).path("id").asText();

            // When 1,000 events are recorded, in ten transactions as a busy gateway would commit them
            // (recorded directly: this story is about delivery, the API's own events are proven elsewhere)
            var services = first.services();
            for (int batch = 0; batch < 10; batch++) {
                int from = batch * 100;
                services.jdbi().useTransaction(tx -> {
                    for (int i = from; i < from + 100; i++) {
                        services.events().record(tx, merchant.merchant().merchantId(), "test_ping", "obj_" + i, Map.of("n", i));
                    }
                });
            }

            // Then every delivery succeeds, each after exactly one attempt
            String log = "/webhooks/" + endpointId + "/deliveries?limit=100";
            await().atMost(Duration.ofSeconds(60)).until(() -> arrivals.size() == 1000
                    && apis.get(0).get(log + "&status=pending").json().path("data").isEmpty());
            int succeeded = 0;
            String cursor = "";
            do {
                var page = apis.get(1).get(log + "&status=succeeded" + cursor).json();
                page.path("data").forEach(d -> assertThat(d.path("attempt_count").asInt()).isEqualTo(1));
                succeeded += page.path("data").size();
                cursor = page.path("has_more").asBoolean() ? "&cursor=" + page.path("next_cursor").asText() : null;
            } while (cursor != null);
            assertThat(succeeded).isEqualTo(1000);

            // And the receiver saw each event exactly once
            assertThat(arrivals).hasSize(1000);
            assertThat(arrivals.values()).allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        }
    }
}
