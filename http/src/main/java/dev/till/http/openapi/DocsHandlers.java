package dev.till.http.openapi;

import dev.till.http.Access;
import dev.till.http.Replies;
import dev.till.http.Routes;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Serves the contract at {@code /openapi.json} and {@code /openapi.yaml}, and a bundled viewer at {@code /docs}. */
public final class DocsHandlers implements Routes.RouteGroup {
    private static final String VIEWER = "META-INF/resources/webjars/swagger-ui/5.32.6/";
    private static final Map<String, String> ASSETS = Map.of(
            "swagger-ui.css", "text/css; charset=utf-8",
            "swagger-ui-bundle.js", "text/javascript; charset=utf-8",
            "docs.js", "text/javascript; charset=utf-8");

    private final byte[] json;
    private final byte[] yaml;

    public DocsHandlers(OpenApiDocument document) {
        this.json = document.json();
        this.yaml = document.yaml();
    }

    @Override
    public void register(Routes routes) {
        routes.get("/openapi.json", Access.ANYONE, ctx -> Replies.bytes(ctx, 200, json))
              .get("/openapi.yaml", Access.ANYONE, ctx -> ctx.contentType("application/yaml").result(yaml))
              .get("/docs", Access.ANYONE, ctx -> html(ctx))
              .get("/docs/assets/{file}", Access.ANYONE, this::asset);
    }

    private static void html(Context ctx) {
        ctx.header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
        ctx.contentType("text/html; charset=utf-8").result("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8"><title>Till API</title>
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
                <body><div id="api"></div>
                <script src="/docs/assets/swagger-ui-bundle.js"></script>
                <script src="/docs/assets/docs.js"></script>
                </body></html>
                """);
    }

    private void asset(Context ctx) throws IOException {
        String file = ctx.pathParam("file");
        String type = ASSETS.get(file);
        if (type == null) {
            ctx.status(404);
            return;
        }
        if (file.equals("docs.js")) {
            ctx.contentType(type).result("SwaggerUIBundle({url: '/openapi.json', dom_id: '#api'});\n");
            return;
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(VIEWER + file)) {
            if (in == null) {
                ctx.status(404);
                return;
            }
            ctx.header("Cache-Control", "public, max-age=86400").contentType(type).result(in.readAllBytes());
        }
    }
}
