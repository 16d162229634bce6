package dev.till.http.links;

import dev.till.core.links.PaymentLink;
import dev.till.core.links.PaymentLinks;
import dev.till.core.merchants.Merchant;
import dev.till.core.merchants.Merchants;
import dev.till.core.payments.Payment;
import dev.till.core.payments.PaymentView;
import dev.till.core.vault.CardInput;
import dev.till.domain.CurrencyCode;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import dev.till.domain.links.LinkStatus;
import dev.till.domain.payments.PaymentStatus;
import dev.till.http.Access;
import dev.till.http.Json;
import dev.till.http.RateLimits;
import dev.till.http.Replies;
import dev.till.http.Routes;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hosted card widget behind a payment link, as a full page or inside the merchant's iframe.
 * <p>
 * Design: the widget's own form posts the card to Till's own origin ({@code POST /links/…}), where
 * one transaction validates it, stores it in the vault and authorizes it under the link's payment
 * id. No script, so the strictest CSP holds ({@code default-src 'none'}), no key ever reaches the
 * browser, and the number goes nowhere but Till. Framing is allowed only to the link's own
 * {@code frame_ancestors}. The link id in the URL is the secret (130 random bits), as the 3-D
 * Secure page's is.
 */
public final class WidgetHandlers implements Routes.RouteGroup {
    private static final String CSS = resource("links/widget.css");

    private final PaymentLinks links;
    private final Merchants merchants;
    private final Clock clock;
    private final RateLimits rateLimits;

    /** @param rateLimits card posts carry no key, so they are limited per client address, as on the order payform */
    public WidgetHandlers(PaymentLinks links, Merchants merchants, Clock clock, RateLimits rateLimits) {
        this.links = links;
        this.merchants = merchants;
        this.clock = clock;
        this.rateLimits = rateLimits;
    }

    @Override
    public void register(Routes routes) {
        routes.get("/links/widget.css", Access.ANYONE, this::css)
              .get("/links/{merchantId}/{linkId}", Access.ANYONE, this::show)
              .post("/links/{merchantId}/{linkId}", Access.ANYONE, this::pay);
    }

    private void show(Context ctx) {
        Optional<PaymentLink> found = find(ctx);
        if (found.isEmpty()) {
            html(ctx, null, 404, WidgetPages.notFound());
            return;
        }
        PaymentLink link = found.get();
        boolean declined = ctx.queryParam("declined") != null;
        html(ctx, link, 200, state(link, declined ? "Your bank declined the payment, or the check was not completed. "
                + "You can try again, with this card or another one." : null));
    }

    private void pay(Context ctx) {
        Optional<PaymentLink> found = find(ctx);
        if (found.isEmpty()) {
            html(ctx, null, 404, WidgetPages.notFound());
            return;
        }
        PaymentLink link = found.get();
        long wait = rateLimits.secondsToWaitAnonymous(ctx.ip());
        if (wait > 0) {
            ctx.header("Retry-After", Long.toString(wait));
            html(ctx, link, 429, WidgetPages.message(page(link), "limited", "Too many attempts",
                    "Please wait " + wait + " s before trying again.", null));
            return;
        }
        CardInput card = card(ctx);
        PaymentView view;
        try {
            view = links.pay(link.merchantId(), link.id(), card);
        } catch (ProblemException e) {
            Problem p = e.problem();
            if (p.kind() == Problem.Kind.INVALID) {
                html(ctx, link, 422, WidgetPages.form(page(link, errors(p), generalError(p), kept(ctx))));
            } else if (p.kind() == Problem.Kind.ACTION_NOT_ALLOWED && p.codes().contains("payment_link_attempts_exhausted")) {
                html(ctx, link, 403, WidgetPages.message(page(link), "exhausted", "This link cannot be used any more",
                        p.message(), null));
            } else if (p.kind() == Problem.Kind.ACTION_NOT_ALLOWED) {
                redirect(ctx, link, ""); // canceled, expired or paid meanwhile: the page says which
            } else {
                throw e;
            }
            return;
        }
        Payment p = view.payment();
        if ("challenge".equals(p.awaiting())) {
            secure(ctx, link);
            ctx.redirect("../../3ds/" + p.merchantId() + "/" + p.challengeId(), HttpStatus.SEE_OTHER);
        } else {
            redirect(ctx, link, p.state() == PaymentStatus.DECLINED ? "?declined=1" : "");
        }
    }

    /** The page for the link as it stands now. */
    private String state(PaymentLink link, String declinedNote) {
        WidgetPage page = page(link);
        LinkStatus status = link.state();
        if (status == LinkStatus.ACTIVE && !clock.instant().isBefore(link.expiresOn())) status = LinkStatus.EXPIRED;
        return switch (status) {
            case COMPLETED -> WidgetPages.message(page, "completed", "Thank you, your payment is approved",
                    "The shop has your payment. You can return to the shop now.", null);
            case CANCELED -> WidgetPages.message(page, "canceled", "This payment link was canceled",
                    "The shop canceled this payment; nothing was charged. Ask the shop for a new link if you still want to pay.", null);
            case EXPIRED -> WidgetPages.message(page, "expired", "This payment link has expired",
                    "Nothing was charged. Ask the shop for a new link if you still want to pay.", null);
            case ACTIVE -> {
                Optional<PaymentView> inProgress = links.paymentInProgress(link);
                if (inProgress.isEmpty()) {
                    yield WidgetPages.form(new WidgetPage(page.merchant(), page.amount(), page.description(),
                            page.backToShopUrl(), Map.of(), declinedNote, Map.of()));
                }
                Payment p = inProgress.get().payment();
                boolean challenge = "challenge".equals(p.awaiting());
                yield WidgetPages.message(page, "processing", "Your payment is being processed",
                        challenge ? "Your bank asks you to confirm the payment." : "We are waiting for your bank's answer. "
                                + "Reload this page in a moment.",
                        challenge ? "../../3ds/" + p.merchantId() + "/" + p.challengeId() : null);
            }
        };
    }

