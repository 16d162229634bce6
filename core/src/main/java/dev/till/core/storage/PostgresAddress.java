package dev.till.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where an embedded PostgreSQL listens: its TCP port on localhost and, when it has one, its
 * Unix-domain socket file, which is preferred. Plain JDK code on purpose: the benchmark reads it
 * from outside the gateway without Till's other dependencies.
 */
public record PostgresAddress(int port, Optional<Path> socketFile) {

    /**
     * The address of the server running on {@code pgData}, from its postmaster.pid, which exists
     * only while the server runs: the first line is its process id, the fourth its port, the fifth
     * its socket directory (empty for none). Empty when no file is there or its process is gone.
     */
    public static Optional<PostgresAddress> ofRunning(Path pgData) throws IOException {
        Path pid = pgData.resolve("postmaster.pid");
        if (!Files.exists(pid)) return Optional.empty();
        List<String> lines = Files.readAllLines(pid);
        long processId = Long.parseLong(lines.get(0).trim());
        if (!ProcessHandle.of(processId).map(ProcessHandle::isAlive).orElse(false)) return Optional.empty();
        int port = Integer.parseInt(lines.get(3).trim());
        String dir = lines.size() > 4 ? lines.get(4).trim() : "";
        Optional<Path> socketFile = dir.isEmpty() ? Optional.empty()
                : Optional.of(Path.of(dir, ".s.PGSQL." + port)).filter(Files::exists);
        return Optional.of(new PostgresAddress(port, socketFile));
    }

    /** A JDBC URL of {@code database}: over the socket when there is one, else TCP on localhost. */
    public String jdbcUrl(String database) {
        return socketFile.map(f -> UnixSocketFactory.jdbcUrl(database, f))
                .orElse("jdbc:postgresql://localhost:" + port + "/" + database);
    }
}
