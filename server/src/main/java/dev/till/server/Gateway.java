package dev.till.server;

import dev.till.core.crypto.Keysets;
import dev.till.core.events.Events;
import dev.till.core.idempotency.Idempotency;
import dev.till.core.jobs.BackgroundJobs;
import dev.till.core.ledger.DebitTurns;
import dev.till.core.merchants.Merchants;
import dev.till.core.storage.Database;
import dev.till.core.storage.DatabaseUrl;
import dev.till.core.storage.EmbeddedDatabase;
import dev.till.domain.Ids;
import dev.till.http.Json;
import dev.till.http.RateLimits;
import dev.till.http.Routes;
import dev.till.http.TillApi;
import dev.till.http.Writes;
import dev.till.http.openapi.DocsHandlers;
import dev.till.http.openapi.OpenApiDocument;
import dev.till.http.ops.OpsHandlers;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The whole gateway, wired by hand: storage, shared services, each capability, the HTTP server
 * and the background jobs. Tests start one per class on port 0 with their own clock and seed.
 */
public final class Gateway implements AutoCloseable {
    /** The capabilities, in the order their routes are registered. */
    private static List<Capability> capabilities() {
        PaymentsCapability payments = new PaymentsCapability(); // orders and payment links pay through it
        return List.of(new CustomersCapability(), payments, new WebhooksCapability(), new LedgerCapability(),
                new PayoutsCapability(), new OrdersCapability(payments), new PaymentLinksCapability(payments));
    }

    private final EmbeddedDatabase embedded; // null when DATABASE_URL points elsewhere
    private final Database database;
    private final Services services;
    private final List<Capability> capabilities;
    private final TillApi api;

    private Gateway(EmbeddedDatabase embedded, Database database, Services services, List<Capability> capabilities, TillApi api) {
        this.embedded = embedded;
        this.database = database;
        this.services = services;
        this.capabilities = capabilities;
        this.api = api;
    }

    /** Opens (and migrates) the database the configuration names, starting the embedded one if needed. */
    public static Storage openStorage(Config config) {
        EmbeddedDatabase embedded = null;
        DatabaseUrl url;
        if (config.databaseUrl().isPresent()) {
            url = DatabaseUrl.parse(config.databaseUrl().get());
        } else {
            try {
                embedded = EmbeddedDatabase.startOrAttach(config.dataDir(), !config.allowNonDurable());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + config.dataDir(), e);
            }
            url = embedded.url();
        }
        try {
            Database database = Database.connect(url, config.poolSize());
            try {
                database.requireDurability(config.allowNonDurable());
                database.migrate();
                return new Storage(embedded, database);
            } catch (RuntimeException refused) {
                database.close();
                throw refused;
            }
        } catch (RuntimeException refused) {
            // Never leave an embedded PostgreSQL running behind a start that failed.
            if (embedded != null) {
                try {
                    embedded.close();
                } catch (IOException e) {
                    refused.addSuppressed(e);
                }
            }
            throw refused;
        }
    }

    public record Storage(EmbeddedDatabase embedded, Database database) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            database.close();
            if (embedded != null) embedded.close();
        }
    }

    public static Gateway start(Config requested, Clock clock, RandomGenerator random, Optional<TillApi.ResponseObserver> observer) {
        // Links in responses (3-D Secure, hosted pages) need the real port, so port 0 is resolved first.
        Config config = requested.port() == 0 ? requested.withPort(freePort(requested.host())) : requested;
        Storage storage = openStorage(config);
        List<Capability> capabilities = capabilities();
        try {
            return wire(config, clock, random, observer, storage, capabilities);
        } catch (RuntimeException | Error failed) {
            // Never leave writer threads or an embedded PostgreSQL behind a start that failed.
            for (Capability c : capabilities) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    failed.addSuppressed(e);
                }
            }
            try {
                storage.close();
            } catch (IOException | RuntimeException e) {
                failed.addSuppressed(e);
            }
            throw failed;
        }
    }

    /** Everything after the storage: the services, the capabilities, the HTTP server and the jobs. */
    private static Gateway wire(Config config, Clock clock, RandomGenerator random, Optional<TillApi.ResponseObserver> observer,
                                Storage storage, List<Capability> capabilities) {
        Keysets keysets = config.keyset().map(Keysets::parse).orElseGet(() -> Keysets.loadOrCreate(config.resolvedKeysetFile()));
        Ids ids = new Ids(random);
        var jdbi = storage.database().jdbi();
        Merchants merchants = new Merchants(jdbi, ids, clock);
        Events events = new Events(ids, clock, Json.MAPPER);
        Idempotency idempotency = new Idempotency(jdbi, clock, config.idempotencyTtl(), keysets);
        Writes writes = new Writes(idempotency, keysets, new DebitTurns());
        BackgroundJobs jobs = new BackgroundJobs();
        jobs.register("idempotency-purge", Duration.ofHours(1), idempotency::purgeExpired);
        String publicUrl = config.publicUrl().map(u -> u.replaceAll("/+$", ""))
                .orElse("http://localhost:" + config.port());
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);
        Services services = new Services(config, storage.database(), jdbi, ids, clock, keysets, merchants, events, idempotency, writes,
                jobs, Json.MAPPER, publicUrl, new dev.till.core.payments.Receipts(),
                new dev.till.core.payments.RefundCover(), metrics);

        List<Routes.RouteGroup> groups = new ArrayList<>();
        groups.add(new OpsHandlers(storage.database(), metrics));
        groups.add(new DocsHandlers(OpenApiDocument.load()));
        for (Capability c : capabilities) groups.addAll(c.wire(services));

        TillApi api = TillApi.create(new TillApi.Settings(config.host(), config.port(), config.maxBodyBytes()),
                merchants, new RateLimits(new RateLimits.Settings(config.readsPerSecond(), config.writesPerSecond(),
                        config.anonymousPerSecond()), clock), ids, metrics, observer, groups).start();
        if (config.runJobs()) jobs.start();
        return new Gateway(storage.embedded(), storage.database(), services, capabilities, api);
    }

    private static int freePort(String host) {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return api.port();
    }

    /** Requests being handled right now (for tests of graceful shutdown). */
    public int inFlightRequests() {
        return api.inFlight();
    }

    public Services services() {
        return services;
    }

    public List<Routes.Route> routeTable() {
        return api.routeTable();
    }

    public BackgroundJobs jobs() {
        return services.jobs();
    }

    /**
     * Drains in-flight requests, stops what the capabilities run (the payment writers), stops the
     * jobs, then closes the pool and the embedded database.
     */
    @Override
    public void close() {
        api.stop(Duration.ofSeconds(10));
        for (Capability c : capabilities) c.close();
        services.jobs().close();
        database.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
