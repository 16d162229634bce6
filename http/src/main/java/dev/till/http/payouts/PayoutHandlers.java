package dev.till.http.payouts;

import dev.till.core.fx.QuoteRequest;
import dev.till.core.fx.Quotes;
import dev.till.core.payouts.PayoutDraft;
import dev.till.core.payouts.PayoutResult;
import dev.till.core.payouts.Payouts;
import dev.till.domain.Validation;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.util.List;
import java.util.OptionalLong;

/** Native {@code /quotes} and {@code /payouts}: parse, validate, call one use case, render. */
public final class PayoutHandlers implements Routes.RouteGroup {
    private final Quotes quotes;
    private final Payouts payouts;
    private final Writes writes;

    public PayoutHandlers(Quotes quotes, Payouts payouts, Writes writes) {
        this.quotes = quotes;
        this.payouts = payouts;
        this.writes = writes;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/quotes", Access.SECRET_KEY, this::quote)
              .get("/quotes/{id}", Access.SECRET_KEY, this::getQuote)
              .post("/payouts", Access.SECRET_KEY, this::create)
              .get("/payouts/{id}", Access.SECRET_KEY, this::get);
    }

    private void quote(Context ctx) {
        PayoutJson.QuoteRequest req = Requests.body(ctx, PayoutJson.QuoteRequest.class);
        String merchantId = Caller.merchantId(ctx);
        String source = req.sourceCurrency() != null ? req.sourceCurrency() : Caller.of(ctx).merchant().defaultCurrency();
        QuoteRequest q = new QuoteRequest(source, req.currency(), req.country(), optional(req.sourceAmount()), optional(req.targetAmount()));
        writes.run(ctx, tx -> Writes.reply(201, PayoutJson.QuoteResponse.of(quotes.create(tx, merchantId, q))));
    }

    private void getQuote(Context ctx) {
        Replies.json(ctx, 200, PayoutJson.QuoteResponse.of(quotes.get(Caller.merchantId(ctx), ctx.pathParam("id"))));
    }

    /** 201 for a new payout, 200 with the existing one for a known {@code external_ref}, 422 for a failed item. */
    private void create(Context ctx) {
        PayoutJson.PayoutRequest req = Requests.body(ctx, PayoutJson.PayoutRequest.class);
        Validation v = new Validation();
        v.check(req.externalRef() != null && !req.externalRef().isBlank() && req.externalRef().length() <= 255,
                "external_ref_required", "external_ref", "external_ref is required (up to 255 characters).");
        v.check(req.quoteId() != null, "quote_id_required", "quote_id", "quote_id is required.");
        v.throwIfInvalid();
        String merchantId = Caller.merchantId(ctx);
        PayoutDraft draft = new PayoutDraft(req.externalRef(), req.quoteId(),
                req.beneficiary() == null ? null : req.beneficiary().toDomain(), req.reference());
        writes.runDebit(ctx, tx -> switch (payouts.create(tx, merchantId, List.of(draft)).getFirst()) {
            case PayoutResult.Created c -> Writes.reply(201, PayoutJson.PayoutResponse.of(c.payout()));
            case PayoutResult.Existing e -> Writes.reply(200, PayoutJson.PayoutResponse.of(e.payout()));
            case PayoutResult.Rejected r -> throw r.problem().toException();
        });
    }

    private void get(Context ctx) {
        Replies.json(ctx, 200, PayoutJson.PayoutResponse.of(payouts.get(Caller.merchantId(ctx), ctx.pathParam("id"))));
    }

    static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
