package dev.till.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting, read from environment variables (documented in the README's table). Tests build
 * one from their own map.
 */
public record Config(
        String host,
        int port,
        Optional<String> publicUrl,
        Path dataDir,
        Optional<String> databaseUrl,
        int poolSize,
        int paymentWriters,
        long maxBodyBytes,
        Duration idempotencyTtl,
        boolean allowNonDurable,
        Optional<Path> keysetFile,
        Optional<String> keyset,
        long readsPerSecond,
        long writesPerSecond,
        long anonymousPerSecond,
        boolean bootstrapMerchant,
        boolean runJobs,
        Duration settlementDelay,
        Optional<Path> fxRatesFile,
        long fxSpreadBps,
        Duration quoteTtl,
        Duration webhookTimeout,
        int webhookConcurrency,
        boolean webhookAllowLoopback,
        boolean webhookAllowHttp,
        Duration authExpiry) {

    public static Config fromEnv(Map<String, String> env) {
        return new Config(
                env.getOrDefault("TILL_HOST", "0.0.0.0"),
                Integer.parseInt(env.getOrDefault("TILL_PORT", "8080")),
                Optional.ofNullable(env.get("TILL_PUBLIC_URL")).filter(s -> !s.isBlank()),
                Path.of(env.getOrDefault("TILL_DATA_DIR", "./data")),
                Optional.ofNullable(env.get("DATABASE_URL")).filter(s -> !s.isBlank()),
                Integer.parseInt(env.getOrDefault("TILL_DB_POOL_SIZE", "16")),
                Integer.parseInt(env.getOrDefault("TILL_PAYMENT_WRITERS", "2")),
                Long.parseLong(env.getOrDefault("TILL_MAX_BODY_BYTES", "1048576")),
                duration(env.getOrDefault("TILL_IDEMPOTENCY_TTL", "7d")),
                Boolean.parseBoolean(env.getOrDefault("TILL_ALLOW_NON_DURABLE", "false")),
                Optional.ofNullable(env.get("TILL_KEYSET_FILE")).filter(s -> !s.isBlank()).map(Path::of),
                Optional.ofNullable(env.get("TILL_KEYSET")).filter(s -> !s.isBlank()),
                Long.parseLong(env.getOrDefault("TILL_RATE_LIMIT_READS", "100")),
                Long.parseLong(env.getOrDefault("TILL_RATE_LIMIT_WRITES", "100")),
                Long.parseLong(env.getOrDefault("TILL_RATE_LIMIT_ANONYMOUS", "20")),
                Boolean.parseBoolean(env.getOrDefault("TILL_BOOTSTRAP_MERCHANT", "true")),
                Boolean.parseBoolean(env.getOrDefault("TILL_RUN_JOBS", "true")),
                duration(env.getOrDefault("TILL_SETTLEMENT_DELAY", "2d")),
                Optional.ofNullable(env.get("TILL_FX_RATES_FILE")).filter(s -> !s.isBlank()).map(Path::of),
                Long.parseLong(env.getOrDefault("TILL_FX_SPREAD_BPS", "50")),
                duration(env.getOrDefault("TILL_QUOTE_TTL", "5m")),
                duration(env.getOrDefault("TILL_WEBHOOK_TIMEOUT", "15s")),
                Integer.parseInt(env.getOrDefault("TILL_WEBHOOK_CONCURRENCY", "64")),
                Boolean.parseBoolean(env.getOrDefault("TILL_WEBHOOK_ALLOW_LOOPBACK", "false")),
                Boolean.parseBoolean(env.getOrDefault("TILL_WEBHOOK_ALLOW_HTTP", "false")),
                duration(env.getOrDefault("TILL_AUTH_EXPIRY", "7d")));
    }

    public Config withPort(int newPort) {
        return new Config(host, newPort, publicUrl, dataDir, databaseUrl, poolSize, paymentWriters, maxBodyBytes, idempotencyTtl,
                allowNonDurable, keysetFile, keyset, readsPerSecond, writesPerSecond, anonymousPerSecond,
                bootstrapMerchant, runJobs, settlementDelay, fxRatesFile, fxSpreadBps, quoteTtl,
                webhookTimeout, webhookConcurrency, webhookAllowLoopback, webhookAllowHttp, authExpiry);
    }

    /** Accepts {@code 7d}, {@code 15m}, {@code 30s}, {@code 250ms} or ISO-8601 ({@code PT15M}). */
    public static Duration duration(String text) {
        String t = text.trim().toLowerCase();
        if (t.startsWith("p")) return Duration.parse(text.trim().toUpperCase());
        if (t.endsWith("ms")) return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        return switch (t.charAt(t.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            case 's' -> Duration.ofSeconds(n);
            default -> throw new IllegalArgumentException("not a duration: " + text);
        };
    }

    public Path resolvedKeysetFile() {
        return keysetFile.orElse(dataDir.resolve("keys").resolve("keyset.json"));
    }
}
