package dev.till.bench;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection, used by one client at a time, with blocking I/O on a virtual
 * thread. The load generator shares the machine's two cores with the gateway and PostgreSQL, so it
 * must cost as little as it can: the JDK's {@code HttpClient} (selector thread, async pipeline and
 * a handful of hand-offs per exchange) took about twice the CPU of this per request (19–23% of the
 * machine during the benchmark's warm-up, against 8–12%). It speaks
 * only what the gateway answers: {@code Content-Length} or chunked bodies, and {@code Connection: close}.
 * Not thread-safe.
 */
final class HttpConnection implements AutoCloseable {
    record Response(int status, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private boolean open = true;
    private long lastUsed = System.nanoTime();

    HttpConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        this.host = host + ":" + port;
    }

    /** {@code headers} alternate names and values. A failed exchange leaves the connection closed. */
    Response exchange(String method, String path, byte[] body, String... headers) throws IOException {
        try {
            StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path)
                    .append(" HTTP/1.1\r\nHost: ").append(host).append("\r\n");
            for (int i = 0; i < headers.length; i += 2) head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            head.append("Content-Length: ").append(body == null ? 0 : body.length).append("\r\n\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) out.write(body);
            out.flush();
            Response r = read();
            lastUsed = System.nanoTime();
            return r;
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    boolean isOpen() {
        return open;
    }

    /**
     * Whether the connection has waited unused longer than the server may keep it: the server
     * closes idle connections on its own (Jetty after 30 s), and between two rows of the benchmark a
     * pooled connection can sit idle for minutes. A request sent on a connection the server has
     * closed fails, so the client opens a fresh one instead.
     */
    boolean idleLongerThan(long nanos) {
        return System.nanoTime() - lastUsed > nanos;
    }

    private Response read() throws IOException {
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) throw new IOException("bad status line: " + statusLine);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) length = Long.parseLong(value);
            else if (name.equalsIgnoreCase("Transfer-Encoding")) chunked = value.equalsIgnoreCase("chunked");
            else if (name.equalsIgnoreCase("Connection") && value.equalsIgnoreCase("close")) open = false;
        }
        byte[] body;
        if (chunked) body = chunkedBody();
        else if (length >= 0) body = in.readNBytes((int) length);
        else if (status == 204 || status == 304) body = new byte[0];
        else {
            body = in.readAllBytes(); // no length: the body runs to the end of the connection
            open = false;
        }
        if (length >= 0 && body.length != length) throw new EOFException("body cut short");
        if (!open) close();
        return new Response(status, body);
    }

    private byte[] chunkedBody() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line();
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) { } // trailers
                return body.toByteArray();
            }
            byte[] chunk = in.readNBytes(n);
            if (chunk.length != n) throw new EOFException("chunk cut short");
            body.writeBytes(chunk);
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder s = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) throw new EOFException("connection closed mid-response");
            if (c != '\r') s.append((char) c);
        }
        return s.toString();
    }

    @Override
    public void close() {
        open = false;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a broken connection
        }
    }
}
