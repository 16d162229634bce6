package dev.till.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seed 001 warns pollers: polling GET /orders/{id} counts against the key's read bucket. */
class OrderRateLimitTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_RATE_LIMIT_READS", "5");

    @Test
    void polling_an_order_too_fast_gets_429_with_retry_after_and_writes_have_their_own_bucket() {
        // Given an order
        Api api = till.api();
        String id = api.post("/orders", "{\"client\":{\"email\":\"a@example.com\"},\"products\":[{\"title\":\"x\",\"price\":1}]}").text("id");

        // When the merchant polls it far faster than 5 reads a second
        List<Api.Reply> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) replies.add(api.get("/orders/" + id));

        // Then it is told to slow down, with Retry-After (the bucket holds 5, so at least 7 are refused)
        Api.Reply limited = replies.stream().filter(r -> r.status() == 429).findFirst().orElseThrow();
        assertThat(replies.stream().filter(r -> r.status() == 429).count()).isGreaterThanOrEqualTo(1);
        assertThat(Long.parseLong(limited.header("Retry-After"))).isGreaterThanOrEqualTo(1);
        assertThat(limited.text("error_type")).isEqualTo("too_many_requests");

        // And writes still go through: they have their own bucket
        assertThat(api.post("/orders/" + id + "/cancel", null).status()).isEqualTo(200);

        // And another merchant's key is not affected
        assertThat(till.api().get("/orders").status()).isEqualTo(200);
    }
}
