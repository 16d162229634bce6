package dev.till.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;

/**
 * One real PostgreSQL for the whole test JVM. The schema is migrated once into a template
 * database; each test class gets a fresh copy ({@code CREATE DATABASE … TEMPLATE}), which takes
 * milliseconds. fsync is off here: the suite proves behaviour, not durability (the servers under
 * test are started with TILL_ALLOW_NON_DURABLE for that reason). Thread-safe.
 */
public final class TestPostgres {
    private static final String TEMPLATE = "till_template";
    private static final AtomicInteger counter = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestPostgres() {}

    private static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("till-test-pg"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setServerConfig("max_connections", "400")
                        .start();
                exec("CREATE DATABASE " + TEMPLATE);
                Flyway.configure().dataSource(postgres.getDatabase("postgres", TEMPLATE))
                        .locations("classpath:db/migration").load().migrate();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return postgres;
    }

    /** A new, migrated, empty database; returns its JDBC URL. */
    public static String newDatabase() {
        String name = "till_" + ProcessHandle.current().pid() + "_" + counter.incrementAndGet();
        postgres();
        exec("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return jdbcUrl(name);
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + postgres().getPort() + "/" + database + "?user=postgres";
    }

    private static void exec(String sql) {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
