package dev.till.http.ops;

import dev.till.core.storage.Database;
import dev.till.http.Access;
import dev.till.http.Replies;
import dev.till.http.Routes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;

/** Liveness, readiness (which asks the database) and Prometheus metrics. */
public final class OpsHandlers implements Routes.RouteGroup {
    private final Database database;
    private final PrometheusMeterRegistry registry;

    public OpsHandlers(Database database, PrometheusMeterRegistry registry) {
        this.database = database;
        this.registry = registry;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/health/live", Access.ANYONE, ctx -> Replies.json(ctx, 200, Map.of("status", "ok")))
              .get("/health/ready", Access.ANYONE, ctx -> {
                  boolean db = database.ping();
                  Replies.json(ctx, db ? 200 : 503, Map.of("status", db ? "ok" : "unavailable", "database", db ? "ok" : "unreachable"));
              })
              .get("/metrics", Access.ANYONE, ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape()));
    }
}
