package dev.till.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * A loopback endpoint that answers 200 and records each event's lag from its created_on.
 * <p>
 * It speaks just enough HTTP/1.1 for Till's sender (a POST with a Content-Length, on a kept-alive
 * connection), on blocking sockets with a virtual thread per connection, and reads created_on
 * without parsing the whole body. It shares the two cores with the gateway and PostgreSQL: the
 * JDK's {@code HttpServer}, with a Jackson parse of every body, took about half of the load
 * generator's CPU and an eighth of one core in authorize at 64 clients (docs/hot-path.md,
 * session 22), which the gateway then did not have.
 */
final class WebhookReceiver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] OK = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CREATED_ON = "\"created_on\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_LINE = 8 * 1024;

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    final Recorder lagMillis = new Recorder(3);
    final AtomicLong received = new AtomicLong();

    WebhookReceiver() throws IOException {
        server = new ServerSocket(0, 512, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("webhook-receiver").start(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/hook";
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Requests on one connection, one after another, until the sender closes it or asks to. */
    private void serve(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
             OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            while (true) {
                Head head = readHead(in);
                if (head == null) return;
                byte[] body = in.readNBytes(head.contentLength());
                if (body.length < head.contentLength()) return;
                record(body);
                out.write(OK);
                out.flush();
                if (head.close()) return;
            }
        } catch (IOException | RuntimeException gone) {
            // the sender closed the connection, or sent what this receiver does not speak
        }
    }

    private record Head(int contentLength, boolean close) {}

    /** The request line and headers; null at the end of the connection or for a body without a length. */
    private static Head readHead(InputStream in) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) return null;
        int length = -1;
        boolean close = false;
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) length = Integer.parseInt(value);
            else if (name.equals("connection")) close = value.toLowerCase(Locale.ROOT).contains("close");
            else if (name.equals("transfer-encoding")) return null;
        }
        return length < 0 ? null : new Head(length, close);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) return null;
            if (b != '\r') line.append((char) b);
            if (line.length() > MAX_LINE) throw new IOException("a line longer than " + MAX_LINE);
        }
        return line.toString();
    }

    /** The body's top-level created_on comes before its data (WebhookPayload's order); anything else is parsed. */
    private void record(byte[] body) {
        try {
            Instant created = createdOn(body);
            lagMillis.recordValue(Math.max(0, Instant.now().toEpochMilli() - created.toEpochMilli()));
            received.incrementAndGet();
        } catch (IOException | RuntimeException unparsable) {
            // counted as not received
        }
    }

    private static Instant createdOn(byte[] body) throws IOException {
        int at = indexOf(body, CREATED_ON);
        if (at >= 0) {
            int start = at + CREATED_ON.length;
            int end = start;
            while (end < body.length && body[end] != '"') end++;
            return Instant.parse(new String(body, start, end - start, StandardCharsets.US_ASCII));
        }
        return Instant.parse(JSON.readTree(body).path("created_on").asText());
    }

    private static int indexOf(byte[] body, byte[] part) {
        outer:
        for (int i = 0; i + part.length <= body.length; i++) {
            for (int j = 0; j < part.length; j++) if (body[i + j] != part[j]) continue outer;
            return i;
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
