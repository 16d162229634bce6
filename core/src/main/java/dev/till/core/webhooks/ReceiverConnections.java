package dev.till.core.webhooks;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Keep-alive connections to webhook receivers, pooled per origin (scheme, host, port). Each is
 * opened to an address the SSRF guard allowed for that very attempt, and reused only by an
 * attempt whose own check allowed the same address again. https connections verify the
 * receiver's certificate against the URL's host name (SNI included), as a browser would.
 * <p>
 * A connection idle for longer than {@link #IDLE} is closed rather than reused: receivers close
 * idle connections after a few seconds (Node's default is 5 s), and a request written into one
 * they have just closed fails. Thread-safe; a connection is used by one attempt at a time.
 */
final class ReceiverConnections {
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);
    private static final int MAX_IDLE_PER_ORIGIN = 64;

    private final SSLSocketFactory tls;
    private final Map<Origin, Deque<Connection>> idle = new ConcurrentHashMap<>();

    ReceiverConnections(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /** Where a connection goes; the host as the URL spells it (certificates and SNI name it). */
    record Origin(boolean secure, String host, int port) {
        static Origin of(URI url) {
            boolean secure = url.getScheme().toLowerCase(Locale.ROOT).equals("https");
            String host = url.getHost();
            if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
            return new Origin(secure, host, url.getPort() != -1 ? url.getPort() : secure ? 443 : 80);
        }
    }

    /** One socket and its streams; reads wait at most until the deadline of the attempt using it. */
    static final class Connection {
        final Socket socket;
        final InetAddress address;
        final Deadline deadline = new Deadline();
        final InputStream in;
        final OutputStream out;
        /** True once it has carried an attempt: a failure before any answer may then mean the receiver closed it. */
        boolean reused;
        private long idleSince;

        private Connection(Socket socket, InetAddress address) throws IOException {
            this.socket = socket;
            this.address = address;
            this.in = new BufferedInputStream(new DeadlineInput(socket, socket.getInputStream(), deadline), 8192);
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }
    }

    /** An idle connection to one of the allowed addresses, or null; stale ones are closed on the way. */
    Connection reuse(Origin origin, List<InetAddress> allowed, long deadlineNanos) {
        Deque<Connection> pool = idle.get(origin);
        if (pool == null) return null;
        long now = System.nanoTime();
        for (Connection c; (c = pool.pollFirst()) != null; ) {
            if (now - c.idleSince > IDLE_NANOS || !allowed.contains(c.address) || c.socket.isClosed()) {
                c.close();
                continue;
            }
            c.deadline.nanos = deadlineNanos;
            c.reused = true;
            return c;
        }
        return null;
    }

    /**
     * A new connection to the first allowed address that accepts one, within the deadline (the
     * TLS handshake included). A refused address passes to the next; the last failure is thrown.
     */
    Connection open(Origin origin, List<InetAddress> allowed, long deadlineNanos) throws IOException {
        IOException last = null;
        for (InetAddress address : allowed) {
            Socket raw = new Socket();
            try {
                raw.setTcpNoDelay(true);
                raw.connect(new InetSocketAddress(address, origin.port()), Deadline.remainingMillis(deadlineNanos));
                Socket socket = origin.secure() ? handshake(raw, origin, deadlineNanos) : raw;
                Connection c = new Connection(socket, address);
                c.deadline.nanos = deadlineNanos;
                return c;
            } catch (ConnectException e) {
                raw.close();
                last = e;
            } catch (IOException | RuntimeException e) {
                raw.close();
                throw e;
            }
        }
        throw last != null ? last : new ConnectException("no address to connect to");
    }

    private Socket handshake(Socket raw, Origin origin, long deadlineNanos) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(raw, origin.host(), origin.port(), true);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
        socket.setSoTimeout(Deadline.remainingMillis(deadlineNanos));
        socket.startHandshake();
        return socket;
    }

    /** The attempt is over and the connection may carry another one. */
    void release(Origin origin, Connection c) {
        Deque<Connection> pool = idle.computeIfAbsent(origin, o -> new ConcurrentLinkedDeque<>());
        if (pool.size() >= MAX_IDLE_PER_ORIGIN) {
            c.close();
            return;
        }
        c.idleSince = System.nanoTime();
        pool.offerFirst(c); // the most recently used first: the others age out
    }

    /** The end of an attempt's time; set anew for each attempt on the connection. */
    static final class Deadline {
        volatile long nanos;

        static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) throw new SocketTimeoutException("the attempt's time is up");
            return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Every read waits at most until the deadline (a socket timeout of 0 would wait forever). */
    private static final class DeadlineInput extends InputStream {
        private final Socket socket;
        private final InputStream in;
        private final Deadline deadline;

        DeadlineInput(Socket socket, InputStream in, Deadline deadline) {
            this.socket = socket;
            this.in = in;
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            socket.setSoTimeout(Deadline.remainingMillis(deadline.nanos));
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            socket.setSoTimeout(Deadline.remainingMillis(deadline.nanos));
            return in.read(b, off, len);
        }
    }
}
