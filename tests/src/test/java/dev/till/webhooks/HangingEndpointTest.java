package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One endpoint that never answers must not slow the delivery to a healthy one. */
class HangingEndpointTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true").with("TILL_RUN_JOBS", "true")
            .with("TILL_WEBHOOK_TIMEOUT", "30s");

    /** Creates customers one by one and returns, per customer, how long until the healthy receiver had it. */
    private static List<Long> healthyLatencies(Api api, Receiver healthy, int count, String tag) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int before = healthy.received().size();
            long sent = System.nanoTime();
            Hooks.createCustomer(api, tag + i + "@example.com");
            await().atMost(Duration.ofSeconds(20)).until(() -> healthy.received().size() > before);
            millis.add((healthy.received().get(before).receivedNanos() - sent) / 1_000_000);
        }
        return millis.stream().sorted().toList();
    }

    @Test
    void a_hanging_endpoint_does_not_hold_back_a_healthy_one() {
        // Given a healthy endpoint, and its normal delivery latency
        Api api = till.api();
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver healthy = Receiver.ok();
             Receiver hanging = Receiver.answering((n, r) -> {
                 release.await(60, TimeUnit.SECONDS);
                 return Receiver.Answer.of(200);
             })) {
            Hooks.register(api, healthy.url());
            List<Long> normal = healthyLatencies(api, healthy, 10, "normal");

            // When an endpoint that never answers is added and more events come
            Hooks.register(api, hanging.url());
            List<Long> withHanging = healthyLatencies(api, healthy, 20, "hanging");

            // Then every event reached the healthy endpoint while the hanging one still held its requests
            assertThat(hanging.received()).isNotEmpty();
            assertThat(release.getCount()).isEqualTo(1);
            // And its median latency stayed within twice the normal one (plus one 200 ms polling
            // interval, so that a lucky fast baseline cannot make the comparison flaky)
            long normalMedian = normal.get(normal.size() / 2);
            long hangingMedian = withHanging.get(withHanging.size() / 2);
            assertThat(hangingMedian).as("median ms with a hanging endpoint vs normal " + normal)
                    .isLessThanOrEqualTo(2 * normalMedian + 200);
        } finally {
            release.countDown();
        }
    }
}
