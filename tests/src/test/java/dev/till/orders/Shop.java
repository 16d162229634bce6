package dev.till.orders;

import com.sun.net.httpserver.HttpServer;
import dev.till.testkit.Api;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A merchant's web site on another loopback port (so on another origin than Till): pages the
 * payform redirects to, the till.js example page from docs/till-js.md, and the merchant's backend
 * call that pays the order through the April dialect with the secret key.
 */
final class Shop implements AutoCloseable {
    private final HttpServer server;
    /** The order the example page's backend pays, and the key it pays with; set by each test. */
    final AtomicReference<String> orderId = new AtomicReference<>();
    final AtomicReference<Api> backend = new AtomicReference<>();
    final AtomicReference<String> publishableKey = new AtomicReference<>();
    /** Webhook deliveries the shop received, as raw bodies. */
    final java.util.List<String> hooks = new java.util.concurrent.CopyOnWriteArrayList<>();

    Shop(String tillUrl) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String type = "text/html; charset=utf-8";
            byte[] body;
            int status = 200;
            if (path.equals("/hooks")) {
                hooks.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                body = new byte[0];
                type = "text/plain";
            } else if (path.equals("/checkout/pay") && exchange.getRequestMethod().equals("POST")) {
                String token = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                        .replaceAll(".*\"token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
                Api.Reply paid = backend.get().post("/orders/" + orderId.get() + "/pay",
                        "{\"PayByCard\":{\"paymentTokenId\":\"" + token + "\"}}");
                type = "application/json";
                body = paid.body().getBytes(StandardCharsets.UTF_8);
            } else if (path.equals("/checkout")) {
                body = examplePage().replace("http://localhost:8080", tillUrl)
                        .replace("pk_sbox_REPLACE_ME", publishableKey.get()).getBytes(StandardCharsets.UTF_8);
            } else {
                body = ("<!doctype html><title>Tea Shop</title><h1 id=\"shop\">" + path + "</h1>").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    static String examplePage() {
        try (InputStream in = Shop.class.getResourceAsStream("/till-js/merchant-page.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
