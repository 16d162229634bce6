package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.till.core.merchants.NewMerchant;
import dev.till.core.storage.EmbeddedDatabase;
import dev.till.server.Config;
import dev.till.server.Gateway;
import dev.till.testkit.Api;
import dev.till.testkit.TestClock;
import dev.till.testkit.TestDirs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The embedded default is reached through its Unix-domain socket (UnixSocketFactory), not loopback
 * TCP: the gateway's pool, and anything attaching to the same data directory, use the socket.
 */
class UnixSocketTest {

    @Test
    void the_gateway_talks_to_the_embedded_database_over_its_socket_and_a_stuck_read_times_out() throws Exception {
        Path dataDir = TestDirs.create("till-socket");
        Config config = Config.fromEnv(Map.of("TILL_PORT", "0", "TILL_HOST", "127.0.0.1", "TILL_DATA_DIR", dataDir.toString(),
                "TILL_BOOTSTRAP_MERCHANT", "false", "TILL_RUN_JOBS", "false", "TILL_ALLOW_NON_DURABLE", "true"));
        try (Gateway gateway = Gateway.start(config, new TestClock(), new Random(1), Optional.empty())) {
            // Given a gateway on the embedded PostgreSQL that has answered a request
            NewMerchant merchant = gateway.services().merchants().create("Socket", true);
            assertThat(new Api("http://127.0.0.1:" + gateway.port(), merchant.secretKey())
                    .post("/customers", "{\"email\":\"socket@example.com\"}").status()).isEqualTo(201);

            // When another process attaches to the same data directory
            String url = EmbeddedDatabase.attach(dataDir).orElseThrow().url().jdbcUrl();
            assertThat(url).contains("socketFactory=dev.till.core.storage.UnixSocketFactory");
            try (Connection c = DriverManager.getConnection(url, "postgres", null); Statement s = c.createStatement()) {
                // Then it is on the socket (no client address), and so is every connection of the gateway's pool
                assertThat(one(s, "SELECT inet_client_addr() IS NULL")).isTrue();
                assertThat(one(s, "SELECT count(*) > 0 AND bool_and(client_addr IS NULL) FROM pg_stat_activity "
                        + "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()")).isTrue();
            }

            // And a read that outlives the socket timeout fails the connection instead of hanging
            try (Connection c = DriverManager.getConnection(url + "&socketTimeout=1", "postgres", null);
                 Statement s = c.createStatement()) {
                assertThatThrownBy(() -> s.execute("SELECT pg_sleep(5)")).isInstanceOf(SQLException.class);
                assertThat(c.isClosed()).isTrue();
            }
        }
    }

    private static boolean one(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getBoolean(1);
        }
    }
}
