package dev.till.http;

import io.javalin.http.Context;

/**
 * Writes responses. Every JSON body passes through here, so the exact bytes sent are known (the
 * contract check in the tests reads them from {@link #BODY}).
 */
public final class Replies {
    public static final String BODY = "till.response_body";
    public static final String JSON = "application/json";

    private Replies() {}

    public static void json(Context ctx, int status, Object body) {
        bytes(ctx, status, Json.bytes(body));
    }

    public static void bytes(Context ctx, int status, byte[] body) {
        ctx.attribute(BODY, body);
        ctx.status(status).contentType(JSON).result(body);
    }

    /** For endpoints that answer with no body at all (204, Payer's empty 200). */
    public static void empty(Context ctx, int status) {
        ctx.attribute(BODY, new byte[0]);
        ctx.status(status).result(new byte[0]);
    }
}
