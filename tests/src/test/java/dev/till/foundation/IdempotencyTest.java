package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.idempotency.Idempotency;
import dev.till.core.merchants.NewMerchant;
import dev.till.testkit.Api;
import dev.till.testkit.TillServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IdempotencyTest {
    @RegisterExtension
    static TillServer till = new TillServer();

    @Test
    void a_retry_with_the_same_key_replays_the_first_response_byte_for_byte() {
        Api api = till.api();
        Api.Reply first = api.post("/customers", "{\"email\":\"a@example.com\"}", "Idempotency-Key", "k-1");
        // Same request, different formatting and key order: still the same request.
        Api.Reply retry = api.post("/customers", "{ \"email\" : \"a@example.com\" }", "Idempotency-Key", "k-1");

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(api.get("/customers").json().path("data")).hasSize(1);
    }

    @Test
    void cko_idempotency_key_means_the_same() {
        Api api = till.api();
        Api.Reply first = api.post("/customers", "{\"email\":\"b@example.com\"}", "Cko-Idempotency-Key", "k-2");
        Api.Reply retry = api.post("/customers", "{\"email\":\"b@example.com\"}", "Idempotency-Key", "k-2");
        assertThat(retry.body()).isEqualTo(first.body());
    }

    @Test
    void the_same_key_with_a_different_request_is_422_idempotency_key_reused() {
        Api api = till.api();
        api.post("/customers", "{\"email\":\"c@example.com\"}", "Idempotency-Key", "k-3");
        Api.Reply other = api.post("/customers", "{\"email\":\"other@example.com\"}", "Idempotency-Key", "k-3");
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.json().path("error_codes").get(0).asText()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void a_key_is_scoped_to_the_merchant_and_the_endpoint() {
        Api a = till.api();
        Api b = till.api();
        assertThat(a.post("/customers", "{\"email\":\"d@example.com\"}", "Idempotency-Key", "shared").status()).isEqualTo(201);
        assertThat(b.post("/customers", "{\"email\":\"e@example.com\"}", "Idempotency-Key", "shared").status()).isEqualTo(201);
        String id = a.get("/customers").json().path("data").get(0).path("id").asText();
        assertThat(a.patch("/customers/" + id, "{\"name\":\"D\"}", "Idempotency-Key", "shared").status()).isEqualTo(200);
    }

    @Test
    void a_retry_while_the_first_request_still_runs_is_409_idempotency_key_in_use() throws Exception {
        // Given the first request with this key is still running (we hold its lock, as it would)
        NewMerchant m = till.merchant();
        Api api = till.api(m);
        long lockId = Idempotency.lockId(m.merchant().merchantId(), "POST /customers", "k-busy");
        try (Connection c = DriverManager.getConnection(till.databaseUrl())) {
            c.setAutoCommit(false);
            c.createStatement().execute("SELECT pg_advisory_xact_lock(" + lockId + ")");

            // When a retry arrives, then it is told so at once
            Api.Reply busy = api.post("/customers", "{\"email\":\"f@example.com\"}", "Idempotency-Key", "k-busy");
            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.json().path("error_codes").get(0).asText()).isEqualTo("idempotency_key_in_use");
            c.commit();
        }
        // And once the first has finished, the retry goes through
        assertThat(api.post("/customers", "{\"email\":\"f@example.com\"}", "Idempotency-Key", "k-busy").status()).isEqualTo(201);
    }

    @Test
    void a_request_that_failed_validation_stores_nothing() {
        Api api = till.api();
        assertThat(api.post("/customers", "{\"email\":\"bad\"}", "Idempotency-Key", "k-4").status()).isEqualTo(422);
        assertThat(api.post("/customers", "{\"email\":\"good@example.com\"}", "Idempotency-Key", "k-4").status()).isEqualTo(201);
        assertThat(till.anonymous().post("/customers", "{\"email\":\"good@example.com\"}", "Idempotency-Key", "k-5").status()).isEqualTo(401);
    }

    @Test
    void stored_responses_are_encrypted_at_rest() throws Exception {
        // A response may carry a secret shown only once (a webhook signing secret), so the stored copy is sealed.
        Api api = till.api();
        api.post("/customers", "{\"email\":\"sealed@example.com\"}", "Idempotency-Key", "k-sealed");
        try (Connection c = DriverManager.getConnection(till.databaseUrl());
             var rs = c.createStatement().executeQuery("SELECT response_body FROM idempotency_keys WHERE idempotency_key = 'k-sealed'")) {
            assertThat(rs.next()).isTrue();
            assertThat(new String(rs.getBytes(1), java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("sealed@example.com");
        }
        assertThat(api.post("/customers", "{\"email\":\"sealed@example.com\"}", "Idempotency-Key", "k-sealed").text("email"))
                .isEqualTo("sealed@example.com");
    }

    @Test
    void keys_are_purged_after_the_ttl() {
        Api api = till.api();
        api.post("/customers", "{\"email\":\"g@example.com\"}", "Idempotency-Key", "k-6");
        till.clock().advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(till.gateway().jobs().runNow("idempotency-purge")).isGreaterThanOrEqualTo(1);
        Api.Reply fresh = api.post("/customers", "{\"email\":\"other@example.com\"}", "Idempotency-Key", "k-6");
        assertThat(fresh.status()).isEqualTo(201);
    }

    @Test
    void fifty_concurrent_identical_requests_create_exactly_one_customer() throws Exception {
        Api api = till.api();
        List<Callable<Api.Reply>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> api.post("/customers", "{\"email\":\"race@example.com\"}", "Idempotency-Key", "k-race"));
        }
        List<Api.Reply> replies = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Future<Api.Reply> f : pool.invokeAll(calls)) replies.add(f.get());
        }
        List<Api.Reply> created = replies.stream().filter(r -> r.status() == 201).toList();
        assertThat(created).isNotEmpty();
        assertThat(created).extracting(Api.Reply::body).containsOnly(created.getFirst().body());
        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isIn(201, 409));
        assertThat(api.get("/customers").json().path("data")).hasSize(1);
    }
}
