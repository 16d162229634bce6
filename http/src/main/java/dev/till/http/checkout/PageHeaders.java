package dev.till.http.checkout;

import io.javalin.http.Context;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Security headers of the hosted pages. Nothing loads from another origin: no CDN, fonts or
 * third-party scripts. Card data is only ever sent to Till's own origin ({@code connect-src} and
 * {@code form-action} say so to the browser). Pages are never cached: they show an order's state.
 */
final class PageHeaders {
    private PageHeaders() {}

    /**
     * The payform. Chromium applies {@code form-action} to the redirect after a form post too, so
     * the order's own redirect origins are allowed as targets; nothing else is.
     */
    static void payform(Context ctx, String... redirects) {
        Set<String> targets = new LinkedHashSet<>();
        targets.add("'self'");
        Stream.of(redirects).filter(Objects::nonNull).map(PageHeaders::origin).filter(Objects::nonNull).forEach(targets::add);
        common(ctx, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
                + "form-action " + String.join(" ", targets) + "; frame-ancestors 'none'; base-uri 'none'");
        ctx.header("X-Frame-Options", "DENY");
    }

    /** The card-fields page lives inside merchants' pages, so any site may frame it. */
    static void cardFields(Context ctx) {
        common(ctx, "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; form-action 'none'; "
                + "frame-ancestors *; base-uri 'none'");
    }

    private static void common(Context ctx, String csp) {
        ctx.header("Content-Security-Policy", csp);
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static String origin(String url) {
        try {
            URI u = URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() == -1 ? "" : ":" + u.getPort());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
