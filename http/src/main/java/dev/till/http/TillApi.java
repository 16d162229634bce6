package dev.till.http;

import dev.till.core.merchants.Authenticated;
import dev.till.core.merchants.KeyKind;
import dev.till.core.merchants.Merchants;
import dev.till.domain.Ids;
import dev.till.domain.Problem;
import dev.till.domain.ProblemException;
import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.component.Graceful;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the HTTP server: the request pipeline (request id, size limit, authentication, rate
 * limits, errors, access log, metrics) around the route groups of each capability.
 */
public final class TillApi {
    private static final Logger accessLog = LoggerFactory.getLogger("till.access");
    private static final Logger log = LoggerFactory.getLogger(TillApi.class);

    public record Settings(String host, int port, long maxBodyBytes) {}

    /** Sees every response the server sends; the test suite uses it to check the OpenAPI contract. */
    public interface ResponseObserver {
        void seen(String method, String route, int status, String contentType, byte[] body);
    }

    private final Javalin app;
    private final List<Routes.Route> routeTable;
    private final AtomicInteger inFlight;

    private TillApi(Javalin app, List<Routes.Route> routeTable, AtomicInteger inFlight) {
        this.app = app;
        this.routeTable = routeTable;
        this.inFlight = inFlight;
    }

    public static TillApi create(Settings settings, Merchants merchants, RateLimits rateLimits, Ids ids,
                                 MeterRegistry metrics, Optional<ResponseObserver> observer, List<Routes.RouteGroup> groups) {
        Routes[] routes = new Routes[1];
        AtomicInteger inFlight = new AtomicInteger();
        RequestTimers timers = new RequestTimers(metrics);
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = settings.maxBodyBytes();
            config.http.compressionStrategy = CompressionStrategy.NONE; // no Vary header, no gzip surprises
            config.http.generateEtags = false;
            config.router.ignoreTrailingSlashes = true;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
            });
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(10_000);
                server.setErrorHandler(new JettyRejections(ids, timers)); // what Jetty refuses before routing, in our error shape
            });

            config.routes.before(ctx -> {
                inFlight.incrementAndGet();
                String requestId = "req_" + ids.randomBase32(20);
                ctx.attribute(Caller.REQUEST_ID, requestId);
                ctx.header("Cko-Request-Id", requestId);
                String length = ctx.header("Content-Length");
                if (length != null && parseLong(length) > settings.maxBodyBytes()) {
                    throw new Problem(Problem.Kind.TOO_LARGE, List.of("request_too_large"),
                            "The body is larger than " + settings.maxBodyBytes() + " bytes.", null).toException();
                }
            });
            config.routes.beforeMatched(ctx -> authenticate(ctx, merchants, rateLimits));

            config.routes.exception(ProblemException.class, (e, ctx) -> renderProblem(ctx, e.problem()));
            config.routes.exception(HttpResponseException.class, (e, ctx) -> renderProblem(ctx, fromJavalin(e)));
            // Javalin reads bodies in Kotlin, so Jetty's IOException for a body the client could not
            // finish sending (broken chunks, a connection cut mid-body) arrives here unchecked.
            // Till's own code wraps its I/O failures, so an IOException here is always the request's.
            config.routes.exception(IOException.class, (e, ctx) -> renderProblem(ctx, ApiErrors.malformed("body_unreadable",
                    "The request body could not be read to its end (broken chunked encoding, or the connection ended early).", null)));
            config.routes.exception(Exception.class, (e, ctx) -> {
                log.error("Unhandled error in request {}", Caller.requestId(ctx), e);
                renderProblem(ctx, new Problem(Problem.Kind.BUG, List.of("internal_error"),
                        "Something went wrong on our side; the request id identifies it in our logs.", null));
            });
            config.routes.error(404, ctx -> {
                if (ctx.attribute(Replies.BODY) == null) {
                    renderProblem(ctx, Problem.notFound("route", ctx.method() + " " + ctx.path()));
                }
            });

            config.requestLogger.http((ctx, ms) -> {
                inFlight.decrementAndGet();
                String route = ctx.endpoint() == null ? "unmatched" : ctx.endpoint().path;
                int status = ctx.statusCode();
                Authenticated who = ctx.attribute(Caller.AUTHENTICATED);
                accessLog.info("{} {} {} {} {} {}ms", Caller.requestId(ctx), who == null ? "-" : who.merchantId(),
                        ctx.method(), route, status, String.format("%.1f", ms));
                timers.record(ctx.method().name(), route, status, (long) (ms * 1_000_000));
                observer.ifPresent(o -> o.seen(ctx.method().name(), route, status, ctx.res().getContentType(),
                        ctx.attribute(Replies.BODY)));
            });

            routes[0] = new Routes(config.routes);
            for (Routes.RouteGroup g : groups) g.register(routes[0]);
        });
        return new TillApi(app, routes[0].table(), inFlight);
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw ApiErrors.malformed("content_length_invalid", "Content-Length is not a number.", null).toException();
        }
    }

    private static void authenticate(Context ctx, Merchants merchants, RateLimits rateLimits) {
        if (ctx.routeRoles().contains(Access.ANYONE) || ctx.routeRoles().isEmpty()) {
            return; // open routes limit themselves where they need to
        }
        KeyKind kind = ctx.routeRoles().contains(Access.PUBLISHABLE_KEY) ? KeyKind.PUBLISHABLE : KeyKind.SECRET;
        Optional<Authenticated> who = merchants.authenticate(bearer(ctx.header("Authorization")), kind);
        if (who.isEmpty()) {
            long wait = rateLimits.secondsToWaitAnonymous(ctx.ip());
            if (wait > 0) throw rateLimited(ctx, wait);
            throw new Problem(Problem.Kind.UNAUTHENTICATED, List.of("unauthorized"),
                    "Send a valid " + (kind == KeyKind.SECRET ? "secret" : "publishable") + " key in the Authorization header.", null).toException();
        }
        ctx.attribute(Caller.AUTHENTICATED, who.get());
        boolean write = !"GET".equals(ctx.method().name()) && !"HEAD".equals(ctx.method().name());
        long wait = rateLimits.secondsToWait(who.get().merchantId() + ":" + kind, write);
        if (wait > 0) throw rateLimited(ctx, wait);
    }

    private static ProblemException rateLimited(Context ctx, long seconds) {
        ctx.header("Retry-After", Long.toString(seconds));
        return new Problem(Problem.Kind.RATE_LIMITED, List.of("rate_limited"),
                "Too many requests; retry after " + seconds + " s.", null).toException();
    }

    /** Accepts {@code Bearer <key>} and the bare key, as Checkout.com's two SDK generations send. */
    static String bearer(String header) {
        if (header == null) return null;
        String h = header.trim();
        return h.regionMatches(true, 0, "Bearer ", 0, 7) ? h.substring(7).trim() : h;
    }

    private static Problem fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 404 -> new Problem(Problem.Kind.NOT_FOUND, List.of("not_found"), "No such route.", null);
            case 413 -> new Problem(Problem.Kind.TOO_LARGE, List.of("request_too_large"), "The body is too large.", null);
            case 405 -> new Problem(Problem.Kind.NOT_FOUND, List.of("not_found"), "No such route.", null);
            default -> e.getStatus() < 500
                    ? ApiErrors.malformed("request_malformed", "The request could not be read.", null)
                    : new Problem(Problem.Kind.BUG, List.of("internal_error"), "Something went wrong on our side.", null);
        };
    }

    static void renderProblem(Context ctx, Problem problem) {
        int status = ApiErrors.shape(problem.kind()).status();
        if (status == 401) {
            // Checkout.com answers 401 with an empty body; we keep the body (our one error shape)
            // because its SDK ignores it either way and people reading curl output need it.
            ctx.header("WWW-Authenticate", "Bearer");
        }
        Replies.json(ctx, status, ApiErrors.body(Caller.requestId(ctx), problem));
    }

    public TillApi start() {
        app.start();
        return this;
    }

    public int port() {
        return app.port();
    }

    public int inFlight() {
        return inFlight.get();
    }

    public List<Routes.Route> routeTable() {
        return routeTable;
    }

    /**
     * Graceful shutdown: stop accepting connections, let in-flight requests finish (up to
     * {@code drain}), then stop. Javalin's own stop would cut requests that are mid-way.
     */
    public void stop(Duration drain) {
        for (Connector connector : app.jettyServer().server().getConnectors()) {
            if (connector instanceof Graceful graceful) graceful.shutdown();
        }
        long deadline = System.nanoTime() + drain.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        app.stop();
    }
}
