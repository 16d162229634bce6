package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.server.Config;
import dev.till.server.Gateway;
import dev.till.testkit.Api;
import dev.till.testkit.TestClock;
import dev.till.testkit.TestDirs;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The embedded default keeps its data on disk: stop the gateway, start it again, and it is all there. */
class RestartTest {

    @Test
    void a_restart_on_the_embedded_database_keeps_a_customer() throws Exception {
        Path dataDir = TestDirs.create("till-restart");
        Config config = Config.fromEnv(Map.of("TILL_PORT", "0", "TILL_HOST", "127.0.0.1", "TILL_DATA_DIR", dataDir.toString(),
                "TILL_BOOTSTRAP_MERCHANT", "false", "TILL_RUN_JOBS", "false", "TILL_ALLOW_NON_DURABLE", "true"));
        TestClock clock = new TestClock();

        // Given a customer created on a gateway using the embedded PostgreSQL
        NewMerchant merchant;
        String customerId;
        try (Gateway first = Gateway.start(config, clock, new Random(1), Optional.empty())) {
            merchant = first.services().merchants().create("Restart", true);
            customerId = new Api("http://127.0.0.1:" + first.port(), merchant.secretKey())
                    .post("/customers", "{\"email\":\"kept@example.com\"}").text("id");
        }
        assertThat(dataDir.resolve("postgres").resolve("PG_VERSION")).exists();
        assertThat(dataDir.resolve("keys").resolve("keyset.json")).exists();

        // When the gateway starts again on the same data directory
        try (Gateway second = Gateway.start(config, clock, new Random(2), Optional.empty())) {
            // Then the key still works and the customer is still there
            Api.Reply read = new Api("http://127.0.0.1:" + second.port(), merchant.secretKey()).get("/customers/" + customerId);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("email")).isEqualTo("kept@example.com");
        }
    }
}
