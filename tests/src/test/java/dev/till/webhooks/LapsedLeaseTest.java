package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A send that outlives its lease: the delivery is claimed and sent again meanwhile. When the
 * late answer comes, its attempt is kept, counted and numbered after the one recorded before it,
 * but only the current lease moves the delivery, so a late failure never undoes the success of
 * the send that replaced it.
 */
class LapsedLeaseTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true").with("TILL_RUN_JOBS", "true");

    @Test
    void a_late_failure_after_its_lease_lapsed_leaves_the_delivery_succeeded() {
        // Given a receiver that holds the first request until the second has succeeded, then fails it
        Api api = till.api();
        AtomicReference<String> event = new AtomicReference<>();
        CountDownLatch secondArrived = new CountDownLatch(1);
        try (Receiver receiver = Receiver.answering((n, r) -> {
            if (n == 1) {
                secondArrived.await(20, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> "succeeded".equals(Hooks.delivery(api, event.get()).path("status").asText()));
                return Receiver.Answer.of(500);
            }
            secondArrived.countDown();
            return Receiver.Answer.of(200);
        })) {
            Hooks.register(api, receiver.url());
            String eventId = Hooks.eventId(api, Hooks.createCustomer(api, "lapsed@example.com"), "customer_created");
            event.set(eventId);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.received().size() == 1);

            // When the first send's lease (twice the 15 s timeout plus 30 s) lapses and the claim sends it again
            till.clock().advance(Duration.ofMinutes(2));

            // Then both attempts are kept, and the delivery is succeeded by the second
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                JsonNode delivery = Hooks.delivery(api, eventId);
                assertThat(delivery.path("attempts")).extracting(a -> a.path("outcome").asText())
                        .containsExactlyInAnyOrder("retrying", "succeeded");
                assertThat(delivery.path("status").asText()).isEqualTo("succeeded");
            });

            // And they are counted and numbered apart, in the order they were recorded: the replacement's first
            JsonNode delivery = Hooks.delivery(api, eventId);
            assertThat(delivery.path("attempt_count").asInt()).isEqualTo(2);
            assertThat(delivery.path("attempts")).extracting(a -> a.path("outcome").asText() + " " + a.path("number").asInt())
                    .containsExactlyInAnyOrder("succeeded 1", "retrying 2");

            // And it is not sent again, however much later the worker runs
            till.clock().advance(Duration.ofDays(1));
            Hooks.deliver(till);
            assertThat(receiver.received()).hasSize(2).extracting(Receiver.Received::id).containsOnly(eventId);
            assertThat(Hooks.delivery(api, eventId).path("status").asText()).isEqualTo("succeeded");
        }
    }
}
