package dev.till.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * The pool, JDBI and the migrations. Thread-safe: one instance serves the whole process.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        PreparedArguments.install(jdbi);
    }

    public static Database connect(DatabaseUrl url, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) config.setUsername(url.user());
        if (url.password() != null) config.setPassword(url.password());
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(poolSize, 4));
        config.setPoolName("till");
        config.setAutoCommit(true);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new Database(new HikariDataSource(config));
    }

    public void migrate() {
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    }

    /**
     * Refuses to run a payment gateway on storage that can lose committed transactions, unless the
     * operator explicitly allows it (benchmarks of the non-durable case, throwaway test databases).
     */
    public void requireDurability(boolean allowNonDurable) {
        if (allowNonDurable) return;
        jdbi.useHandle(h -> {
            String fsync = h.createQuery("SHOW fsync").mapTo(String.class).one();
            String syncCommit = h.createQuery("SHOW synchronous_commit").mapTo(String.class).one();
            if (!"on".equals(fsync) || "off".equals(syncCommit)) {
                throw new IllegalStateException("PostgreSQL runs with fsync=" + fsync + " and synchronous_commit=" + syncCommit
                        + "; committed payments could be lost. Turn both on, or set TILL_ALLOW_NON_DURABLE=true for benchmarks.");
            }
        });
    }

    public boolean ping() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException down) {
            return false;
        }
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
