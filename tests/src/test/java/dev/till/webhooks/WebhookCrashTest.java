package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A gateway stopped while deliveries are in flight loses none of them. */
class WebhookCrashTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true").with("TILL_RUN_JOBS", "true");

    @Test
    void killing_the_gateway_mid_burst_and_restarting_it_delivers_every_event() {
        // Given a receiver that holds every request until released, and a burst of 40 events
        CountDownLatch release = new CountDownLatch(1);
        var merchant = till.merchant();
        Api api = till.api(merchant);
        try (Receiver receiver = Receiver.answering((n, r) -> {
            release.await(30, TimeUnit.SECONDS);
            return Receiver.Answer.of(200);
        })) {
            String endpointId = Hooks.register(api, receiver.url()).path("id").asText();
            Set<String> customers = new HashSet<>();
            for (int i = 0; i < 40; i++) customers.add(Hooks.createCustomer(api, "burst" + i + "@example.com"));

            // When the running worker has sends in flight and the gateway goes down under them
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            till.with("TILL_RUN_JOBS", "false");
            till.restart();
            release.countDown(); // the old process's sends finish, but it can no longer record them

            // And the gateway is back and the dead worker's leases have lapsed
            till.clock().advance(Duration.ofMinutes(2));
            Hooks.deliver(till);

            // Then every event arrived at least once and every delivery shows succeeded
            Api after = till.api(merchant); // the restarted gateway listens on a new port
            List<String> eventIds = new java.util.ArrayList<>();
            after.get("/events?limit=100").json().path("data").forEach(e -> eventIds.add(e.path("id").asText()));
            assertThat(eventIds).hasSize(40);
            assertThat(receiver.received()).extracting(Receiver.Received::id).containsAll(eventIds);
            assertThat(after.get("/webhooks/" + endpointId + "/deliveries?status=succeeded&limit=100").json().path("data"))
                    .hasSize(40);
            assertThat(customers).hasSize(40);
        }
    }
}
