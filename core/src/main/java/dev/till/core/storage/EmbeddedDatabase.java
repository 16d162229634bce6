package dev.till.core.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: a real PostgreSQL whose data lives on disk under the data directory, so a
 * restart keeps everything. When another Till process already runs PostgreSQL on the same
 * directory (the gateway while {@code ./till merchants create} runs), we attach to it instead of
 * starting a second server. Durability stays on: fsync and synchronous_commit are PostgreSQL's
 * defaults and we set them explicitly, because zonky's defaults favour tests over safety.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final EmbeddedPostgres postgres; // null when attached to another process's server
    private final int port;

    private EmbeddedDatabase(EmbeddedPostgres postgres, int port) {
        this.postgres = postgres;
        this.port = port;
    }

    public static EmbeddedDatabase startOrAttach(Path dataDir, boolean durable) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Optional<Integer> running = runningPort(pgData);
        if (running.isPresent()) {
            log.info("Attaching to the embedded PostgreSQL already running on port {}", running.get());
            return new EmbeddedDatabase(null, running.get());
        }
        Files.createDirectories(pgData);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                // Text compares by code point (memcmp) instead of through the C library's strcoll,
                // about 3% of PostgreSQL's CPU on the payment path, where every key is a text ID;
                // the order is the one glibc's C.UTF-8 gives, and lower()/upper() stay Unicode-aware.
                // Applies when a cluster is created; an existing data directory keeps its own.
                .setLocaleConfig("locale-provider", "builtin")
                .setLocaleConfig("builtin-locale", "C.UTF-8")
                // We stop PostgreSQL ourselves, after draining requests and jobs; zonky's own hook
                // would stop it at the same time as our graceful shutdown and cut those short.
                .setRegisterShutdownHook(false)
                .setServerConfig("fsync", durable ? "on" : "off")
                .setServerConfig("synchronous_commit", durable ? "on" : "off")
                .setServerConfig("full_page_writes", durable ? "on" : "off")
                .setServerConfig("max_connections", "200")
                // Statistics early: a cached generic plan made while a table was nearly empty can pick
                // the wrong index and keep it until the table is next analyzed (docs/hot-path.md).
                .setServerConfig("autovacuum_naptime", "10s")
                .start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), pgData);
        return new EmbeddedDatabase(pg, pg.getPort());
    }

    /** postmaster.pid's fourth line is the port; the file exists only while the server runs. */
    private static Optional<Integer> runningPort(Path pgData) {
        Path pid = pgData.resolve("postmaster.pid");
        if (!Files.exists(pid)) return Optional.empty();
        try {
            List<String> lines = Files.readAllLines(pid);
            long processId = Long.parseLong(lines.get(0).trim());
            if (ProcessHandle.of(processId).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.of(Integer.parseInt(lines.get(3).trim()));
            }
        } catch (IOException | RuntimeException unreadable) {
            log.warn("Ignoring unreadable {}", pid);
        }
        return Optional.empty();
    }

    public DatabaseUrl url() {
        return new DatabaseUrl("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", null);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) postgres.close();
    }
}
