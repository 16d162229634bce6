package dev.till.http.orders;

import dev.till.core.orders.OrderDraft;
import dev.till.core.orders.OrderFilter;
import dev.till.core.orders.Orders;
import dev.till.core.paging.Cursor;
import dev.till.domain.Problem;
import dev.till.domain.orders.OrderCommand;
import dev.till.domain.orders.OrderStatus;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The native orders API (seed 001): parse, validate, call one use case, render the chosen view. */
public final class OrderHandlers implements Routes.RouteGroup {
    private final Orders orders;
    private final Writes writes;
    private final OrderViews views;
    private final Clock clock;

    public OrderHandlers(Orders orders, Writes writes, OrderViews views, Clock clock) {
        this.orders = orders;
        this.writes = writes;
        this.views = views;
        this.clock = clock;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/orders", Access.SECRET_KEY, this::create)
              .get("/orders", Access.SECRET_KEY, this::list)
              .get("/orders/{id}", Access.SECRET_KEY, this::get)
              .post("/orders/{id}/cancel", Access.SECRET_KEY, ctx -> act(ctx, new OrderCommand.Cancel()))
              .post("/orders/{id}/receive", Access.SECRET_KEY, ctx -> act(ctx, new OrderCommand.Receive()))
              .post("/orders/{id}/test-dispute", Access.SECRET_KEY, this::dispute)
              .get("/order-settings", Access.SECRET_KEY, this::settings)
              .put("/order-settings", Access.SECRET_KEY, this::saveSettings);
    }

    private void create(Context ctx) {
        OrderViews.Type type = OrderViews.type(ctx);
        OrderJson.Request req = Requests.body(ctx, OrderJson.Request.class);
        String merchantId = Caller.merchantId(ctx);
        OrderDraft draft = OrderRequests.draft(req, clock, Caller.of(ctx).merchant().defaultCurrency());
        writes.run(ctx, tx -> {
            var order = orders.create(tx, merchantId, draft);
            return Writes.reply(201, views.render(orders.view(tx, merchantId, order.id()), type));
        });
    }

    private void get(Context ctx) {
        OrderViews.Type type = OrderViews.type(ctx);
        Replies.json(ctx, 200, views.render(orders.view(Caller.merchantId(ctx), ctx.pathParam("id")), type));
    }

    private void act(Context ctx, OrderCommand command) {
        OrderViews.Type type = OrderViews.type(ctx);
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> {
            orders.act(tx, merchantId, id, command);
            return Writes.reply(200, views.render(orders.view(tx, merchantId, id), type));
        });
    }

    private void dispute(Context ctx) {
        OrderJson.DisputeRequest req = Requests.body(ctx, OrderJson.DisputeRequest.class);
        OrderStatus stage = OrderStatus.fromWire(req.stage() == null ? "" : req.stage()).filter(OrderStatus::dispute)
                .orElseThrow(() -> OrderRequests.badRequest(Problem.invalid("stage_invalid", "stage",
                        "stage must be a dispute status such as retrieval or chargeback.")));
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> {
            orders.dispute(tx, merchantId, id, stage);
            return Writes.reply(200, views.render(orders.view(tx, merchantId, id), OrderViews.Type.STANDARD));
        });
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        OrderViews.Type type = OrderViews.type(ctx);
        String merchantId = Caller.merchantId(ctx);
        String status = Requests.query(ctx, "status").orElse(null);
        if (status != null && OrderStatus.fromWire(status).isEmpty()) {
            throw OrderRequests.badRequest(Problem.invalid("status_invalid", "status", "status must be an order status such as paid."));
        }
        OrderFilter filter = new OrderFilter(status, Requests.query(ctx, "reference").orElse(null),
                Requests.query(ctx, "client_email").orElse(null), instant(ctx, "created_from"), instant(ctx, "created_to"));
        var page = orders.list(merchantId, filter, Cursor.decodeOrStart(Requests.query(ctx, "cursor")), limit)
                .map(o -> views.render(orders.view(merchantId, o.id()), type));
        Replies.json(ctx, 200, new OrderJson.ListResponse(page.data(), page.hasMore(), page.nextCursor()));
    }

    private void settings(Context ctx) {
        var s = orders.settingsOf(Caller.merchantId(ctx));
        Replies.json(ctx, 200, new OrderJson.Settings(s.successRedirect(), s.inProgressRedirect(), s.failureRedirect(), s.expireOnDueDate()));
    }

    private void saveSettings(Context ctx) {
        var wanted = OrderRequests.settings(Requests.body(ctx, OrderJson.Settings.class));
        String merchantId = Caller.merchantId(ctx);
        writes.run(ctx, tx -> {
            var s = orders.saveSettings(tx, merchantId, wanted);
            return Writes.reply(200, new OrderJson.Settings(s.successRedirect(), s.inProgressRedirect(), s.failureRedirect(), s.expireOnDueDate()));
        });
    }

    private static Instant instant(Context ctx, String name) {
        var raw = Requests.query(ctx, name);
        if (raw.isEmpty()) return null;
        try {
            return OffsetDateTime.parse(raw.get()).toInstant();
        } catch (DateTimeParseException e) {
            throw OrderRequests.badRequest(Problem.invalid(name + "_invalid", name, name + " must be an ISO-8601 date-time with an offset."));
        }
    }
}
