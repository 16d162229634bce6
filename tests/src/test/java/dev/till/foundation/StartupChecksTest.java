package dev.till.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.till.core.storage.DatabaseUrl;
import dev.till.server.Config;
import dev.till.server.Gateway;
import dev.till.testkit.TestClock;
import dev.till.testkit.TestDirs;
import dev.till.testkit.TestPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

    @Test
    void till_refuses_a_database_that_can_lose_committed_transactions() {
        // Given a PostgreSQL running with fsync off (the test server is configured so)
        Config config = Config.fromEnv(Map.of("DATABASE_URL", TestPostgres.newDatabase(), "TILL_PORT", "0",
                "TILL_HOST", "127.0.0.1", "TILL_RUN_JOBS", "false"));

        // Then Till does not start unless explicitly allowed
        assertThatThrownBy(() -> Gateway.start(config, new TestClock(), new Random(1), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fsync=off")
                .hasMessageContaining("TILL_ALLOW_NON_DURABLE");
    }

    @Test
    void a_start_that_fails_after_wiring_leaves_no_writer_threads_behind() throws Exception {
        // Given a port another process holds
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Config config = Config.fromEnv(Map.of("DATABASE_URL", TestPostgres.newDatabase(), "TILL_PORT",
                    String.valueOf(taken.getLocalPort()), "TILL_HOST", "127.0.0.1", "TILL_RUN_JOBS", "false",
                    "TILL_ALLOW_NON_DURABLE", "true", "TILL_DATA_DIR", TestDirs.create("till-startup").toString()));
            long writersBefore = groupWriters();

            // When Till starts on it, after the capabilities have started their payment and refund writers
            assertThatThrownBy(() -> Gateway.start(config, new TestClock(), new Random(1), Optional.empty()));

            // Then the start fails, and the writers it started are stopped
            assertThat(groupWriters()).isEqualTo(writersBefore);
        }
    }

    /** Live group writer threads in this JVM (other tests' gateways may hold some). */
    private static long groupWriters() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("payment-group-writer") || t.getName().equals("refund-group-writer")
                        || t.getName().equals("token-group-writer")).count();
    }

    @Test
    void database_urls_come_in_two_forms() {
        DatabaseUrl heroku = DatabaseUrl.parse("postgres://till:s%40cret@db.internal:6432/payments?sslmode=require");
        assertThat(heroku.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:6432/payments?sslmode=require");
        assertThat(heroku.user()).isEqualTo("till");
        assertThat(heroku.password()).isEqualTo("s@cret");
        assertThat(heroku.toString()).doesNotContain("s@cret");

        DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://localhost/till?user=x");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost/till?user=x");
        assertThat(DatabaseUrl.parse("postgres://h/db").jdbcUrl()).isEqualTo("jdbc:postgresql://h:5432/db");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://h/db")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void durations_read_the_way_the_readme_says() {
        assertThat(Config.duration("7d")).hasDays(7);
        assertThat(Config.duration("15m")).hasMinutes(15);
        assertThat(Config.duration("250ms")).hasMillis(250);
        assertThat(Config.duration("PT30S")).hasSeconds(30);
    }
}
