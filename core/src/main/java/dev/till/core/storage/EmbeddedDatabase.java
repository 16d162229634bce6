package dev.till.core.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** The longest socket path the kernel takes (sun_path is 108 bytes with its terminating NUL). */
    private static final int MAX_SOCKET_PATH = 107;

    private final EmbeddedPostgres postgres; // null when attached to another process's server
    private final PostgresAddress address;

    private EmbeddedDatabase(EmbeddedPostgres postgres, PostgresAddress address) {
        this.postgres = postgres;
        this.address = address;
    }

    public static EmbeddedDatabase startOrAttach(Path dataDir, boolean durable) throws IOException {
        Optional<EmbeddedDatabase> running = attach(dataDir);
        if (running.isPresent()) return running.get();
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        Path dir = pgData.toAbsolutePath();
        // The socket lives in the data directory, which only this user can enter. A path too long
        // for a socket, or one PostgreSQL's list syntax would split, leaves TCP on localhost only.
        boolean socket = dir.resolve(".s.PGSQL.65535").toString().length() <= MAX_SOCKET_PATH
                && dir.toString().chars().noneMatch(c -> c == ',' || c == '"' || c == '\'');
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
                // PostgreSQL ships 128 MB, less than the indexes on random IDs that every payment
                // touches once the tables have grown. While they fit in 512 MB, an authorize cost
                // PostgreSQL about 15% less CPU in two benchmark pairs (docs/hot-path.md, session 12).
                .setServerConfig("shared_buffers", "512MB")
                // Statistics early: a cached generic plan made while a table was nearly empty can pick
                // the wrong index and keep it until the table is next analyzed (docs/hot-path.md).
                .setServerConfig("autovacuum_naptime", "10s")
                // The gateway talks to it over this socket (UnixSocketFactory), not loopback TCP.
                .setServerConfig("unix_socket_directories", socket ? dir.toString() : "")
                .start();
        log.info("Embedded PostgreSQL started on port {} with data in {}", pg.getPort(), pgData);
        return new EmbeddedDatabase(pg, new PostgresAddress(pg.getPort(),
                socket ? Optional.of(dir.resolve(".s.PGSQL." + pg.getPort())) : Optional.empty()));
    }

    /**
     * The embedded PostgreSQL another process runs on this data directory, if one does (the CLI
     * beside a running gateway).
     */
    public static Optional<EmbeddedDatabase> attach(Path dataDir) {
        Path pgData = dataDir.resolve("postgres");
        try {
            Optional<PostgresAddress> running = PostgresAddress.ofRunning(pgData);
            running.ifPresent(a -> log.info("Attaching to the embedded PostgreSQL already running on port {}", a.port()));
            return running.map(a -> new EmbeddedDatabase(null, a));
        } catch (IOException | RuntimeException unreadable) {
            log.warn("Ignoring unreadable {}", pgData.resolve("postmaster.pid"));
            return Optional.empty();
        }
    }

    /** Over the Unix-domain socket when the server has one, else TCP on localhost. */
    public DatabaseUrl url() {
        return new DatabaseUrl(address.jdbcUrl("postgres"), "postgres", null);
    }

    @Override
    public void close() throws IOException {
        if (postgres != null) postgres.close();
    }
}
