package dev.till.http.dialects.payouts;

import dev.till.core.webhooks.WebhookEndpoints;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import dev.till.http.webhooks.EndpointValidation;
import io.javalin.http.Context;
import java.util.List;

/**
 * Seed 003's {@code POST /api/v1/payments/subscribe}: registers a webhook endpoint for payment
 * events. A translation onto the native endpoints use case, with the same signing, retries for up
 * to 7 days and 200 as the expected answer.
 */
public final class SubscribeHandlers implements Routes.RouteGroup {
    static final List<String> PAYMENT_EVENTS = List.of("payment_*");

    private final WebhookEndpoints endpoints;
    private final Writes writes;

    public SubscribeHandlers(WebhookEndpoints endpoints, Writes writes) {
        this.endpoints = endpoints;
        this.writes = writes;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/api/v1/payments/subscribe", Access.SECRET_KEY, this::subscribe);
    }

    private void subscribe(Context ctx) {
        SubscribeJson.Request req = Requests.body(ctx, SubscribeJson.Request.class);
        List<String> types = req.eventTypes() == null || req.eventTypes().isEmpty() ? PAYMENT_EVENTS : req.eventTypes();
        var draft = EndpointValidation.draft(req.url(), types, true, null, true);
        var merchant = Caller.of(ctx).merchant();
        writes.run(ctx, tx -> {
            var created = endpoints.create(tx, merchant, draft);
            var e = created.endpoint();
            return Writes.reply(201, new SubscribeJson.Response(e.id(), e.url(), endpoints.eventTypes(e), e.active(),
                    created.secret(), e.createdOn().toString()));
        });
    }
}
