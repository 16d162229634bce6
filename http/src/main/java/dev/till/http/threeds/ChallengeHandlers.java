package dev.till.http.threeds;

import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentView;
import dev.till.core.payments.Payments;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Problem;
import dev.till.domain.payments.PaymentStatus;
import dev.till.http.Access;
import dev.till.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The hosted 3-D Secure challenge: the simulated issuer's access control server. A plain
 * server-rendered page with one same-origin form; no script, no external resource, a strict CSP
 * and {@code no-store}. The challenge id in the URL is unguessable (130 random bits). The page
 * waits for the cardholder up to {@link Payments#CHALLENGE_TIMEOUT}; after that it says the time
 * ran out, and a submit declines the payment as the expiry job does (or, once declined, changes
 * nothing).
 */
public final class ChallengeHandlers implements Routes.RouteGroup {
    private final Payments payments;

    public ChallengeHandlers(Payments payments) {
        this.payments = payments;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/3ds/challenge.css", Access.ANYONE, this::css)
              .get("/3ds/{merchantId}/{challengeId}", Access.ANYONE, this::show)
              .post("/3ds/{merchantId}/{challengeId}", Access.ANYONE, this::submit);
    }

    private void show(Context ctx) {
        PaymentView view = payments.challenge(ctx.pathParam("merchantId"), ctx.pathParam("challengeId"))
                .orElseThrow(() -> Problem.notFound("challenge", ctx.pathParam("challengeId")).toException());
        Payment p = view.payment();
        if (!"challenge".equals(p.awaiting()) || payments.challengeExpired(p)) {
            // An expired challenge the job has not reached yet shows as expired too; only a submit
            // (below) or the job declines it, never this GET.
            html(ctx, 200, outcome(p));
            return;
        }
        String amount = CurrencyCode.parse(p.currency()).map(c -> c.format(p.amount())).orElse(p.amount() + " " + p.currency());
        String card = view.source() == null ? "your card" : view.source().scheme() + " ending " + view.source().last4();
        html(ctx, 200, Pages.challenge(amount, card));
    }

    private void submit(Context ctx) {
        boolean passed = "pass".equals(ctx.formParam("outcome"));
        PaymentView view = payments.completeChallenge(ctx.pathParam("merchantId"), ctx.pathParam("challengeId"), passed);
        Payment p = view.payment();
        String target = p.state() == PaymentStatus.DECLINED ? p.failureUrl() : p.successUrl();
        secure(ctx);
        if (target == null) {
            html(ctx, 200, outcome(p));
            return;
        }
        String separator = target.contains("?") ? "&" : "?";
        ctx.redirect(target + separator + "cko-payment-id=" + URLEncoder.encode(p.id(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
    }

    private String outcome(Payment p) {
        boolean expired = payments.challengeExpired(p) || Payments.CHALLENGE_EXPIRED_CODE.equals(p.responseCode());
        return expired ? Pages.expired() : Pages.finished(p.state());
    }

    private void css(Context ctx) {
        secure(ctx);
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType("text/css").result(Pages.CSS);
    }

    private static void html(Context ctx, int status, String body) {
        secure(ctx);
        ctx.status(status).html(body);
    }

    private static void secure(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }
}
