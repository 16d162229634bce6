package dev.till.core.webhooks;

import dev.till.core.webhooks.ReceiverConnections.Connection;
import dev.till.core.webhooks.ReceiverConnections.Origin;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one signed POST over HTTP/1.1 and reports what happened. Redirects are never followed (a
 * 3xx is a failed attempt), the whole exchange (connecting, the TLS handshake, writing, reading)
 * must fit in the timeout, after which the socket is closed, and at most {@link #EXCERPT_BYTES} of
 * the answer are kept. An answer that is not plainly HTTP/1.x (a bad status line, two different
 * lengths) fails the attempt rather than being guessed at.
 * <p>
 * It speaks HTTP itself, on blocking sockets, rather than through the JDK's {@code HttpClient}:
 * that client hands each exchange through its selector thread and several executor tasks, which on
 * a busy node meant several trips through the virtual-thread scheduler's queue per delivery
 * (docs/hot-path.md, session 9). Here the sending thread writes the request and reads the answer.
 * It also connects to the addresses the SSRF guard just checked, not to a second DNS answer.
 * Thread-safe.
 */
public final class WebhookSender {
    static final int EXCERPT_BYTES = 512;
    /** A longer answer is not read to its end: the connection is closed instead of reused. */
    private static final int DRAIN_BYTES = 64 * 1024;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    /**
     * Headers this sender writes itself or that frame the message, lower case: never taken from an
     * endpoint's headers (EndpointValidation refuses them when an endpoint is registered).
     */
    public static final Set<String> OWN_HEADERS = Set.of("host", "content-length", "content-type", "user-agent",
            "transfer-encoding", "connection", "keep-alive", "te", "trailer", "upgrade", "expect");

    private final Duration timeout;
    private final Clock clock;
    private final ReceiverConnections connections;

    public WebhookSender(Duration timeout, Clock clock) {
        this(timeout, clock, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /** {@code tls}: the trust a receiver's certificate is checked against (the JDK's by default). */
    public WebhookSender(Duration timeout, Clock clock, SSLSocketFactory tls) {
        this.timeout = timeout;
        this.clock = clock;
        this.connections = new ReceiverConnections(tls);
    }

    /** {@code addresses}: where the URL's host may be reached, as the SSRF guard allowed them. */
    public AttemptResult send(URI url, List<InetAddress> addresses, Map<String, String> customHeaders,
                              Map<String, String> signedHeaders, byte[] body) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Origin origin = Origin.of(url);
        byte[] request = request(url, origin, customHeaders, signedHeaders, body);
        try {
            Connection reused = connections.reuse(origin, addresses, deadline);
            if (reused != null) {
                try {
                    return exchange(origin, reused, request, started);
                } catch (Unanswered e) {
                    // The receiver closed the idle connection as the request went out; it had not
                    // answered, so the attempt is made once more on a connection of its own.
                }
            }
            return exchange(origin, connections.open(origin, addresses, deadline), request, started);
        } catch (SocketTimeoutException e) {
            return failed(started, "timeout");
        } catch (ConnectException e) {
            return failed(started, "connection_refused");
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) return failed(started, "interrupted");
            return failed(started, "io_error: " + e.getClass().getSimpleName());
        }
    }

    private AttemptResult failed(long started, String error) {
        return new AttemptResult(null, millisSince(started), error, null, Optional.empty());
    }

    /** A failure on a reused connection before a byte of the answer arrived. */
    private static final class Unanswered extends IOException {
        Unanswered(IOException cause) {
            super(cause);
        }
    }

    private AttemptResult exchange(Origin origin, Connection c, byte[] request, long started) throws IOException {
        Head head;
        try {
            c.out.write(request);
            c.out.flush();
            head = readHead(c.in);
        } catch (IOException e) {
            c.close();
            if (c.timedOut()) throw new SocketTimeoutException("the attempt's time is up");
            // Only a connection that had not begun to answer can have been closed while idle.
            if (c.reused && c.answered() == 0 && !(e instanceof SocketTimeoutException)) throw new Unanswered(e);
            throw e;
        }
        boolean reusable = head.keepAlive();
        ByteArrayOutputStream kept = new ByteArrayOutputStream(EXCERPT_BYTES);
        try {
            reusable &= readBody(c.in, head, kept);
        } catch (IOException e) {
            reusable = false; // the status came; the answer's body is cut short (or its time ran out)
        }
        if (reusable && c.finish()) connections.release(origin, c);
        else c.close();
        // PostgreSQL text cannot hold NUL, and a receiver may send anything.
        String excerpt = kept.toString(StandardCharsets.UTF_8).replace('\u0000', ' ');
        return new AttemptResult(head.status(), millisSince(started), null, excerpt.isEmpty() ? null : excerpt,
                retryAfter(Optional.ofNullable(head.retryAfter())));
    }

    private static byte[] request(URI url, Origin origin, Map<String, String> custom, Map<String, String> signed, byte[] body) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) path += "?" + url.getRawQuery();
        boolean defaultPort = origin.port() == (origin.secure() ? 443 : 80);
        StringBuilder head = new StringBuilder(512).append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(defaultPort ? "" : ":" + origin.port()).append("\r\n")
                .append("Content-Type: application/json\r\n")
                .append("User-Agent: Till-Webhooks/1\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        custom.forEach((name, value) -> header(head, name, value));
        signed.forEach((name, value) -> header(head, name, value));
        byte[] h = head.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
        byte[] request = new byte[h.length + body.length];
        System.arraycopy(h, 0, request, 0, h.length);
        System.arraycopy(body, 0, request, h.length, body.length);
        return request;
    }

    /**
     * Endpoint headers are checked when registered (EndpointValidation); this is the last line of
     * defence: a line break would split the request, and a framing header would change where it ends.
     */
    private static void header(StringBuilder head, String name, String value) {
        if (name.chars().anyMatch(ch -> ch <= ' ' || ch == ':' || ch >= 0x7f) || value.chars().anyMatch(ch -> ch < ' ' || ch == 0x7f)
                || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("header " + name + " cannot be sent");
        }
        head.append(name).append(": ").append(value).append("\r\n");
    }

    /** The status and the headers that decide how the body is framed. */
    private record Head(int status, long contentLength, boolean chunked, boolean keepAlive, String retryAfter) {}

    /** The answer's status line and headers; interim (1xx) answers are skipped. */
    private static Head readHead(InputStream in) throws IOException {
        while (true) {
            String status = line(in);
            if (!status.startsWith("HTTP/1.") || status.length() < 12 || status.charAt(8) != ' '
                    || (status.length() > 12 && status.charAt(12) != ' ')) {
                throw new ProtocolException("not an HTTP/1.x status line");
            }
            int code = parseStatus(status.substring(9, 12));
            boolean http11 = status.charAt(7) == '1';
            long length = -1;
            String coding = null; // the last transfer coding named, if any
            boolean close = !http11;
            String retryAfter = null;
            for (int n = 0; ; n++) {
                String header = line(in);
                if (header.isEmpty()) break;
                if (n == MAX_HEADERS) throw new ProtocolException("too many headers");
                int colon = header.indexOf(':');
                if (colon <= 0) throw new ProtocolException("malformed header");
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> {
                        long declared = parseLength(value);
                        if (length >= 0 && declared != length) throw new ProtocolException("conflicting Content-Length");
                        length = declared;
                    }
                    case "transfer-encoding" -> {
                        String[] codings = value.split(",");
                        coding = codings[codings.length - 1].trim().toLowerCase(Locale.ROOT);
                    }
                    case "connection" -> {
                        String v = value.toLowerCase(Locale.ROOT);
                        if (v.contains("close")) close = true;
                        else if (v.contains("keep-alive")) close = false;
                    }
                    case "retry-after" -> retryAfter = retryAfter == null ? value : retryAfter;
                    default -> { }
                }
            }
            if (code >= 100 && code < 200) continue;
            // A transfer coding overrides any length (RFC 9112, 6.3); one that does not end in
            // chunked, like no length at all, runs until the receiver closes the connection.
            boolean chunked = "chunked".equals(coding);
            if (coding != null) length = -1;
            boolean framed = chunked || length >= 0 || code == 204 || code == 304;
            return new Head(code, length, chunked, !close && framed, retryAfter);
        }
    }

    /** Keeps the first bytes of the body; true if it was read to its end, so the connection can be reused. */
    private static boolean readBody(InputStream in, Head head, ByteArrayOutputStream kept) throws IOException {
        if (head.status() == 204 || head.status() == 304) return true;
        if (head.chunked()) {
            long total = 0;
            while (true) {
                String size = line(in);
                int semicolon = size.indexOf(';');
                long chunk = parseChunkSize(semicolon < 0 ? size : size.substring(0, semicolon));
                if (chunk == 0) break;
                total += chunk;
                if (total > DRAIN_BYTES) return false;
                copy(in, chunk, kept);
                if (!line(in).isEmpty()) throw new ProtocolException("chunk not followed by CRLF");
            }
            while (!line(in).isEmpty()) {
                // trailers, ignored
            }
            return true;
        }
        if (head.contentLength() >= 0) {
            if (head.contentLength() > DRAIN_BYTES) {
                copy(in, Math.min(EXCERPT_BYTES, head.contentLength()), kept);
                return false;
            }
            copy(in, head.contentLength(), kept);
            return true;
        }
        byte[] buf = new byte[EXCERPT_BYTES]; // until the receiver closes, of which the first bytes
        for (int r; kept.size() < EXCERPT_BYTES && (r = in.read(buf, 0, EXCERPT_BYTES - kept.size())) >= 0; ) {
            kept.write(buf, 0, r);
        }
        return false;
    }

    /** Reads {@code n} bytes, keeping those that still fit in the excerpt. */
    private static void copy(InputStream in, long n, ByteArrayOutputStream kept) throws IOException {
        byte[] buf = new byte[(int) Math.min(n, 4096)];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) throw new EOFException("the receiver closed the connection");
            int keep = Math.min(r, EXCERPT_BYTES - kept.size());
            if (keep > 0) kept.write(buf, 0, keep);
            n -= r;
        }
    }

    /** One line without its CRLF (a bare LF is accepted). */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) throw new EOFException("the receiver closed the connection");
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
                return line.toString();
            }
            if (line.length() == MAX_LINE) throw new ProtocolException("line too long");
            line.append((char) b); // ISO-8859-1, as HTTP/1.1 header bytes are read
        }
    }

    private static int parseStatus(String digits) throws ProtocolException {
        try {
            int code = Integer.parseInt(digits);
            if (code < 100 || code > 999) throw new ProtocolException("bad status code");
            return code;
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad status code");
        }
    }

    private static long parseLength(String value) throws ProtocolException {
        try {
            long n = Long.parseLong(value);
            if (n < 0) throw new ProtocolException("bad Content-Length");
            return n;
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad Content-Length");
        }
    }

    private static long parseChunkSize(String hex) throws ProtocolException {
        try {
            long n = Long.parseLong(hex.trim(), 16);
            if (n < 0) throw new ProtocolException("bad chunk size");
            return n;
        } catch (NumberFormatException e) {
            throw new ProtocolException("bad chunk size");
        }
    }

    /** Seconds or an HTTP date, per RFC 9110; anything else is ignored. */
    Optional<Duration> retryAfter(Optional<String> header) {
        if (header.isEmpty()) return Optional.empty();
        String v = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                var at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(clock.instant(), at)).filter(d -> !d.isNegative());
            } catch (RuntimeException notADate) {
                return Optional.empty();
            }
        }
    }

    private static int millisSince(long startedNanos) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
