package dev.till.http.webhooks;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.till.core.paging.Cursor;
import dev.till.core.webhooks.EventLog;
import dev.till.core.webhooks.NewSecret;
import dev.till.core.webhooks.WebhookEndpoint;
import dev.till.core.webhooks.WebhookEndpoints;
import dev.till.domain.Problem;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Json;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /webhooks}: the merchant's endpoints, their secrets and their delivery logs. */
public final class WebhookHandlers implements Routes.RouteGroup {
    private static final Set<String> STATUSES = Set.of("pending", "succeeded", "failed");

    private final WebhookEndpoints endpoints;
    private final EventLog eventLog;
    private final Writes writes;

    public WebhookHandlers(WebhookEndpoints endpoints, EventLog eventLog, Writes writes) {
        this.endpoints = endpoints;
        this.eventLog = eventLog;
        this.writes = writes;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/webhooks", Access.SECRET_KEY, this::create)
              .get("/webhooks", Access.SECRET_KEY, this::list)
              .get("/webhooks/{id}", Access.SECRET_KEY, this::get)
              .patch("/webhooks/{id}", Access.SECRET_KEY, this::update)
              .delete("/webhooks/{id}", Access.SECRET_KEY, this::delete)
              .post("/webhooks/{id}/rotate-secret", Access.SECRET_KEY, this::rotate)
              .get("/webhooks/{id}/deliveries", Access.SECRET_KEY, this::deliveries);
    }

    private void create(Context ctx) {
        WebhookJson.Request req = Requests.body(ctx, WebhookJson.Request.class);
        var draft = EndpointValidation.draft(req.url(), req.eventTypes(), req.active(), req.headers(), true);
        var merchant = Caller.of(ctx).merchant();
        writes.run(ctx, tx -> Writes.reply(201, render(endpoints.create(tx, merchant, draft))));
    }

    private void get(Context ctx) {
        Replies.json(ctx, 200, render(endpoints.get(Caller.merchantId(ctx), ctx.pathParam("id")), null));
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        var page = endpoints.list(Caller.merchantId(ctx), Cursor.decodeOrStart(Requests.query(ctx, "cursor")), limit)
                .map(e -> render(e, null));
        Replies.json(ctx, 200, new WebhookJson.ListResponse(page.data(), page.hasMore(), page.nextCursor()));
    }

    private void update(Context ctx) {
        WebhookJson.Request req = Requests.body(ctx, WebhookJson.Request.class);
        var draft = EndpointValidation.draft(req.url(), req.eventTypes(), req.active(), req.headers(), false);
        var merchant = Caller.of(ctx).merchant();
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> Writes.reply(200, render(endpoints.update(tx, merchant, id, draft), null)));
    }

    private void delete(Context ctx) {
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> {
            endpoints.delete(tx, merchantId, id);
            return Writes.reply(204, null);
        });
    }

    private void rotate(Context ctx) {
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> Writes.reply(200, render(endpoints.rotateSecret(tx, merchantId, id))));
    }

    private void deliveries(Context ctx) {
        int limit = Requests.limit(ctx);
        Optional<String> status = Requests.query(ctx, "status");
        if (status.isPresent() && !STATUSES.contains(status.get())) {
            throw Problem.invalid("status_invalid", "status", "status is pending, succeeded or failed.").toException();
        }
        var page = eventLog.endpointLog(Caller.merchantId(ctx), ctx.pathParam("id"), status,
                Requests.query(ctx, "event_type"), Cursor.decodeOrStart(Requests.query(ctx, "cursor")), limit)
                .map(EventJson.DeliveryResponse::of);
        Replies.json(ctx, 200, new EventJson.DeliveryList(page.data(), page.hasMore(), page.nextCursor()));
    }

    WebhookJson.Response render(NewSecret created) {
        return render(created.endpoint(), created.secret());
    }

    WebhookJson.Response render(WebhookEndpoint e, String secret) {
        return WebhookJson.Response.of(e, endpoints.eventTypes(e), headers(e), secret);
    }

    private static Map<String, String> headers(WebhookEndpoint e) {
        try {
            return Json.MAPPER.readValue(e.headers(), new TypeReference<Map<String, String>>() {});
        } catch (Exception bad) {
            throw new IllegalStateException("stored headers are not a JSON object", bad);
        }
    }
}
