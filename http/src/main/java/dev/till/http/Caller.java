package dev.till.http;

import dev.till.core.merchants.Authenticated;
import dev.till.domain.Problem;
import io.javalin.http.Context;

/** Per-request attributes set by the pipeline: the request id and the authenticated merchant. */
public final class Caller {
    static final String REQUEST_ID = "till.request_id";
    static final String AUTHENTICATED = "till.authenticated";

    private Caller() {}

    public static String requestId(Context ctx) {
        return ctx.attribute(REQUEST_ID);
    }

    /** The merchant behind the key; routes declared with a key-based {@link Access} always have one. */
    public static Authenticated of(Context ctx) {
        Authenticated a = ctx.attribute(AUTHENTICATED);
        if (a == null) throw new Problem(Problem.Kind.UNAUTHENTICATED, java.util.List.of("unauthorized"), "An API key is required.", null).toException();
        return a;
    }

    public static String merchantId(Context ctx) {
        return of(ctx).merchantId();
    }
}
