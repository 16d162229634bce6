package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** {@code ./till merchants create} works whether or not the gateway runs on the same data directory. */
class MerchantsCommandTest {

    @Test
    void merchants_create_prints_working_keys_with_the_gateway_running_and_stopped() throws Exception {
        Path dataDir = TestDirs.create("till-cli");
        Map<String, String> env = Map.of("TILL_PORT", "0", "TILL_HOST", "127.0.0.1", "TILL_DATA_DIR", dataDir.toString(),
                "TILL_BOOTSTRAP_MERCHANT", "false", "TILL_RUN_JOBS", "false", "TILL_ALLOW_NON_DURABLE", "true");

        // Given a gateway running on the embedded PostgreSQL in dataDir
        try (Gateway gateway = Gateway.start(Config.fromEnv(env), new TestClock(), new Random(3), Optional.empty())) {
            // When the command runs beside it, then it attaches to that PostgreSQL and its key works at once
            JsonNode created = runCommand(dataDir, "Beside");
            assertThat(created.path("secret_key").asText()).startsWith("sk_sbox_");
            assertThat(created.path("merchant_id").asText()).startsWith("mer_");
            Api api = new Api("http://127.0.0.1:" + gateway.port(), created.path("secret_key").asText());
            assertThat(api.get("/customers").status()).isEqualTo(200);
        }

        // When the gateway is stopped, the command starts the database itself
        JsonNode alone = runCommand(dataDir, "Alone");
        try (Gateway gateway = Gateway.start(Config.fromEnv(env), new TestClock(), new Random(4), Optional.empty())) {
            Api api = new Api("http://127.0.0.1:" + gateway.port(), alone.path("secret_key").asText());
            assertThat(api.get("/customers").status()).isEqualTo(200);
        }
    }

    private static JsonNode runCommand(Path dataDir, String name) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.till.server.Till", "merchants", "create", "--name", name, "--json");
        pb.environment().put("TILL_DATA_DIR", dataDir.toString());
        pb.environment().put("TILL_ALLOW_NON_DURABLE", "true");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        assertThat(p.waitFor()).isZero();
        // stdout carries exactly one JSON object (logs go to stderr)
        return new ObjectMapper().readTree(out);
    }
}
