package dev.till.links;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An example merchant site on a loopback port of its own (so another origin than Till): its
 * "back to shop" page, and a checkout page that embeds the widget in an iframe.
 */
final class Shop implements AutoCloseable {
    private final HttpServer server;
    private volatile String widgetUrl = "about:blank";

    Shop() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String page = path.equals("/checkout")
                    ? "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Shop checkout</title></head><body>"
                      + "<h1 id=\"shop\">Example shop: checkout</h1>"
                      + "<iframe id=\"widget\" title=\"Card payment\" src=\"" + widgetUrl
                      + "\" style=\"width:100%;max-width:30rem;height:44rem;border:1px solid #ccc\"></iframe></body></html>"
                    : "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Shop</title></head><body>"
                      + "<h1 id=\"shop\">Example shop</h1><p id=\"path\">" + path + "</p></body></html>";
            byte[] bytes = page.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The checkout page, embedding this widget. */
    String checkout(String widgetUrl) {
        this.widgetUrl = widgetUrl;
        return origin() + "/checkout";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