    private WidgetPage page(PaymentLink link) {
        return page(link, Map.of(), null, Map.of());
    }

    private WidgetPage page(PaymentLink link, Map<String, String> errors, String general, Map<String, String> values) {
        String merchant = merchants.find(link.merchantId()).map(Merchant::name).orElse("");
        String amount = CurrencyCode.parse(link.currency()).map(c -> c.format(link.amount())).orElse(link.amount() + " " + link.currency());
        return new WidgetPage(merchant, amount, link.description(), link.backToShopUrl(), errors, general, values);
    }

    private Optional<PaymentLink> find(Context ctx) {
        String merchantId = ctx.pathParam("merchantId");
        String linkId = ctx.pathParam("linkId");
        if (!linkId.startsWith("pl_")) return Optional.empty();
        return links.find(merchantId, linkId);
    }

    private static CardInput card(Context ctx) {
        String number = blankToNull(ctx.formParam("number"));
        if (number != null) number = number.replaceAll("[\\s-]", "");
        Integer year = number(ctx.formParam("expiry_year"));
        if (year != null && year >= 0 && year < 100) year += 2000; // "31" means 2031
        return new CardInput(number, number(ctx.formParam("expiry_month")), year, blankToNull(ctx.formParam("cvv")),
                blankToNull(ctx.formParam("name")), null, null);
    }

    /** Unreadable input counts as invalid (-1), not as missing. */
    private static Integer number(String raw) {
        String s = blankToNull(raw);
        if (s == null) return null;
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The expiry and the name are typed again; the card number and CVV never leave Till. */
    private static Map<String, String> kept(Context ctx) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String field : List.of("expiry_month", "expiry_year", "name")) {
            String v = ctx.formParam(field);
            if (v != null && v.length() <= 255) values.put(field, v);
        }
        return values;
    }

    private static Map<String, String> errors(Problem p) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (String code : p.codes()) {
            switch (code) {
                case "card_number_required" -> errors.putIfAbsent("number", "Enter the card number.");
                case "card_number_invalid" -> errors.putIfAbsent("number", "Enter a valid card number: 12 to 19 digits as printed on the card.");
                case "card_expiry_month_required", "card_expiry_month_invalid" ->
                        errors.putIfAbsent("expiry_month", "Enter the expiry month as a number from 1 to 12.");
                case "card_expiry_year_required", "card_expiry_year_invalid" ->
                        errors.putIfAbsent("expiry_year", "Enter the expiry year, for example 2030.");
                case "card_expired" -> errors.putIfAbsent("expiry_year", "This card has expired; use another card.");
                case "cvv_required" -> errors.putIfAbsent("cvv", "Enter the security code from the back of the card.");
                case "cvv_invalid" -> errors.putIfAbsent("cvv", "The security code has 3 digits (4 on American Express cards).");
                case "card_holder_name_invalid" -> errors.putIfAbsent("name", "The name may be at most 255 characters.");
                default -> { }
            }
        }
        // Keep the form's order, so the summary reads top to bottom like the form.
        Map<String, String> ordered = new LinkedHashMap<>();
        WidgetPages.FIELDS.keySet().forEach(f -> { if (errors.containsKey(f)) ordered.put(f, errors.get(f)); });
        return ordered;
    }

    private static String generalError(Problem p) {
        return errors(p).isEmpty() ? "The payment could not be started: " + p.message() : null;
    }

    private void redirect(Context ctx, PaymentLink link, String query) {
        secure(ctx, link);
        ctx.redirect(link.id() + query, HttpStatus.SEE_OTHER);
    }

    private void css(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'none'");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Cache-Control", "public, max-age=3600");
        ctx.contentType("text/css").result(CSS);
    }

    private static void html(Context ctx, PaymentLink link, int status, String body) {
        secure(ctx, link);
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ctx.attribute(Replies.BODY, bytes); // marks the 404 as answered, so the pipeline adds no JSON error
        ctx.status(status).contentType("text/html; charset=utf-8").result(bytes);
    }

    /**
     * No script, no external resource, forms only to Till itself, and framing only by the
     * origins the merchant named on the link ({@code 'none'} when it named none).
     */
    private static void secure(Context ctx, PaymentLink link) {
        String ancestors = link == null ? "'none'" : frameAncestors(link.frameAncestors());
        ctx.header("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                + "base-uri 'none'; frame-ancestors " + ancestors);
        if (ancestors.equals("'none'")) ctx.header("X-Frame-Options", "DENY");
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    /** The stored JSON array of origins, each already checked against a strict pattern at creation. */
    static String frameAncestors(String json) {
        if (json == null) return "'none'";
        try {
            String[] origins = Json.MAPPER.readValue(json, String[].class);
            return origins.length == 0 ? "'none'" : String.join(" ", origins);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = WidgetHandlers.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing resource " + path);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
