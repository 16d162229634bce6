package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every kind of failed answer, on the injected clock. The receiver's timeout is 1 s here. */
class WebhookRetriesTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_WEBHOOK_ALLOW_LOOPBACK", "true").with("TILL_WEBHOOK_TIMEOUT", "1s");

    /** Attempt n's gap after the previous one, with the ±10% jitter allowed around it. */
    private static void assertGap(Instant previous, Instant next, Duration gap) {
        Duration actual = Duration.between(previous, next);
        assertThat(actual).isBetween(Duration.ofMillis(gap.toMillis() * 9 / 10), Duration.ofMillis(gap.toMillis() * 11 / 10));
    }

    private static Instant at(JsonNode attempt) {
        return Instant.parse(attempt.path("attempted_on").asText());
    }

    /** Moves the clock to the delivery's next attempt and runs the worker. */
    private static void runNextAttempt(Api api, String eventId) {
        Instant next = Instant.parse(Hooks.delivery(api, eventId).path("next_attempt_at").asText());
        till.clock().set(next);
        Hooks.deliver(till);
    }

    @Test
    void a_receiver_failing_three_times_gets_the_event_on_the_fourth_attempt_on_schedule() {
        // Given a receiver that fails three times, then answers 200
        Api api = till.api();
        try (Receiver receiver = Receiver.answering((n, r) -> Receiver.Answer.of(n <= 3 ? 500 : 200))) {
            Hooks.register(api, receiver.url());
            String eventId = Hooks.eventId(api, Hooks.createCustomer(api, "retry@example.com"), "customer_created");

            // When the worker runs at once and then just before the next attempt is due
            Hooks.deliver(till);
            Instant next = Instant.parse(Hooks.delivery(api, eventId).path("next_attempt_at").asText());
            till.clock().set(next.minusMillis(1));
            Hooks.deliver(till);
            assertThat(receiver.received()).hasSize(1);

            // And then at each scheduled time
            runNextAttempt(api, eventId);
            runNextAttempt(api, eventId);
            runNextAttempt(api, eventId);

            // Then the fourth attempt succeeded, after gaps of about 5 s, 5 min and 30 min
            assertThat(receiver.received()).hasSize(4);
            assertThat(receiver.received()).extracting(Receiver.Received::id).containsOnly(eventId);
            JsonNode delivery = Hooks.delivery(api, eventId);
            assertThat(delivery.path("status").asText()).isEqualTo("succeeded");
            JsonNode attempts = delivery.path("attempts");
            assertThat(attempts).extracting(a -> a.path("outcome").asText())
                    .containsExactly("retrying", "retrying", "retrying", "succeeded");
            assertThat(attempts.get(0).path("status_code").asInt()).isEqualTo(500);
            assertGap(at(attempts.get(0)), at(attempts.get(1)), Duration.ofSeconds(5));
            assertGap(at(attempts.get(1)), at(attempts.get(2)), Duration.ofMinutes(5));
            assertGap(at(attempts.get(2)), at(attempts.get(3)), Duration.ofMinutes(30));
        }
    }

    @Test
    void a_receiver_that_never_answers_200_is_tried_until_168_hours_and_then_the_delivery_fails() {
        // Given a receiver that always answers 500
        Api api = till.api();
        try (Receiver receiver = Receiver.answering((n, r) -> new Receiver.Answer(500, Map.of(), "database down"))) {
            Hooks.register(api, receiver.url());
            Instant start = till.clock().instant();
            String eventId = Hooks.eventId(api, Hooks.createCustomer(api, "never@example.com"), "customer_created");

            // When the worker runs every hour for 8 days
            Hooks.deliver(till);
            for (int hour = 1; hour <= 8 * 24; hour++) {
                till.clock().advance(Duration.ofHours(1));
                Hooks.deliver(till);
            }

            // Then the last attempt was at exactly 168 h, none after, and the delivery failed
            JsonNode delivery = Hooks.delivery(api, eventId);
            assertThat(delivery.path("status").asText()).isEqualTo("failed");
            assertThat(delivery.has("next_attempt_at")).isFalse();
            List<Instant> times = new ArrayList<>();
            delivery.path("attempts").forEach(a -> times.add(at(a)));
            assertThat(times.getLast()).isBeforeOrEqualTo(start.plus(Duration.ofHours(168)).plus(Duration.ofHours(1)));
            assertThat(times).allSatisfy(t -> assertThat(t).isBeforeOrEqualTo(start.plus(Duration.ofHours(169))));
            assertThat(receiver.received()).hasSize(times.size());
            JsonNode last = delivery.path("attempts").get(times.size() - 1);
            assertThat(last.path("outcome").asText()).isEqualTo("failed");
            assertThat(last.path("response_excerpt").asText()).isEqualTo("database down");
            assertThat(times.size()).isBetween(12, 15);
        }
    }

    @Test
    void the_last_attempt_is_scheduled_at_exactly_168_hours() {
        // Given a receiver that always answers 500, followed attempt by attempt
        Api api = till.api();
        try (Receiver receiver = Receiver.answering((n, r) -> Receiver.Answer.of(500))) {
            Hooks.register(api, receiver.url());
            Instant start = till.clock().instant();
            String eventId = Hooks.eventId(api, Hooks.createCustomer(api, "exact@example.com"), "customer_created");
            Hooks.deliver(till);
            while (Hooks.delivery(api, eventId).path("status").asText().equals("pending")) runNextAttempt(api, eventId);

            // Then the final attempt happened at exactly start + 168 h
            JsonNode attempts = Hooks.delivery(api, eventId).path("attempts");
            assertThat(at(attempts.get(attempts.size() - 1))).isEqualTo(start.plus(Duration.ofHours(168)));
            assertThat(attempts.size()).isEqualTo(receiver.received().size());
        }
    }

    @Test
    void a_503_with_retry_after_waits_as_long_as_asked() {
        // Given a receiver that answers 503 with Retry-After: 120, then 200
        Api api = till.api();
        try (Receiver receiver = Receiver.answering((n, r) -> n == 1
                ? new Receiver.Answer(503, Map.of("Retry-After", "120"), "") : Receiver.Answer.of(200))) {
            Hooks.register(api, receiver.url());
            String eventId = Hooks.eventId(api, Hooks.createCustomer(api, "later@example.com"), "customer_created");

            // When the first attempt fails
            Instant first = till.clock().instant();
            Hooks.deliver(till);

            // Then the next attempt is 120 s later, not the schedule's 5 s
            JsonNode delivery = Hooks.delivery(api, eventId);
            assertThat(Instant.parse(delivery.path("next_attempt_at").asText())).isEqualTo(first.plusSeconds(120));
            till.clock().advance(Duration.ofSeconds(60));
            Hooks.deliver(till);
            assertThat(receiver.received()).hasSize(1);
            till.clock().advance(Duration.ofSeconds(60));
            Hooks.deliver(till);
            assertThat(Hooks.delivery(api, eventId).path("status").asText()).isEqualTo("succeeded");
        }
    }

    @Test
    void a_redirect_is_not_followed_and_counts_as_a_failure() {
        // Given a receiver that redirects to another one
        Api api = till.api();
        try (Receiver target = Receiver.ok();
             Receiver redirecting = Receiver.answering((n, r) -> new Receiver.Answer(302, Map.of("Location", target.url()), ""))) {
            Hooks.register(api, redirecting.url());
            String eventId = Hooks.eventId(api, Hooks.createCustomer(api, "moved@example.com"), "customer_created");

            // When the worker runs
            Hooks.deliver(till);

            // Then the redirect target got nothing and the delivery will be retried
            assertThat(target.received()).isEmpty();
            JsonNode delivery = Hooks.delivery(api, eventId);
            assertThat(delivery.path("status").asText()).isEqualTo("pending");
            assertThat(delivery.path("attempts").get(0).path("status_code").asInt()).isEqualTo(302);
            assertThat(delivery.path("attempts").get(0).path("outcome").asText()).isEqualTo("retrying");
        }
    }

    @Test
    void a_refused_connection_and_a_timeout_are_retried() throws Exception {
        // Given one endpoint on a port nobody listens on and one that never answers in time
        Api api = till.api();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver hanging = Receiver.answering((n, r) -> {
            release.await(30, TimeUnit.SECONDS);
            return Receiver.Answer.of(200);
        })) {
            Hooks.register(api, "http://127.0.0.1:" + closedPort + "/hook");
            Hooks.register(api, hanging.url());
            String eventId = Hooks.eventId(api, Hooks.createCustomer(api, "down@example.com"), "customer_created");

            // When the worker runs
            Hooks.deliver(till);
            release.countDown();

            // Then both attempts failed without a status code, each saying why, and both will be retried
            JsonNode deliveries = api.get("/events/" + eventId + "/deliveries").json().path("data");
            assertThat(deliveries).hasSize(2).allSatisfy(d -> {
                assertThat(d.path("status").asText()).isEqualTo("pending");
                assertThat(d.path("attempts").get(0).has("status_code")).isFalse();
            });
            assertThat(deliveries.findValuesAsText("error")).containsExactlyInAnyOrder("connection_refused", "timeout");
        }
    }

    @Test
    void a_410_disables_the_endpoint_and_reactivating_it_resumes_delivery() {
        // Given a receiver that answers 410 Gone once
        Api api = till.api();
        try (Receiver receiver = Receiver.answering((n, r) -> Receiver.Answer.of(n == 1 ? 410 : 200))) {
            String endpointId = Hooks.register(api, receiver.url()).path("id").asText();
            String eventId = Hooks.eventId(api, Hooks.createCustomer(api, "gone@example.com"), "customer_created");

            // When the worker delivers to it
            Hooks.deliver(till);

            // Then the endpoint is disabled, the delivery paused, and new events are not queued for it
            JsonNode endpoint = api.get("/webhooks/" + endpointId).json();
            assertThat(endpoint.path("active").asBoolean()).isFalse();
            assertThat(endpoint.path("disabled_reason").asText()).isEqualTo("gone");
            assertThat(Hooks.delivery(api, eventId).path("attempts").get(0).path("outcome").asText()).isEqualTo("paused");
            String later = Hooks.eventId(api, Hooks.createCustomer(api, "gone2@example.com"), "customer_created");
            assertThat(api.get("/events/" + later + "/deliveries").json().path("data")).isEmpty();
            till.clock().advance(Duration.ofHours(1));
            Hooks.deliver(till);
            assertThat(receiver.received()).hasSize(1);

            // When the merchant re-activates it
            assertThat(api.patch("/webhooks/" + endpointId, "{\"active\":true}").json().has("disabled_reason")).isFalse();
            Hooks.deliver(till);

            // Then the paused delivery goes through
            assertThat(Hooks.delivery(api, eventId).path("status").asText()).isEqualTo("succeeded");
            assertThat(receiver.received()).hasSize(2);
        }
    }
}
