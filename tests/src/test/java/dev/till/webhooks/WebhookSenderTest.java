package dev.till.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.till.core.webhooks.AttemptResult;
import dev.till.core.webhooks.WebhookSender;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook sender's HTTP/1.1 against real receivers on loopback: the JDK's HTTP servers, and
 * raw sockets for answers those servers never give. What the delivery worker does with a result
 * is covered by the story tests beside this one.
 */
class WebhookSenderTest {
    private static final List<InetAddress> LOOPBACK = List.of(InetAddress.getLoopbackAddress());
    private static final byte[] BODY = "{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8);
    private final WebhookSender sender = new WebhookSender(Duration.ofSeconds(2), Clock.systemUTC());

    private AttemptResult send(WebhookSender s, String url) {
        return s.send(URI.create(url), LOOPBACK, Map.of("X-Shop", "north"), Map.of("webhook-id", "evt_1"), BODY);
    }

    @Test
    void consecutive_attempts_share_one_keep_alive_connection() throws IOException {
        Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    + " " + exchange.getRequestHeaders().getFirst("X-Shop") + " " + exchange.getRequestHeaders().getFirst("webhook-id"));
            byte[] answer = "thanks".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, exchange.getRequestURI().getQuery() == null ? answer.length : 0); // 0: chunked
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
            AttemptResult first = send(sender, url);
            AttemptResult second = send(sender, url + "?chunked=1");
            AttemptResult third = send(sender, url);

            assertThat(List.of(first, second, third)).allSatisfy(r -> {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.excerpt()).isEqualTo("thanks");
            });
            assertThat(bodies).containsOnly("{\"id\":\"evt_1\"} north evt_1").hasSize(3);
            assertThat(clientPorts).hasSize(1);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_connection_the_receiver_closed_while_idle_is_replaced_without_failing_the_attempt() throws Exception {
        // Each connection carries one answer, which claims keep-alive, then the receiver hangs up.
        try (RawReceiver receiver = new RawReceiver(request ->
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true)) {
            assertThat(send(sender, receiver.url()).statusCode()).isEqualTo(200);
            receiver.awaitClosed(1);
            AttemptResult second = send(sender, receiver.url());
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(second.excerpt()).isEqualTo("ok");
            assertThat(receiver.requests()).hasSize(2);
        }
    }

    @Test
    void answers_framed_by_closing_with_interim_responses_or_too_long_are_read_as_far_as_needed() throws Exception {
        try (RawReceiver untilClose = new RawReceiver(r -> "HTTP/1.1 202 Accepted\r\n\r\nqueued", true);
             RawReceiver interim = new RawReceiver(r -> "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 503 Busy\r\nRetry-After: 7\r\nContent-Length: 4\r\n\r\nbusy", false);
             RawReceiver huge = new RawReceiver(r -> "HTTP/1.1 500 Oops\r\nContent-Length: 200000\r\n\r\n" + "x".repeat(200_000), false);
             RawReceiver chunkedWithTrailer = new RawReceiver(r -> "HTTP/1.1 400 Bad\r\nTransfer-Encoding: chunked\r\n\r\n"
                     + "3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n", false)) {
            AttemptResult a = send(sender, untilClose.url());
            assertThat(a.statusCode()).isEqualTo(202);
            assertThat(a.excerpt()).isEqualTo("queued");

            AttemptResult b = send(sender, interim.url());
            assertThat(b.statusCode()).isEqualTo(503);
            assertThat(b.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(b.excerpt()).isEqualTo("busy");

            AttemptResult c = send(sender, huge.url());
            assertThat(c.statusCode()).isEqualTo(500);
            assertThat(c.excerpt()).hasSize(512);
            assertThat(send(sender, huge.url()).statusCode()).isEqualTo(500);
            assertThat(huge.connections()).as("a body too long to drain is not followed by a reuse").isEqualTo(2);

            AttemptResult d = send(sender, chunkedWithTrailer.url());
            assertThat(d.statusCode()).isEqualTo(400);
            assertThat(d.excerpt()).isEqualTo("abcde");
            assertThat(send(sender, chunkedWithTrailer.url()).statusCode()).isEqualTo(400);
            assertThat(chunkedWithTrailer.connections()).isEqualTo(1);
        }
    }

    @Test
    void silence_is_a_timeout_and_nonsense_is_an_io_error() throws Exception {
        WebhookSender quick = new WebhookSender(Duration.ofMillis(300), Clock.systemUTC());
        try (RawReceiver silent = new RawReceiver(r -> null, false);
             RawReceiver nonsense = new RawReceiver(r -> "SMTP ready\r\n\r\n", false)) {
            AttemptResult timedOut = send(quick, silent.url());
            assertThat(timedOut.statusCode()).isNull();
            assertThat(timedOut.error()).isEqualTo("timeout");
            assertThat(timedOut.latencyMs()).isGreaterThanOrEqualTo(250);

            assertThat(send(quick, nonsense.url()).error()).isEqualTo("io_error: ProtocolException");
        }
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            closed.close();
            assertThat(send(quick, "http://127.0.0.1:" + port + "/").error()).isEqualTo("connection_refused");
        }
    }

    @Test
    void it_connects_to_the_addresses_the_guard_allowed_not_to_a_new_lookup_of_the_name() throws Exception {
        try (RawReceiver receiver = new RawReceiver(r -> "HTTP/1.1 204 No Content\r\n\r\n", false)) {
            int port = URI.create(receiver.url()).getPort();
            // .invalid never resolves (RFC 6761): only the given address can have been used.
            AttemptResult r = sender.send(URI.create("http://hooks.shop.invalid:" + port + "/in"), LOOPBACK, Map.of(), Map.of(), BODY);
            assertThat(r.statusCode()).isEqualTo(204);
            assertThat(receiver.requests().getFirst()).startsWith("POST /in HTTP/1.1\r\n")
                    .contains("\r\nHost: hooks.shop.invalid:" + port + "\r\n").contains("\r\nContent-Length: " + BODY.length + "\r\n");
        }
    }

    @Test
    void https_checks_the_receivers_certificate_against_the_urls_host(@TempDir Path dir) throws Exception {
        char[] pass = "changeit".toCharArray();
        Path keys = dir.resolve("receiver.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "receiver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(keys.toFile())) {
            store.load(in, pass);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, pass);
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("receiver", store.getCertificate("receiver"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);
        SSLSocketFactory trusting = clientTls.getSocketFactory();

        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            WebhookSender trustingSender = new WebhookSender(Duration.ofSeconds(5), Clock.systemUTC(), trusting);
            assertThat(send(trustingSender, "https://localhost:" + port + "/hook").statusCode()).isEqualTo(200);
            assertThat(send(trustingSender, "https://localhost:" + port + "/hook").statusCode()).as("reused").isEqualTo(200);
            // The certificate names localhost, not 127.0.0.1; and the JDK's own trust does not know it.
            assertThat(send(trustingSender, "https://127.0.0.1:" + port + "/hook").error()).isEqualTo("io_error: SSLHandshakeException");
            assertThat(send(sender, "https://localhost:" + port + "/hook").error()).isEqualTo("io_error: SSLHandshakeException");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void leftover_bytes_are_never_read_as_the_next_attempts_answer() throws Exception {
        // An answer with a second, unasked-for answer glued to it; then an honest 500.
        try (RawReceiver glued = new RawReceiver((n, r) -> Reply.of(n == 1
                ? "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                : "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\n\r\n"));
             // A 408 written on the idle connection before the receiver hangs up.
             RawReceiver idle408 = new RawReceiver((n, r) -> n == 1
                     ? new Reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", false, 0,
                             "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n")
                     : Reply.of("HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"))) {
            assertThat(send(sender, glued.url()).statusCode()).isEqualTo(200);
            assertThat(send(sender, glued.url()).statusCode()).isEqualTo(500);
            assertThat(glued.connections()).isEqualTo(2);

            assertThat(send(sender, idle408.url()).statusCode()).isEqualTo(200);
            idle408.sayOnIdle();
            idle408.awaitClosed(1);
            assertThat(send(sender, idle408.url()).statusCode()).isEqualTo(201);
            assertThat(idle408.requests()).hasSize(2);
        }
    }

    @Test
    void an_answer_cut_off_after_it_began_is_not_sent_again() throws Exception {
        try (RawReceiver cut = new RawReceiver((n, r) -> n == 1
                ? Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                : new Reply("HTTP/1.1 200 OK\r\nContent-", true, 0, null))) {
            assertThat(send(sender, cut.url()).statusCode()).isEqualTo(200);
            AttemptResult second = send(sender, cut.url());
            assertThat(second.statusCode()).isNull();
            assertThat(second.error()).isEqualTo("io_error: EOFException");
            assertThat(cut.requests()).as("the receiver saw the second attempt once").hasSize(2);
        }
    }

    @Test
    void status_lines_and_framing_that_are_not_http_are_refused() throws Exception {
        try (RawReceiver longCode = new RawReceiver((n, r) -> Reply.of("HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n"));
             RawReceiver twoLengths = new RawReceiver((n, r) -> Reply.of("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\nok"));
             RawReceiver gzipped = new RawReceiver((n, r) -> new Reply(
                     "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nContent-Length: 2\r\n\r\nokay", true, 0, null))) {
            assertThat(send(sender, longCode.url()).error()).isEqualTo("io_error: ProtocolException");
            assertThat(send(sender, twoLengths.url()).error()).isEqualTo("io_error: ProtocolException");
            // A coding other than chunked runs until the close, whatever the length says.
            AttemptResult g = send(sender, gzipped.url());
            assertThat(g.statusCode()).isEqualTo(200);
            assertThat(g.excerpt()).isEqualTo("okay");
        }
    }

    @Test
    void a_receiver_that_drips_its_answer_is_cut_off_at_the_timeout() throws Exception {
        WebhookSender quick = new WebhookSender(Duration.ofMillis(400), Clock.systemUTC());
        // Each byte comes well within any per-read timeout; together they would take 30 s.
        try (RawReceiver headers = new RawReceiver((n, r) -> new Reply("HTTP/1.1 200 OK\r\nX-Slow: " + "z".repeat(600), false, 50, null));
             ServerSocket tls = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            assertThat(send(quick, headers.url()).error()).isEqualTo("timeout");

            Thread.ofVirtual().start(() -> {
                try (Socket s = tls.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00}); // a TLS handshake record of 16 KiB, announced
                    for (int i = 0; i < 600; i++) {
                        out.write(0);
                        out.flush();
                        Thread.sleep(50);
                    }
                } catch (IOException | InterruptedException e) {
                    // the sender hung up
                }
            });
            assertThat(send(quick, "https://localhost:" + tls.getLocalPort() + "/hook").error()).isEqualTo("timeout");
        }
    }

    /** What a {@link RawReceiver} writes back: the bytes (one every {@code dripMillis} if set), then maybe more once idle. */
    private record Reply(String bytes, boolean hangUp, int dripMillis, String onIdle) {
        static Reply of(String bytes) {
            return new Reply(bytes, false, 0, null);
        }
    }

    /** Replies per request; {@code n} counts the receiver's requests from 1. Null: stay silent. */
    private interface Script {
        Reply reply(int n, String request);
    }

    /** A loopback receiver that reads one request per exchange and writes its script's reply back. */
    private static final class RawReceiver implements AutoCloseable {
        private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final List<Socket> closed = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();
        private final CountDownLatch idle = new CountDownLatch(1);

        /** {@code answer}: the bytes to write, or null to stay silent; {@code hangUp}: close after each answer. */
        RawReceiver(Function<String, String> answer, boolean hangUp) throws IOException {
            this((n, request) -> {
                String a = answer.apply(request);
                return a == null ? null : new Reply(a, hangUp, 0, null);
            });
        }

        RawReceiver(Script script) throws IOException {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        connections.incrementAndGet();
                        Thread.ofVirtual().start(() -> serve(s, script));
                    } catch (IOException stopped) {
                        return;
                    }
                }
            });
        }

        private void serve(Socket s, Script script) {
            try (s) {
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                while (true) {
                    String request = readRequest(in);
                    if (request == null) return;
                    requests.add(request);
                    Reply reply = script.reply(requests.size(), request);
                    if (reply == null) {
                        Thread.sleep(10_000);
                        return;
                    }
                    byte[] bytes = reply.bytes().getBytes(StandardCharsets.ISO_8859_1);
                    if (reply.dripMillis() == 0) out.write(bytes);
                    for (int i = 0; reply.dripMillis() > 0 && i < bytes.length; i++) {
                        out.write(bytes[i]);
                        out.flush();
                        Thread.sleep(reply.dripMillis());
                    }
                    out.flush();
                    if (reply.onIdle() != null) {
                        idle.await(10, TimeUnit.SECONDS);
                        out.write(reply.onIdle().getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        return;
                    }
                    if (reply.hangUp()) return;
                }
            } catch (IOException | InterruptedException e) {
                // the sender went away
            } finally {
                closed.add(s);
            }
        }

        /** Lets a reply's message for the idle connection go out. */
        void sayOnIdle() {
            idle.countDown();
        }

        /** Headers and a Content-Length body, or null at the end of the stream. */
        private static String readRequest(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                String h = head.toString(StandardCharsets.ISO_8859_1);
                if (h.endsWith("\r\n\r\n")) {
                    int at = h.toLowerCase().indexOf("content-length: ");
                    int length = at < 0 ? 0 : Integer.parseInt(h.substring(at + 16, h.indexOf("\r\n", at)));
                    return h + new String(in.readNBytes(length), StandardCharsets.UTF_8);
                }
            }
            return null;
        }

        String url() {
            return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
        }

        List<String> requests() {
            return requests;
        }

        int connections() {
            return connections.get();
        }

        void awaitClosed(int n) throws InterruptedException {
            long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (closed.size() < n && System.nanoTime() < until) Thread.sleep(5);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
