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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Keep-alive connections to webhook receivers, pooled per origin (scheme, host, port). Each is
 * opened to an address the SSRF guard allowed for that very attempt, and reused only by an
 * attempt whose own check allowed the same address again. https connections verify the
 * receiver's certificate against the URL's host name (SNI included), as a browser would.
 * <p>
 * A connection idle for longer than {@link #IDLE_NANOS} is closed rather than reused: receivers
 * close idle connections after a few seconds (Node's default is 5 s), and a request written into
 * one they have just closed fails. One that holds unread bytes is never reused either: they can
 * only be the tail of an answer or an answer to nothing (a 408 before closing), and reading them as
 * the next attempt's answer would record the wrong status. Thread-safe; a connection is used by
 * one attempt at a time.
 */
final class ReceiverConnections {
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(4);
    private static final long SWEEP_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final int MAX_IDLE_PER_ORIGIN = 64;
    /**
     * Closes the socket of an attempt that reached its deadline. A socket timeout bounds each read,
     * not their sum, and not writes: a receiver that drips a byte now and then (TLS reads many small
     * records) would otherwise hold a slot for as long as it likes.
     */
    private static final ScheduledExecutorService DEADLINES = deadlines();

    private final SSLSocketFactory tls;
    private final Map<Origin, Deque<Connection>> idle = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    ReceiverConnections(SSLSocketFactory tls) {
        this.tls = tls;
    }

    private static ScheduledExecutorService deadlines() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon()
                .name("webhook-deadlines").factory());
        timer.setRemoveOnCancelPolicy(true); // almost every attempt ends before its deadline
        return Executors.unconfigurableScheduledExecutorService(timer);
    }

    /** Where a connection goes; the host as the URL spells it (certificates and SNI name it). */
    record Origin(boolean secure, String host, int port) {
        static Origin of(URI url) {
            boolean secure = url.getScheme().toLowerCase(Locale.ROOT).equals("https");
            return new Origin(secure, SsrfGuard.host(url), url.getPort() != -1 ? url.getPort() : secure ? 443 : 80);
        }
    }

    /** One socket and its streams, used by one attempt at a time. */
    static final class Connection {
        /** The TCP socket: what the deadline closes, even under TLS (closing that would first try to write). */
        private final Socket raw;
        private final Socket socket;
        final InetAddress address;
        private final CountingInput counted;
        final InputStream in;
        final OutputStream out;
        /** True once it has carried an attempt: a failure before any answer may then mean the receiver closed it. */
        boolean reused;
        private long idleSince;
        private Deadline deadline;

        private Connection(Socket raw, Socket socket, InetAddress address) throws IOException {
            this.raw = raw;
            this.socket = socket;
            this.address = address;
            this.counted = new CountingInput(socket.getInputStream());
            this.in = new BufferedInputStream(counted, 8192);
            this.out = socket.getOutputStream();
        }

        /** Bytes of the answer read so far in this attempt. */
        long answered() {
            return counted.count;
        }

        /** Whether the attempt's deadline closed the socket. */
        boolean timedOut() {
            return deadline != null && deadline.fired();
        }

        /**
         * Ends the attempt's deadline; false if it already fired (the socket is closed then). Only
         * a connection with nothing unread, neither here nor in the kernel, may carry another attempt.
         */
        boolean finish() {
            if (deadline != null && !deadline.cancel()) return false;
            try {
                return in.available() == 0 && raw.getInputStream().available() == 0;
            } catch (IOException e) {
                return false;
            }
        }

        void close() {
            if (deadline != null) deadline.cancel();
            try {
                raw.close();
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with it
            }
        }

        private void arm(Deadline d) {
            this.deadline = d;
            counted.count = 0;
        }
    }

    /** An idle connection to one of the allowed addresses, armed with the deadline, or null. */
    Connection reuse(Origin origin, List<InetAddress> allowed, long deadlineNanos) {
        sweepNowAndThen();
        Deque<Connection> pool = idle.get(origin);
        if (pool == null) return null;
        long now = System.nanoTime();
        for (Connection c; (c = pool.pollFirst()) != null; ) {
            if (!usable(c, now) || !allowed.contains(c.address)) {
                c.close();
                continue;
            }
            c.reused = true;
            c.arm(Deadline.at(deadlineNanos, c.raw));
            return c;
        }
        return null;
    }

    /** Not idle for too long, not closed, and nothing arrived while it was idle (an answer to nothing). */
    private static boolean usable(Connection c, long now) {
        if (now - c.idleSince > IDLE_NANOS || c.raw.isClosed()) return false;
        try {
            return c.raw.getInputStream().available() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A new connection to the first allowed address that accepts one, armed with the deadline
     * (which bounds the TLS handshake too). A refused address passes to the next; the last
     * failure is thrown.
     */
    Connection open(Origin origin, List<InetAddress> allowed, long deadlineNanos) throws IOException {
        IOException last = null;
        for (InetAddress address : allowed) {
            Socket raw = new Socket();
            Deadline deadline = null;
            try {
                raw.setTcpNoDelay(true);
                raw.connect(new InetSocketAddress(address, origin.port()), remainingMillis(deadlineNanos));
                deadline = Deadline.at(deadlineNanos, raw);
                Socket socket = origin.secure() ? handshake(raw, origin) : raw;
                Connection c = new Connection(raw, socket, address);
                c.arm(deadline);
                return c;
            } catch (ConnectException e) {
                raw.close();
                last = e;
            } catch (IOException | RuntimeException e) {
                raw.close();
                if (deadline != null && !deadline.cancel()) throw new SocketTimeoutException("the attempt's time is up");
                throw e;
            }
        }
        throw last != null ? last : new ConnectException("no address to connect to");
    }

    private Socket handshake(Socket raw, Origin origin) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(raw, origin.host(), origin.port(), true);
        SSLParameters params = socket.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(params);
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

    /**
     * Closes every connection idle for too long, in every origin's pool, at most once a second, so
     * that an origin no attempt goes to any more (an endpoint deleted, a URL changed) keeps no
     * sockets open.
     */
    private void sweepNowAndThen() {
        long now = System.nanoTime(), last = lastSweep.get();
        if (now - last < SWEEP_NANOS || !lastSweep.compareAndSet(last, now)) return;
        for (Iterator<Map.Entry<Origin, Deque<Connection>>> pools = idle.entrySet().iterator(); pools.hasNext(); ) {
            Deque<Connection> pool = pools.next().getValue();
            pool.removeIf(c -> {
                if (now - c.idleSince <= IDLE_NANOS) return false;
                c.close();
                return true;
            });
            if (pool.isEmpty()) pools.remove(); // a release racing this makes a new one
        }
    }

    private static int remainingMillis(long deadlineNanos) throws SocketTimeoutException {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) throw new SocketTimeoutException("the attempt's time is up");
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left)));
    }

    /** One attempt's deadline on one socket: when it fires, the socket is closed. */
    private static final class Deadline {
        private static final int ARMED = 0, FIRED = 1, CANCELLED = 2;
        private final AtomicInteger state = new AtomicInteger(ARMED);
        private volatile ScheduledFuture<?> timer;

        static Deadline at(long deadlineNanos, Socket raw) {
            Deadline d = new Deadline();
            d.timer = DEADLINES.schedule(() -> {
                if (!d.state.compareAndSet(ARMED, FIRED)) return;
                try {
                    raw.close(); // the blocked read, write or handshake fails at once
                } catch (IOException ignored) {
                    // closed is closed
                }
            }, Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return d;
        }

        boolean fired() {
            return state.get() == FIRED;
        }

        /** True if it had not fired, so the socket is still open; may be called more than once. */
        boolean cancel() {
            if (state.compareAndSet(ARMED, CANCELLED)) {
                timer.cancel(false);
                return true;
            }
            return state.get() == CANCELLED;
        }
    }

    /** Counts the bytes read from the socket, so that a failure can tell whether any answer had begun. */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        volatile long count;

        CountingInput(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) count++;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) count += n;
            return n;
        }

        @Override
        public int available() throws IOException {
            return in.available();
        }
    }
}
