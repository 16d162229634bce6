package dev.till.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real webhook receiver on loopback (the JDK's HttpServer), answering as its behaviour says and
 * keeping every request it got. Each request runs on its own virtual thread, so a hanging answer
 * does not block the next request. Thread-safe.
 */
final class Receiver implements AutoCloseable {
    record Received(String id, String timestamp, String signature, String cko, String body,
                    Map<String, List<String>> headers, long receivedNanos) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .findFirst().map(e -> e.getValue().getFirst()).orElse(null);
        }
    }

    record Answer(int status, Map<String, String> headers, String body) {
        static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }
    }

    interface Behaviour {
        /** {@code n} counts requests from 1. */
        Answer answer(int n, Received request) throws Exception;
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private Receiver(Behaviour behaviour) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> handle(exchange, behaviour));
        server.start();
    }

    static Receiver answering(Behaviour behaviour) {
        return new Receiver(behaviour);
    }

    static Receiver ok() {
        return new Receiver((n, r) -> Answer.of(200));
    }

    private void handle(HttpExchange exchange, Behaviour behaviour) throws IOException {
        var h = exchange.getRequestHeaders();
        Received r = new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                h.getFirst("Cko-Signature"), new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                Map.copyOf(h), System.nanoTime());
        int n;
        synchronized (received) {
            received.add(r);
            n = received.size();
        }
        Answer answer;
        try {
            answer = behaviour.answer(n, r);
        } catch (Exception e) {
            answer = Answer.of(500);
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) exchange.getResponseBody().write(body);
        exchange.close();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
