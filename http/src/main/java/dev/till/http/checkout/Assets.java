package dev.till.http.checkout;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The checkout's static files, from {@code resources/checkout/}: a fixed list, nothing else is served. */
final class Assets {
    private static final Map<String, String> TYPES = Map.of(
            "payform.css", "text/css; charset=utf-8",
            "payform.js", "text/javascript; charset=utf-8",
            "card-fields.js", "text/javascript; charset=utf-8",
            "till.js", "text/javascript; charset=utf-8");

    private Assets() {}

    static void serve(Context ctx) {
        String file = ctx.pathParam("file");
        if (!TYPES.containsKey(file) || file.equals("till.js")) {
            byte[] body = "Not found.".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ctx.attribute(dev.till.http.Replies.BODY, body);
            ctx.status(404).contentType("text/plain; charset=utf-8").result(body);
            return;
        }
        send(ctx, file);
    }

    static void send(Context ctx, String file) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream("checkout/" + file)) {
            if (in == null) throw new IllegalStateException("missing checkout asset " + file);
            // Short caching: a new release must reach browsers the same day.
            ctx.header("Cache-Control", "public, max-age=300").header("X-Content-Type-Options", "nosniff");
            // till.js is loaded by merchants' pages on other origins.
            if (file.equals("till.js")) ctx.header("Cross-Origin-Resource-Policy", "cross-origin");
            ctx.contentType(TYPES.get(file)).result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
