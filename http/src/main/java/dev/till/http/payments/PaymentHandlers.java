package dev.till.http.payments;

import dev.till.core.idempotency.StoredResponse;
import dev.till.core.payments.ActionResult;
import dev.till.core.payments.PaymentGroups;
import dev.till.core.payments.PaymentRequest;
import dev.till.core.payments.Payments;
import dev.till.core.payments.Receipts;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Problem;
import dev.till.domain.Validation;
import dev.till.domain.payments.PaymentStatus;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Validate;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/** Checkout.com's {@code /payments} API: parse, validate, call one use case, render. */
public final class PaymentHandlers implements Routes.RouteGroup {
    private final Payments payments;
    private final PaymentGroups groups;
    private final Writes writes;
    private final String baseUrl;

    private final Receipts receipts;

    public PaymentHandlers(Payments payments, PaymentGroups groups, Writes writes, String baseUrl, Receipts receipts) {
        this.payments = payments;
        this.groups = groups;
        this.writes = writes;
        this.baseUrl = baseUrl;
        this.receipts = receipts;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/payments", Access.SECRET_KEY, this::create)
              .get("/payments", Access.SECRET_KEY, this::list)
              .get("/payments/{id}", Access.SECRET_KEY, this::get)
              .get("/payments/{id}/actions", Access.SECRET_KEY, this::actions)
              .post("/payments/{id}/captures", Access.SECRET_KEY, this::capture)
              .post("/payments/{id}/voids", Access.SECRET_KEY, this::voidPayment)
              .post("/payments/{id}/refunds", Access.SECRET_KEY, this::refund);
    }

    /** Concurrent requests are written together ({@link PaymentGroups}); each gets its own answer. */
    private void create(Context ctx) {
        PaymentRequest req = PaymentRequests.translate(Requests.body(ctx, PaymentJson.Request.class));
        Writes.send(ctx, groups.authorize(new PaymentGroups.Authorize(writes.key(ctx), Caller.merchantId(ctx), req, view -> {
            // 201: processed, approved or declined alike; 202: more to do (3-D Secure, or a reply still owed).
            int status = view.payment().state() == PaymentStatus.PENDING ? 202 : 201;
            return Writes.reply(status, PaymentJson.Response.of(view, baseUrl));
        })));
    }

    private void get(Context ctx) {
        Replies.json(ctx, 200, PaymentJson.Response.of(payments.get(Caller.merchantId(ctx), ctx.pathParam("id")), baseUrl));
    }

    /** A bare JSON array: Checkout.com's SDK silently reads an object as an empty list. */
    private void actions(Context ctx) {
        Replies.json(ctx, 200, payments.actions(Caller.merchantId(ctx), ctx.pathParam("id")).stream().map(PaymentJson.Action::of).toList());
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        int skip = skip(ctx);
        var page = payments.list(Caller.merchantId(ctx), Requests.query(ctx, "reference"), limit, skip);
        Replies.json(ctx, 200, new PaymentJson.ListResponse(limit, skip, page.totalCount(),
                page.data().stream().map(v -> PaymentJson.Response.of(v, baseUrl)).toList()));
    }

    /** Concurrent captures are written together ({@link PaymentGroups}). */
    private void capture(Context ctx) {
        PaymentJson.ActionRequest req = action(ctx);
        String captureType = req.captureType() == null ? "Final" : req.captureType();
        if (!captureType.equals("Final") && !captureType.equals("NonFinal")) {
            throw Problem.invalid("capture_type_invalid", "capture_type", "capture_type must be Final or NonFinal.").toException();
        }
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        Writes.send(ctx, groups.capture(new PaymentGroups.Capture(writes.key(ctx), merchantId, id, Optional.ofNullable(req.amount()),
                lastDigit(req.amount()), captureType.equals("Final"), req.reference(), Validate.text(req.metadata()),
                (tx, r) -> captureAccepted(tx, merchantId, id, r))));
    }

    /** Payer's capture answer: with the receipt view when the payment belongs to an order, else null. */
    private StoredResponse captureAccepted(Handle tx, String merchantId, String id, ActionResult r) {
        var links = new PaymentJson.CaptureLinks(new PaymentJson.Link(baseUrl + "/payments/" + id),
                receipts.forPayment(tx, r.payment().payment()).map(PaymentJson.Link::new).orElse(null));
        return Writes.reply(202, new PaymentJson.CaptureAccepted(r.actionId(), r.reference(), links));
    }

    private void voidPayment(Context ctx) {
        PaymentJson.ActionRequest req = action(ctx);
        writes.run(ctx, accepted(ctx, (tx, merchantId, id) -> payments.voidPayment(tx, merchantId, id, req.reference(),
                Validate.text(req.metadata()))));
    }

    /** Concurrent refunds are written together ({@link PaymentGroups#refund}). */
    private void refund(Context ctx) {
        PaymentJson.ActionRequest req = action(ctx);
        String id = ctx.pathParam("id");
        Writes.send(ctx, groups.refund(new PaymentGroups.Refund(writes.key(ctx), Caller.merchantId(ctx), id,
                Optional.ofNullable(req.amount()), lastDigit(req.amount()), req.reference(), Validate.text(req.metadata()),
                (tx, r) -> accepted(id, r))));
    }

    /**
     * The payment request's last-digit rule ({@link PaymentRequests#lastDigit}) for a capture or
     * refund amount, which needs the payment's currency: the group applies it once it has read the
     * payment. Without an amount the move takes what is left of an amount that already kept to it.
     */
    private static PaymentGroups.AmountRule lastDigit(Long amount) {
        return currency -> {
            if (amount == null) return;
            Validation v = new Validation();
            PaymentRequests.lastDigit(v, CurrencyCode.of(currency), amount);
            v.throwIfInvalid();
        };
    }

    private interface Move {
        ActionResult apply(Handle tx, String merchantId, String paymentId);
    }

    /** A void's or refund's work: the move, answered 202 with the payment's link. */
    private Function<Handle, StoredResponse> accepted(Context ctx, Move move) {
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        return tx -> accepted(id, move.apply(tx, merchantId, id));
    }

    private StoredResponse accepted(String paymentId, ActionResult r) {
        return Writes.reply(202, new PaymentJson.Accepted(r.actionId(), r.reference(),
                Map.of("payment", new PaymentJson.Link(baseUrl + "/payments/" + paymentId))));
    }

    /** An empty body (Content-Length 0, no Content-Type) reads as {}: the full or remaining amount. */
    private static PaymentJson.ActionRequest action(Context ctx) {
        PaymentJson.ActionRequest req = Requests.body(ctx, PaymentJson.ActionRequest.class);
        Validation v = new Validation();
        if (req.amount() != null) v.check(req.amount() > 0, "amount_invalid", "amount", "amount must be positive, in minor units.");
        Validate.amountCeiling(v, req.amount(), "amount");
        if (req.reference() != null) v.check(req.reference().length() <= 80, "reference_invalid", "reference", "reference may be at most 80 characters.");
        Validate.metadata(v, req.metadata());
        v.throwIfInvalid();
        return req;
    }

    private static int skip(Context ctx) {
        String raw = ctx.queryParam("skip");
        if (raw == null) return 0;
        try {
            int skip = Integer.parseInt(raw);
            if (skip >= 0) return skip;
        } catch (NumberFormatException ignored) {
            // falls through to the same answer as a negative number
        }
        throw Problem.invalid("skip_invalid", "skip", "skip must be a whole number, 0 or more.").toException();
    }
}
