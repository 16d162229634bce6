package dev.till.http.checkout;

import dev.till.core.merchants.Merchant;
import dev.till.core.merchants.Merchants;
import dev.till.core.orders.OrderView;
import dev.till.core.orders.Orders;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.domain.orders.OrderCommand;
import dev.till.domain.orders.OrderStatus;
import dev.till.http.Access;
import dev.till.http.Routes;
import io.javalin.http.Context;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The hosted payform at {@code /pay/{merchant_id}/{order_id}}. The merchant is part of the path so
 * that every lookup is scoped to a merchant, like every other query; the order ID's 130 random
 * bits make the link unguessable. Pages are HTML, including their errors.
 */
public final class CheckoutHandlers implements Routes.RouteGroup {
    static final String DECLINED = "Your payment was declined. Check the card details, or try another card.";

    private final Orders orders;
    private final Merchants merchants;
    private final Jdbi jdbi;

    public CheckoutHandlers(Orders orders, Merchants merchants, Jdbi jdbi) {
        this.orders = orders;
        this.merchants = merchants;
        this.jdbi = jdbi;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/pay/{merchant_id}/{order_id}", Access.ANYONE, this::show)
              .post("/pay/{merchant_id}/{order_id}/reject", Access.ANYONE, this::reject)
              .get("/checkout/assets/{file}", Access.ANYONE, Assets::serve)
              .get("/checkout/card-fields", Access.ANYONE, CardFieldsPage::serve)
              .get("/js/till.js", Access.ANYONE, ctx -> Assets.send(ctx, "till.js"));
    }

    private void show(Context ctx) {
        Optional<Merchant> merchant = merchants.find(ctx.pathParam("merchant_id"));
        String orderId = ctx.pathParam("order_id");
        Optional<OrderView> view = merchant.flatMap(m -> found(() -> jdbi.inTransaction(tx -> {
            orders.opened(tx, m.merchantId(), orderId);
            return orders.view(tx, m.merchantId(), orderId);
        })));
        if (view.isEmpty()) {
            notFound(ctx);
            return;
        }
        String error = view.get().order().state() == OrderStatus.FAILED ? DECLINED : null;
        page(ctx, merchant.get(), view.get(), error);
    }

    /** "Cancel and return": the order becomes rejected and the customer goes back to the merchant. */
    private void reject(Context ctx) {
        Optional<Merchant> merchant = merchants.find(ctx.pathParam("merchant_id"));
        String orderId = ctx.pathParam("order_id");
        Optional<OrderView> view = merchant.flatMap(m -> found(() -> jdbi.inTransaction(tx -> {
            try {
                orders.act(tx, m.merchantId(), orderId, new OrderCommand.Reject());
            } catch (ProblemException e) {
                if (e.problem().kind() != Problem.Kind.ACTION_NOT_ALLOWED) throw e;
                // already paid, cancelled or rejected: show the customer what it is now
            }
            return orders.view(tx, m.merchantId(), orderId);
        })));
        if (view.isEmpty()) {
            notFound(ctx);
            return;
        }
        var order = view.get().order();
        boolean rejected = order.state() == OrderStatus.REJECTED && order.failureRedirect() != null;
        PageHeaders.payform(ctx, order.successRedirect(), order.inProgressRedirect(), order.failureRedirect());
        ctx.redirect(rejected ? order.failureRedirect() : "/pay/" + order.merchantId() + "/" + order.id(),
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** The payform's headers, for answers that are redirects rather than pages. */
    static void secure(Context ctx, dev.till.core.orders.Order o) {
        PageHeaders.payform(ctx, o.successRedirect(), o.inProgressRedirect(), o.failureRedirect());
    }

    /** Renders the order as it now is: the form while it is payable, else what became of it. */
    static void page(Context ctx, Merchant merchant, OrderView view, String error) {
        var order = view.order();
        PageHeaders.payform(ctx, order.successRedirect(), order.inProgressRedirect(), order.failureRedirect());
        String html = order.state().payable()
                ? PayformPage.render(merchant.name(), order, view.products(), error)
                : PayformPage.outcome(merchant.name(), order, linkBack(order));
        html(ctx, 200, html);
    }

    /** Sends a page; the body is recorded like every JSON body, so the pipeline knows one was sent. */
    static void html(Context ctx, int status, String page) {
        byte[] bytes = page.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ctx.attribute(dev.till.http.Replies.BODY, bytes);
        ctx.status(status).contentType("text/html; charset=utf-8").result(bytes);
    }

    private static String linkBack(dev.till.core.orders.Order o) {
        return switch (o.state()) {
            case PAID, HOLD, RECEIVED -> o.successRedirect();
            case IN_PROGRESS -> o.inProgressRedirect();
            default -> o.failureRedirect();
        };
    }

    private static <T> Optional<T> found(java.util.function.Supplier<T> lookup) {
        try {
            return Optional.of(lookup.get());
        } catch (ProblemException e) {
            if (e.problem().kind() == Problem.Kind.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }

    static void notFound(Context ctx) {
        PageHeaders.payform(ctx);
        html(ctx, 404, PayformPage.notFound());
    }
}
