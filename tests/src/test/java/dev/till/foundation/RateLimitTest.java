package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RateLimitTest {
    @RegisterExtension
    static TillServer till = new TillServer().with("TILL_RATE_LIMIT_WRITES", "3").with("TILL_RATE_LIMIT_ANONYMOUS", "2");

    @Test
    void a_merchant_over_its_write_limit_gets_429_with_retry_after_and_reads_still_work() {
        Api api = till.api();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 6; i++) statuses.add(api.post("/customers", "{\"email\":\"r" + i + "@example.com\"}").status());
        assertThat(statuses).contains(201, 429);
        Api.Reply limited = api.post("/customers", "{\"email\":\"late@example.com\"}");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(limited.text("error_type")).isEqualTo("too_many_requests");
        // Reads have their own bucket
        assertThat(api.get("/customers").status()).isEqualTo(200);
    }

    @Test
    void unauthenticated_attempts_are_limited_per_client_address() {
        Api stranger = till.anonymous().withKey("sk_sbox_bbbbbbbbbbbbbbbbbbbbbbbbbbb");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 5; i++) statuses.add(stranger.get("/customers").status());
        assertThat(statuses).contains(401, 429);
    }
}
