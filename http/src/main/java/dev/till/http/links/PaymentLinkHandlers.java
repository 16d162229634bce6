package dev.till.http.links;

import dev.till.core.links.LinkCapture;
import dev.till.core.links.LinkDraft;
import dev.till.core.links.PaymentLinks;
import dev.till.core.paging.Cursor;
import dev.till.core.payments.CustomerRef;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Validation;
import dev.till.http.Access;
import dev.till.http.Caller;
import dev.till.http.Replies;
import dev.till.http.Requests;
import dev.till.http.Routes;
import dev.till.http.Validate;
import dev.till.http.Writes;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@code /payment-links}: parse, validate, call one use case, render. */
public final class PaymentLinkHandlers implements Routes.RouteGroup {
    static final long MAX_EXPIRES_IN = LinkDraft.DEFAULT_LIFETIME.toSeconds();
    private static final Pattern ORIGIN = Pattern.compile("^(https?)://[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?(:[0-9]{1,5})?$");

    private final PaymentLinks links;
    private final Writes writes;
    private final String baseUrl;

    public PaymentLinkHandlers(PaymentLinks links, Writes writes, String baseUrl) {
        this.links = links;
        this.writes = writes;
        this.baseUrl = baseUrl;
    }

    @Override
    public void register(Routes routes) {
        routes.post("/payment-links", Access.SECRET_KEY, this::create)
              .get("/payment-links", Access.SECRET_KEY, this::list)
              .get("/payment-links/{id}", Access.SECRET_KEY, this::get)
              .put("/payment-links/{id}/cancel", Access.SECRET_KEY, this::cancel)
              .post("/payment-links/{id}/captures", Access.SECRET_KEY, this::capture);
    }

    private void create(Context ctx) {
        PaymentLinkJson.Request req = Requests.body(ctx, PaymentLinkJson.Request.class);
        LinkDraft draft = validate(req, Caller.of(ctx).merchant().testMode());
        String merchantId = Caller.merchantId(ctx);
        writes.run(ctx, tx -> Writes.reply(201, PaymentLinkJson.Response.of(links.create(tx, merchantId, draft), baseUrl)));
    }

    private void get(Context ctx) {
        Replies.json(ctx, 200, PaymentLinkJson.Response.of(links.get(Caller.merchantId(ctx), ctx.pathParam("id")), baseUrl));
    }

    private void list(Context ctx) {
        int limit = Requests.limit(ctx);
        var page = links.list(Caller.merchantId(ctx), Cursor.decodeOrStart(Requests.query(ctx, "cursor")), limit)
                .map(l -> PaymentLinkJson.Response.of(l, baseUrl));
        Replies.json(ctx, 200, new PaymentLinkJson.ListResponse(page.data(), page.hasMore(), page.nextCursor()));
    }

    /** Payer's answer: 200 with an empty body, also for a link already canceled or expired. */
    private void cancel(Context ctx) {
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> {
            links.cancel(tx, merchantId, id);
            return Writes.reply(200, null);
        });
    }

    private void capture(Context ctx) {
        PaymentLinkJson.CaptureRequest req = Requests.body(ctx, PaymentLinkJson.CaptureRequest.class);
        Validation v = new Validation();
        if (req.amount() != null) v.check(req.amount() > 0, "amount_invalid", "amount", "amount must be positive, in minor units.");
        Validate.amountCeiling(v, req.amount(), "amount");
        if (req.reference() != null) v.check(req.reference().length() <= 80, "reference_invalid", "reference", "reference may be at most 80 characters.");
        v.throwIfInvalid();
        String merchantId = Caller.merchantId(ctx);
        String id = ctx.pathParam("id");
        writes.run(ctx, tx -> {
            LinkCapture c = links.capture(tx, merchantId, id, Optional.ofNullable(req.amount()), req.reference());
            var p = c.action().payment().payment();
            return Writes.reply(202, new PaymentLinkJson.CaptureResponse(c.action().actionId(), p.id(), c.action().approved(),
                    c.amount(), p.status(), c.action().reference(),
                    new PaymentLinkJson.CaptureLinks(new PaymentLinkJson.Link(baseUrl + "/payments/" + p.id()),
                            new PaymentLinkJson.Link(baseUrl + "/payment-links/" + id), null, null)));
        });
    }

    private static LinkDraft validate(PaymentLinkJson.Request req, boolean testMode) {
        Validation v = new Validation();
        if (req.amount() == null) v.fail("amount_required", "amount", "amount is required, in minor units.");
        else v.check(req.amount() > 0, "amount_invalid", "amount", "amount must be positive, in minor units.");
        Validate.amountCeiling(v, req.amount(), "amount");
        Optional<CurrencyCode> currency = CurrencyCode.parse(req.currency());
        if (req.currency() == null) v.fail("currency_required", "currency", "currency is required.");
        else v.check(currency.isPresent(), "currency_invalid", "currency", "currency must be an ISO 4217 code such as EUR.");
        if (req.reference() != null) v.check(req.reference().length() <= 80, "reference_invalid", "reference", "reference may be at most 80 characters.");
        if (req.description() != null) v.check(req.description().length() <= 255, "description_invalid", "description", "description may be at most 255 characters.");
        if (req.backToShopUrl() == null) v.fail("back_to_shop_url_required", "back_to_shop_url", "back_to_shop_url is required.");
        else v.check(webUrl(req.backToShopUrl()), "back_to_shop_url_invalid", "back_to_shop_url", "back_to_shop_url must be an absolute http or https URL.");
        if (req.expiresIn() != null) {
            v.check(req.expiresIn() >= 60 && req.expiresIn() <= MAX_EXPIRES_IN, "expires_in_invalid", "expires_in",
                    "expires_in must be 60 to " + MAX_EXPIRES_IN + " seconds (31 days).");
        }
        var c = req.customer();
        if (c != null) {
            if (c.email() != null) v.check(Validate.email(c.email()), "customer_email_invalid", "customer.email", "customer.email is not a valid address.");
            v.check(c.id() != null || c.email() != null, "customer_invalid", "customer", "customer needs an id or an email.");
        }
        List<String> origins = req.frameAncestors() == null ? List.of() : req.frameAncestors();
        v.check(origins.size() <= 10, "frame_ancestors_invalid", "frame_ancestors", "frame_ancestors may list at most 10 origins.");
        for (String origin : origins) {
            boolean ok = origin != null && ORIGIN.matcher(origin).matches() && (testMode || origin.startsWith("https://"));
            if (!ok) {
                v.fail("frame_ancestors_invalid", "frame_ancestors", "Each frame_ancestors entry must be an origin such as "
                        + "https://shop.example (plain http only in test mode), without a path.");
                break;
            }
        }
        Validate.metadata(v, req.metadata());
        v.throwIfInvalid();
        return new LinkDraft(req.amount(), currency.orElseThrow(), req.reference(), req.description(),
                c == null ? null : new CustomerRef(c.id(), c.email(), c.name()), req.backToShopUrl(),
                Boolean.TRUE.equals(req.capture()), req.expiresIn() == null ? LinkDraft.DEFAULT_LIFETIME
                : Duration.ofSeconds(req.expiresIn()), Validate.text(req.metadata()), List.copyOf(origins));
    }

    private static boolean webUrl(String url) {
        try {
            URI u = URI.create(url);
            return url.length() <= 2048 && u.getHost() != null && ("https".equals(u.getScheme()) || "http".equals(u.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
