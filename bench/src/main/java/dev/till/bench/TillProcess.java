package dev.till.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.till.core.storage.PostgresAddress;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The gateway under test, as a separate process on a fresh embedded PostgreSQL with durability on
 * (fsync and synchronous_commit as PostgreSQL ships them). Rate limits are off: we measure the
 * gateway, not its throttle.
 */
final class TillProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dataDir;
    final int port;
    final Process process;
    String secretKey;
    String publishableKey;
    /** Set when the run failed: the data directory (with till.log) stays for a look. */
    boolean keepData = Boolean.parseBoolean(System.getenv().getOrDefault("TILL_BENCH_KEEP_DATA", "false"));

    private TillProcess(Path dataDir, int port, Process process) {
        this.dataDir = dataDir;
        this.port = port;
        this.process = process;
    }

    static TillProcess start(Path jar) throws Exception {
        Path dataDir = Files.createTempDirectory("till-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        List<String> command = new java.util.ArrayList<>(List.of(javaBin(), "-Xmx512m", "-XX:+UseG1GC"));
        // e.g. TILL_BENCH_SERVER_OPTS="-XX:StartFlightRecording=filename=/tmp/till.jfr,settings=profile" to profile
        String extra = System.getenv().getOrDefault("TILL_BENCH_SERVER_OPTS", "");
        if (!extra.isBlank()) command.addAll(List.of(extra.trim().split("\\s+")));
        command.addAll(List.of("-cp", classpath(jar), "dev.till.server.Till", "serve"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env(dataDir, port));
        pb.redirectErrorStream(true).redirectOutput(dataDir.resolve("till.log").toFile());
        TillProcess till = new TillProcess(dataDir, port, pb.start());
        // Ctrl-C on the benchmark stops the gateway (and its PostgreSQL) too, instead of orphaning them.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                if (till.process.isAlive()) till.close();
            } catch (Exception ignored) {
                // the JVM is exiting
            }
        }));
        till.awaitReady();
        till.createMerchant(jar);
        return till;
    }

    static Map<String, String> env(Path dataDir, int port) {
        Map<String, String> env = new java.util.HashMap<>(Map.of("TILL_DATA_DIR", dataDir.toString(),
                "TILL_PORT", Integer.toString(port), "TILL_HOST", "127.0.0.1", "TILL_BOOTSTRAP_MERCHANT", "false",
                "TILL_RATE_LIMIT_READS", "0", "TILL_RATE_LIMIT_WRITES", "0", "TILL_RATE_LIMIT_ANONYMOUS", "0",
                "TILL_WEBHOOK_ALLOW_LOOPBACK", "true", "TILL_LOG_LEVEL", "WARN"));
        // The gateway's defaults, unless TILL_BENCH_DB_POOL_SIZE or TILL_BENCH_PAYMENT_WRITERS compare others.
        optional(env, "TILL_BENCH_DB_POOL_SIZE", "TILL_DB_POOL_SIZE");
        optional(env, "TILL_BENCH_PAYMENT_WRITERS", "TILL_PAYMENT_WRITERS");
        return env;
    }

    private static void optional(Map<String, String> env, String benchVariable, String tillVariable) {
        String value = System.getenv(benchVariable);
        if (value != null && !value.isBlank()) env.put(tillVariable, value);
    }

    private static String classpath(Path jar) {
        return jar + java.io.File.pathSeparator + jar.resolveSibling("lib") + "/*";
    }

    static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("Till exited; see " + dataDir.resolve("till.log"));
            try {
                var r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/ready")).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) return;
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("Till did not become ready");
    }

    /** Uses the real CLI, attached to the running server's embedded PostgreSQL. */
    private void createMerchant(Path jar) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaBin(), "-cp", classpath(jar), "dev.till.server.Till", "merchants", "create", "--name", "bench", "--json");
        pb.environment().putAll(env(dataDir, port));
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (p.waitFor() != 0) throw new IllegalStateException("merchants create failed");
        JsonNode keys = JSON.readTree(out.substring(out.lastIndexOf('{')));
        secretKey = keys.get("secret_key").asText();
        publishableKey = keys.get("publishable_key").asText();
    }

    /** A JDBC URL of the embedded PostgreSQL as the gateway reaches it: over its socket when it has one. */
    String postgresUrl() throws IOException {
        return PostgresAddress.ofRunning(dataDir.resolve("postgres"))
                .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL is not running"))
                .jdbcUrl("postgres");
    }

    CpuMeter cpu() {
        return new CpuMeter(process.pid(), dataDir.resolve("postgres").resolve("postmaster.pid"));
    }

    long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException gone) {
            // process ended
        }
        return -1;
    }

    /** Heap in use, from the gateway's own Prometheus metrics. */
    long heapUsedBytes(HttpClient http) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) sum;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy(); // SIGTERM: graceful shutdown, which also stops PostgreSQL
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (keepData) {
            System.err.println("bench: the gateway's data and till.log are kept in " + dataDir);
            return;
        }
        // A run writes gigabytes of tables and WAL; a temporary directory per run would fill /tmp.
        try (var paths = Files.walk(dataDir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
