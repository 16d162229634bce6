package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.TillServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An endpoint whose slot is taken has a few fresh deliveries wait on the node, in order, and the
 * rest left for the claim; once it answers again it gets them all, never more at once than its
 * limit.
 */
class BusyEndpointTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true").with("TILL_RUN_JOBS", "true")
            .with("TILL_WEBHOOK_CONCURRENCY", "1");

    @Test
    void deliveries_to_a_busy_endpoint_wait_on_the_node_then_for_the_claim_and_arrive_once_each() throws Exception {
        // Given an endpoint allowed one delivery in flight, which holds its first request
        NewMerchant merchant = till.merchant();
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger current = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        try (Receiver receiver = Receiver.answering((n, r) -> {
            most.accumulateAndGet(current.incrementAndGet(), Math::max);
            try {
                if (n == 1) release.await(20, TimeUnit.SECONDS);
                return Receiver.Answer.of(200);
            } finally {
                current.decrementAndGet();
            }
        })) {
            Hooks.register(till.api(merchant), receiver.url());
            Map<String, Long> before = SendOnCommitTest.attempts(till);

            // When 30 events commit while it holds the first
            for (int i = 0; i < 30; i++) SendOnCommitTest.record(till, merchant, "obj_" + i);
            await().atMost(Duration.ofSeconds(20)).until(() -> !receiver.received().isEmpty());
            assertThat(receiver.received()).hasSize(1);

            // And it answers at last
            release.countDown();

            // Then every event arrives exactly once, one at a time: the first as it committed, the
            // next three (three per slot may wait on the node) from the node as the slot frees, the
            // rest (left unleased once the endpoint was busy) by claim
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received().size() >= 30);
            List<String> ids = receiver.received().stream().map(Receiver.Received::id).toList();
            assertThat(ids).doesNotHaveDuplicates().hasSize(30);
            assertThat(most.get()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, Long> after = SendOnCommitTest.attempts(till);
                assertThat(after.get("on_commit") - before.get("on_commit")).isEqualTo(4);
                assertThat(after.get("by_claim") - before.get("by_claim")).isEqualTo(26);
            });
        }
    }
}
