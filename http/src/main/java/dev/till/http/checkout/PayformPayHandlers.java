package dev.till.http.checkout;

import dev.till.core.merchants.Merchant;
import dev.till.core.merchants.Merchants;
import dev.till.core.orders.Order;
import dev.till.core.orders.OrderPayments;
import dev.till.core.orders.Orders;
import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentSource;
import dev.till.core.vault.CardInput;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.domain.orders.OrderStatus;
import dev.till.http.Access;
import dev.till.http.RateLimits;
import dev.till.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Paying on the payform. The card form posts here (Till's own origin: the PAN never goes
 * elsewhere). Approved: on to {@code success_redirect}. A 3-D Secure challenge: on to the challenge
 * page, which comes back to {@code …/return}. Declined while attempts remain: the form again, with
 * the reason announced. No longer payable: {@code failure_redirect}.
 */
public final class PayformPayHandlers implements Routes.RouteGroup {
    private final Orders orders;
    private final OrderPayments payments;
    private final Merchants merchants;
    private final Jdbi jdbi;
    private final String publicUrl;
    private final RateLimits rateLimits;

    /**
     * @param rateLimits card posts need no key, so they are limited per client address (the
     *                   anonymous limit): a payform must not become a card-testing oracle
     */
    public PayformPayHandlers(Orders orders, OrderPayments payments, Merchants merchants, Jdbi jdbi, String publicUrl,
                              RateLimits rateLimits) {
        this.orders = orders;
        this.payments = payments;
        this.merchants = merchants;
        this.jdbi = jdbi;
        this.publicUrl = publicUrl;
        this.rateLimits = rateLimits;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/pay/{merchant_id}/{order_id}", Access.ANYONE, this::pay)
              .get("/pay/{merchant_id}/{order_id}/return", Access.ANYONE, this::returned);
    }

    private void pay(Context ctx) {
        long wait = rateLimits.secondsToWaitAnonymous(ctx.ip());
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            PageHeaders.payform(ctx);
            CheckoutHandlers.html(ctx, 429, PayformPage.tooManyAttempts());
            return;
        }
        Optional<Merchant> merchant = merchants.find(ctx.pathParam("merchant_id"));
        if (merchant.isEmpty()) {
            CheckoutHandlers.notFound(ctx);
            return;
        }
        String merchantId = merchant.get().merchantId();
        String orderId = ctx.pathParam("order_id");
        CardInput card = card(ctx);
        Payment payment;
        try {
            payment = jdbi.inTransaction(tx -> payments.pay(tx, merchantId, orderId, new PaymentSource.NewCard(card)).paymentRow());
        } catch (ProblemException e) {
            switch (e.problem().kind()) {
                case NOT_FOUND -> CheckoutHandlers.notFound(ctx);
                case INVALID, MALFORMED -> show(ctx, merchant.get(), orderId, 422, "Check the card details: " + e.problem().message());
                default -> show(ctx, merchant.get(), orderId, 200, null); // no longer payable: the page says why
            }
            return;
        }
        if ("challenge".equals(payment.awaiting())) {
            CheckoutHandlers.secure(ctx, orders.view(merchantId, orderId).order());
            ctx.redirect(publicUrl + "/3ds/" + merchantId + "/" + payment.challengeId(), HttpStatus.SEE_OTHER);
            return;
        }
        follow(ctx, merchant.get(), orderId);
    }

    /** Back from 3-D Secure: the listener has already moved the order. */
    private void returned(Context ctx) {
        Optional<Merchant> merchant = merchants.find(ctx.pathParam("merchant_id"));
        if (merchant.isEmpty()) {
            CheckoutHandlers.notFound(ctx);
            return;
        }
        try {
            follow(ctx, merchant.get(), ctx.pathParam("order_id"));
        } catch (ProblemException e) {
            if (e.problem().kind() != Problem.Kind.NOT_FOUND) throw e;
            CheckoutHandlers.notFound(ctx);
        }
    }

    /** Sends the customer where the order's status says, or shows the form again after a decline. */
    private void follow(Context ctx, Merchant merchant, String orderId) {
        var view = orders.view(merchant.merchantId(), orderId);
        Order o = view.order();
        String target = switch (o.state()) {
            case PAID, HOLD -> o.successRedirect();
            case IN_PROGRESS -> o.inProgressRedirect();
            case FAILED -> null;
            default -> o.failureRedirect();
        };
        if (target != null) {
            CheckoutHandlers.secure(ctx, o);
            ctx.redirect(target, HttpStatus.SEE_OTHER);
            return;
        }
        CheckoutHandlers.page(ctx, merchant, view, o.state() == OrderStatus.FAILED ? CheckoutHandlers.DECLINED : null);
    }

    private void show(Context ctx, Merchant merchant, String orderId, int status, String error) {
        CheckoutHandlers.page(ctx, merchant, orders.view(merchant.merchantId(), orderId), error);
        ctx.status(status);
    }

    /** The form's fields; their checks are the vault's, so the payform and the API refuse the same cards. */
    private static CardInput card(Context ctx) {
        String number = ctx.formParam("number") == null ? "" : ctx.formParam("number").replaceAll("[\\s-]", "");
        String expiry = ctx.formParam("expiry") == null ? "" : ctx.formParam("expiry").trim();
        Integer month = null;
        Integer year = null;
        var m = java.util.regex.Pattern.compile("^(\\d{1,2})\\s*/\\s*(\\d{2}|\\d{4})$").matcher(expiry);
        if (m.matches()) {
            month = Integer.parseInt(m.group(1));
            year = Integer.parseInt(m.group(2));
            if (year < 100) year += 2000;
        }
        String name = ctx.formParam("name");
        return new CardInput(number, month, year, ctx.formParam("cvv"), name == null || name.isBlank() ? null : name, null, null);
    }
}
