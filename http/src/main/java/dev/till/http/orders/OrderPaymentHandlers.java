package dev.till.http.orders;

import dev.till.core.idempotency.StoredResponse;
import dev.till.core.orders.OrderPayments;
import dev.till.core.orders.Orders;
import dev.till.domain.Money;
import dev.till.domain.Problem;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/** The merchant's money actions on an order: capture or void held funds, refund all or part. */
public final class OrderPaymentHandlers implements Routes.RouteGroup {
    private final Orders orders;
    private final OrderPayments payments;
    private final Writes writes;
    private final OrderViews views;

    public OrderPaymentHandlers(Orders orders, OrderPayments payments, Writes writes, OrderViews views) {
        this.orders = orders;
        this.payments = payments;
        this.writes = writes;
        this.views = views;
    }

    public record RefundRequest(Long amount) {}

    @Override
    public void register(Routes routes) {
        routes.post("/orders/{id}/capture", Access.SECRET_KEY, ctx -> run(ctx, (tx, id) -> payments.capture(tx, Caller.merchantId(ctx), id)))
              .post("/orders/{id}/void", Access.SECRET_KEY, ctx -> run(ctx, (tx, id) -> payments.voidHold(tx, Caller.merchantId(ctx), id)))
              .post("/orders/{id}/refunds", Access.SECRET_KEY, this::refund);
    }

    private void refund(Context ctx) {
        RefundRequest req = Requests.body(ctx, RefundRequest.class);
        if (req.amount() != null && (req.amount() <= 0 || req.amount() > Money.MAX_MINOR)) {
            throw OrderRequests.badRequest(Problem.invalid("refund_amount_invalid", "amount",
                    "amount must be a positive number of minor units, at most " + Money.MAX_MINOR + "."));
        }
        writes.runDebit(ctx, viewAfter(ctx, (tx, id) -> payments.refund(tx, Caller.merchantId(ctx), id, Optional.ofNullable(req.amount()))));
    }

    private void run(Context ctx, BiFunction<Handle, String, ?> action) {
        writes.run(ctx, viewAfter(ctx, action));
    }

    /** An order action's work: the action, answered with the order's view as the request asked for it. */
    private Function<Handle, StoredResponse> viewAfter(Context ctx, BiFunction<Handle, String, ?> action) {
        OrderViews.Type type = OrderViews.type(ctx);
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        return tx -> {
            action.apply(tx, id);
            return Writes.reply(200, views.render(orders.view(tx, merchantId, id), type));
        };
    }
}
