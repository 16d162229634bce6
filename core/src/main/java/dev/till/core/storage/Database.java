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
    private final DatabaseUrl url;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private HikariDataSource genericPlanned; // made on first use, see genericPlanned()
    private Jdbi genericPlannedJdbi;

    private Database(DatabaseUrl url, HikariDataSource dataSource) {
        this.url = url;
        this.dataSource = dataSource;
        this.jdbi = jdbiOn(dataSource);
    }

    private static Jdbi jdbiOn(HikariDataSource dataSource) {
        Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        PreparedArguments.install(jdbi);
        return jdbi;
    }

    public static Database connect(DatabaseUrl url, int poolSize) {
        return new Database(url, new HikariDataSource(pool(url, "till", poolSize)));
    }

    private static HikariConfig pool(DatabaseUrl url, String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) config.setUsername(url.user());
        if (url.password() != null) config.setPassword(url.password());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(size, 4));
        config.setPoolName(name);
        config.setAutoCommit(true);
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return config;
    }

    /**
     * A small pool of its own, of {@code size} connections that plan each statement once
     * ({@code plan_cache_mode = force_generic_plan}), for the payment group writers. Their lookups
     * match lists with {@code = ANY}; on other connections PostgreSQL plans those afresh on every
     * call while a list is shorter than the ten elements a generic plan assumes, which cost more
     * than running them (docs/hot-path.md, session 18). The writers' statements are key lookups
     * and inserts, whose plans do not depend on the values. Made once; later calls return it.
     */
    public synchronized Jdbi genericPlanned(int size) {
        if (genericPlannedJdbi == null) {
            HikariConfig config = pool(url, "till-groups", size);
            config.setConnectionInitSql("SET plan_cache_mode = force_generic_plan");
            genericPlanned = new HikariDataSource(config);
            genericPlannedJdbi = jdbiOn(genericPlanned);
        }
        return genericPlannedJdbi;
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
    public synchronized void close() {
        if (genericPlanned != null) genericPlanned.close();
        dataSource.close();
    }
}
