package dev.till.http.dialects.payouts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.till.core.fx.QuoteRequest;
import dev.till.core.fx.Quotes;
import dev.till.core.idempotency.StoredResponse;
import dev.till.core.payouts.Payout;
import dev.till.core.payouts.PayoutDraft;
import dev.till.core.payouts.PayoutResult;
import dev.till.core.payouts.Payouts;
import dev.till.domain.Problem;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Json;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Writes;
import dev.till.processor.payouts.Beneficiary;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Seed 003's Payments API ({@code /api/v1/payments…}), translated onto the same quote and payout
 * use cases as the native API. Errors keep Till's one error shape. {@code POST
 * /api/v1/payments/subscribe} belongs to the webhooks capability.
 */
public final class PaymentsApiHandlers implements Routes.RouteGroup {
    static final int MAX_BATCH = 100;

    private final Quotes quotes;
    private final Payouts payouts;
    private final Writes writes;

    public PaymentsApiHandlers(Quotes quotes, Payouts payouts, Writes writes) {
        this.quotes = quotes;
        this.payouts = payouts;
        this.writes = writes;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/api/v1/payments/quote", Access.SECRET_KEY, this::quote)
              .post("/api/v1/payments", Access.SECRET_KEY, this::create)
              .get("/api/v1/payments/{id}", Access.SECRET_KEY, this::get);
    }

    private void quote(Context ctx) {
        var req = CamelJson.read(Requests.body(ctx, JsonNode.class), PaymentsApiJson.QuoteRequest.class, "body");
        String merchantId = Caller.merchantId(ctx);
        String source = req.sourceCurrency() != null ? req.sourceCurrency() : Caller.of(ctx).merchant().defaultCurrency();
        QuoteRequest q = new QuoteRequest(source, req.currency(), req.country(), optional(req.sourceAmount()), optional(req.targetAmount()));
        writes.run(ctx, tx -> StoredResponse.of(201, CamelJson.bytes(PaymentsApiJson.PaymentQuote.of(quotes.create(tx, merchantId, q)))));
    }

    /** Accepts CreatePaymentsRequest as a bare array or as {@code {"payments": [...]}}; always 200 with per-item results. */
    private void create(Context ctx) {
        JsonNode body = Requests.body(ctx, JsonNode.class);
        JsonNode items = body.isArray() ? body : body.path("payments");
        if (!items.isArray() || items.isEmpty() || items.size() > MAX_BATCH) {
            throw Problem.invalid("payments_required", "payments",
                    "Send 1 to " + MAX_BATCH + " payments, as an array or as {\"payments\": [...]}.").toException();
        }
        List<PaymentsApiJson.PaymentRequest> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            requests.add(CamelJson.read(items.get(i), PaymentsApiJson.PaymentRequest.class, "payments[" + i + "]"));
        }
        String merchantId = Caller.merchantId(ctx);
        writes.runDebit(ctx, tx -> {
            List<PaymentsApiJson.ItemResult> out = new ArrayList<>();
            List<PayoutDraft> valid = new ArrayList<>();
            List<Integer> validAt = new ArrayList<>();
            for (var r : requests) {
                Problem missing = missing(r);
                out.add(missing == null ? null : new PaymentsApiJson.ItemResult(r.externalRef(), "rejected", null,
                        PaymentsApiJson.ItemError.of(missing)));
                if (missing == null) {
                    validAt.add(out.size() - 1);
                    valid.add(new PayoutDraft(r.externalRef(), r.quoteId(),
                            r.beneficiary() == null ? null : r.beneficiary().toDomain(), r.reference()));
                }
            }
            List<PayoutResult> results = payouts.create(tx, merchantId, valid);
            for (int i = 0; i < results.size(); i++) out.set(validAt.get(i), item(results.get(i)));
            return StoredResponse.of(200, CamelJson.bytes(new PaymentsApiJson.CreatePaymentsResponse(out)));
        });
    }

    private void get(Context ctx) {
        Payout p = payouts.get(Caller.merchantId(ctx), ctx.pathParam("id"));
        Replies.bytes(ctx, 200, CamelJson.bytes(payment(p)));
    }

    private static PaymentsApiJson.ItemResult item(PayoutResult r) {
        return switch (r) {
            case PayoutResult.Created c -> new PaymentsApiJson.ItemResult(r.externalRef(), "created", payment(c.payout()), null);
            case PayoutResult.Existing e -> new PaymentsApiJson.ItemResult(r.externalRef(), "existing", payment(e.payout()), null);
            case PayoutResult.Rejected x -> new PaymentsApiJson.ItemResult(r.externalRef(), "rejected", null,
                    PaymentsApiJson.ItemError.of(x.problem()));
        };
    }

    private static Problem missing(PaymentsApiJson.PaymentRequest r) {
        if (r.externalRef() == null || r.externalRef().isBlank() || r.externalRef().length() > 255) {
            return Problem.invalid("external_ref_required", "externalRef", "externalRef is required (up to 255 characters).");
        }
        if (r.quoteId() == null) return Problem.invalid("quote_id_required", "quoteId", "quoteId is required.");
        return null;
    }

    private static PaymentsApiJson.Payment payment(Payout p) {
        try {
            return PaymentsApiJson.Payment.of(p, Json.MAPPER.readValue(p.beneficiary(), Beneficiary.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable beneficiary of " + p.id(), e);
        }
    }

    private static OptionalLong optional(Long value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }
}
