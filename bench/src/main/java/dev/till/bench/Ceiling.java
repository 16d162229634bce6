package dev.till.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The storage limit, measured in the same run: a raw JDBC client doing, per operation, the same
 * durable writes Till did (the same number of rows, of similar width) in one transaction, as one
 * multi-row statement: the cheapest way PostgreSQL can make them durable, so the tightest ceiling.
 */
final class Ceiling {
    private final String url;

    /** @param url the embedded PostgreSQL, reached the way the gateway reaches it (TillProcess#postgresUrl) */
    Ceiling(String url) {
        this.url = url + (url.contains("?") ? "&" : "?") + "user=postgres";
    }

    /** Rows inserted plus rows updated in Till's tables so far (PostgreSQL's own statistics). */
    long rowsWritten() throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_force_next_flush()");
            try (ResultSet r = s.executeQuery("SELECT coalesce(sum(n_tup_ins + n_tup_upd), 0) FROM pg_stat_user_tables "
                    + "WHERE relname NOT IN ('bench_ceiling', 'flyway_schema_history')")) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** @param postgresCpuMsPerOp PostgreSQL's CPU per ceiling transaction over the window, -1 if unknown */
    record Result(double opsPerSecond, Recorder latency, double postgresCpuMsPerOp) {}

    Result measure(int clients, int warmupSeconds, int seconds, int rowsPerOp, CpuMeter cpu) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS bench_ceiling (id text PRIMARY KEY, merchant_id text NOT NULL, "
                    + "kind text NOT NULL, amount bigint NOT NULL, data jsonb NOT NULL, created_on timestamptz NOT NULL)");
        }
        StringBuilder sql = new StringBuilder("INSERT INTO bench_ceiling VALUES ");
        for (int i = 0; i < rowsPerOp; i++) sql.append(i == 0 ? "" : ",").append("(?, 'mer_bench', 'payment', 1000, CAST(? AS jsonb), now())");
        Recorder latency = new Recorder(3);
        AtomicLong ops = new AtomicLong();
        AtomicBoolean recording = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        String payload = "{\"status\":\"Captured\",\"amount\":1000,\"currency\":\"USD\",\"reference\":\"bench\",\"source\":{\"bin\":\"424242\",\"last4\":\"4242\",\"scheme\":\"Visa\"},\"pad\":\"" + "x".repeat(120) + "\"}";
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    PreparedStatement ps = c.prepareStatement(sql.toString());
                    while (!stop.get()) {
                        long start = System.nanoTime();
                        for (int i = 0; i < rowsPerOp; i++) {
                            ps.setString(2 * i + 1, UUID.randomUUID().toString());
                            ps.setString(2 * i + 2, payload);
                        }
                        ps.executeUpdate();
                        c.commit();
                        if (recording.get()) {
                            latency.recordValue((System.nanoTime() - start) / 1000);
                            ops.incrementAndGet();
                        }
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Thread.sleep(warmupSeconds * 1000L);
        recording.set(true);
        latency.reset();
        CpuMeter.Reading before = cpu.read();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        recording.set(false);
        CpuMeter.Reading after = cpu.read();
        double elapsed = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        for (Thread t : threads) t.join();
        return new Result(ops.get() / elapsed, latency, after.postgresPerOp(before, ops.get()));
    }
}
