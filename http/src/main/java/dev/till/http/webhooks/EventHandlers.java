package dev.till.http.webhooks;

import dev.till.core.paging.Cursor;
import dev.till.core.webhooks.EventLog;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.util.Optional;

/** {@code /events}: the outbox as the merchant sees it, each event's deliveries, and resend. */
public final class EventHandlers implements Routes.RouteGroup {
    private final EventLog eventLog;
    private final Writes writes;
    private final String publicUrl;

    public EventHandlers(EventLog eventLog, Writes writes, String publicUrl) {
        this.eventLog = eventLog;
        this.writes = writes;
        this.publicUrl = publicUrl;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/events", Access.SECRET_KEY, this::list)
              .get("/events/{id}", Access.SECRET_KEY, this::get)
              .get("/events/{id}/deliveries", Access.SECRET_KEY, this::deliveries)
              .post("/events/{id}/resend", Access.SECRET_KEY, this::resend);
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        var page = eventLog.list(Caller.merchantId(ctx), Requests.query(ctx, "type"), Requests.query(ctx, "object_id"),
                Cursor.decodeOrStart(Requests.query(ctx, "cursor")), limit).map(e -> EventJson.Response.of(e, publicUrl));
        Replies.json(ctx, 200, new EventJson.ListResponse(page.data(), page.hasMore(), page.nextCursor()));
    }

    private void get(Context ctx) {
        Replies.json(ctx, 200, EventJson.Response.of(eventLog.get(Caller.merchantId(ctx), ctx.pathParam("id")), publicUrl));
    }

    private void deliveries(Context ctx) {
        var data = eventLog.deliveries(Caller.merchantId(ctx), ctx.pathParam("id")).stream()
                .map(EventJson.DeliveryResponse::of).toList();
        Replies.json(ctx, 200, new EventJson.DeliveryList(data, false, null));
    }

    private void resend(Context ctx) {
        EventJson.ResendRequest req = Requests.body(ctx, EventJson.ResendRequest.class);
        String merchantId = Caller.merchantId(ctx);
        String eventId = ctx.pathParam("id");
        writes.run(ctx, tx -> {
            var deliveries = eventLog.resend(tx, merchantId, eventId, Optional.ofNullable(req.endpointId()))
                    .stream().map(d -> EventJson.DeliveryResponse.of(d, null)).toList();
            return Writes.reply(202, new EventJson.ResendResponse(eventId, deliveries));
        });
    }
}
