package dev.till.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.till.core.merchants.NewMerchant;
import dev.till.server.Config;
import dev.till.server.Gateway;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real Till on a random port, on its own fresh PostgreSQL database, with an injected
 * clock and seed, for one test class:
 * <pre>
 *   {@literal @}RegisterExtension static TillServer till = new TillServer();
 * </pre>
 * Background jobs do not run by themselves; tests advance {@link #clock()} and call
 * {@code till.gateway().jobs().runNow(name)}. Every response is checked against the OpenAPI
 * document ({@link ContractCheck}) and the class fails if any did not match.
 */
public final class TillServer implements BeforeAllCallback, AfterAllCallback {
    private final Map<String, String> env = new HashMap<>();
    private final TestClock clock = new TestClock();
    private final ContractCheck contract = new ContractCheck();
    private Gateway gateway;
    private String databaseUrl;
    private Path dataDir;
    private long seed;
    private int starts;
    private final java.util.concurrent.atomic.AtomicInteger merchants = new java.util.concurrent.atomic.AtomicInteger();

    public TillServer() {
        env.put("TILL_PORT", "0");
        env.put("TILL_HOST", "127.0.0.1");
        env.put("TILL_ALLOW_NON_DURABLE", "true");
        env.put("TILL_BOOTSTRAP_MERCHANT", "false");
        env.put("TILL_RUN_JOBS", "false");
        env.put("TILL_DB_POOL_SIZE", "8");
        env.put("TILL_RATE_LIMIT_READS", "100000");
        env.put("TILL_RATE_LIMIT_WRITES", "100000");
        env.put("TILL_RATE_LIMIT_ANONYMOUS", "100000");
    }

    /** Overrides one environment variable for this server (before it starts, or before {@link #restart}). */
    public TillServer with(String name, String value) {
        env.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        seed = context.getRequiredTestClass().getName().hashCode();
        dataDir = TestDirs.create("till-test-data");
        databaseUrl = TestPostgres.newDatabase();
        env.put("DATABASE_URL", databaseUrl);
        env.put("TILL_DATA_DIR", dataDir.toString());
        start();
    }

    private void start() {
        // A new seed per start: a restarted server must not mint the IDs it minted before.
        gateway = Gateway.start(Config.fromEnv(env), clock, new Random(seed + 7919L * starts++), Optional.of(contract));
    }

    /** Stops the server and starts it again on the same database and data directory. */
    public void restart() {
        gateway.close();
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (gateway != null) gateway.close();
        assertThat(contract.violations()).as("responses that differ from the OpenAPI document").isEmpty();
    }

    public Gateway gateway() {
        return gateway;
    }

    public TestClock clock() {
        return clock;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + gateway.port();
    }

    /** A new test-mode merchant with its keys. */
    public NewMerchant merchant() {
        // No digits in the name: card-data sweeps search the database for digit strings.
        return gateway.services().merchants().create("Test merchant " + "abcdefghijklmnopqrstuvwxyz".charAt(merchants.getAndIncrement() % 26), true);
    }

    /** A client authenticated with a new merchant's secret key. */
    public Api api() {
        return new Api(baseUrl(), merchant().secretKey());
    }

    public Api api(NewMerchant merchant) {
        return new Api(baseUrl(), merchant.secretKey());
    }

    public Api anonymous() {
        return new Api(baseUrl(), null);
    }

    public Path dataDir() {
        return dataDir;
    }

    public String databaseUrl() {
        return databaseUrl;
    }
}
