package dev.till.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.URLEncoder;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;

/**
 * Lets pgjdbc reach PostgreSQL through its Unix-domain socket: name it in the JDBC URL as
 * {@code socketFactory=dev.till.core.storage.UnixSocketFactory&socketFactoryArg=<socket file>}.
 * The embedded database does (see {@link EmbeddedDatabase}). On loopback TCP every message pays
 * for the whole TCP path on both sides, and the sender also for the receiver's half of it: at one
 * authorize client pgjdbc's socket writes alone were 9% of the gateway's CPU (docs/hot-path.md,
 * session 8).
 * <p>
 * pgjdbc builds everything on {@link Socket}, which the JDK cannot open on a Unix-domain address,
 * so {@link Connected} wraps a {@link SocketChannel} in a Socket. Reads block the calling virtual
 * thread as a socket's would. A read timeout (pgjdbc's {@code socketTimeout}, the pool's
 * validation timeout) cannot interrupt a blocking channel read, so a read that outlives it closes
 * the connection: pgjdbc treats a timed-out read as a broken connection anyway. (The one place
 * it expects a timeout and carries on, polling for LISTEN notifications, Till does not use.)
 */
public final class UnixSocketFactory extends SocketFactory {
    private final Path socketFile;

    /** pgjdbc's {@code socketFactoryArg}: the socket file, e.g. {@code /var/run/postgresql/.s.PGSQL.5432}. */
    public UnixSocketFactory(String socketFile) {
        if (socketFile == null || socketFile.isBlank()) {
            throw new IllegalArgumentException("socketFactoryArg must name PostgreSQL's socket file");
        }
        this.socketFile = Path.of(socketFile);
    }

    /**
     * A JDBC URL that reaches {@code database} through {@code socketFile}. pgjdbc still wants a
     * host and port in the URL; the factory ignores them.
     */
    public static String jdbcUrl(String database, Path socketFile) {
        return "jdbc:postgresql://localhost/" + database + "?socketFactory=" + UnixSocketFactory.class.getName()
                + "&socketFactoryArg=" + URLEncoder.encode(socketFile.toString(), StandardCharsets.UTF_8)
                // a Unix-domain socket has no TLS to offer; asking for it is a wasted round trip
                + "&sslmode=disable";
    }

    /** pgjdbc calls this and then, because the socket says it is connected, skips its own connect. */
    @Override
    public Socket createSocket() throws IOException {
        return new Connected(socketFile);
    }

    // The address pgjdbc resolved from the URL's host and port does not apply to a socket file.
    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return createSocket();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
        return createSocket();
    }

    private static final class Connected extends Socket {
        /** Closes connections whose read outlived the read timeout; idle unless a timeout is set. */
        private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "till-db-read-timeouts");
            t.setDaemon(true);
            return t;
        });

        private final SocketChannel channel;
        private final InputStream in;
        private final OutputStream out;
        private volatile int readTimeoutMillis;
        private volatile boolean timedOut;

        Connected(Path socketFile) throws IOException {
            channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                channel.connect(UnixDomainSocketAddress.of(socketFile));
            } catch (IOException e) {
                channel.close();
                throw e;
            }
            InputStream raw = Channels.newInputStream(channel);
            in = new InputStream() {
                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int timeout = readTimeoutMillis;
                    if (timeout <= 0) return raw.read(b, off, len);
                    ScheduledFuture<?> expiry = TIMEOUTS.schedule(Connected.this::expire, timeout, TimeUnit.MILLISECONDS);
                    try {
                        return raw.read(b, off, len);
                    } catch (IOException e) {
                        if (timedOut) throw new SocketTimeoutException("no answer from PostgreSQL within " + timeout + " ms");
                        throw e;
                    } finally {
                        expiry.cancel(false);
                    }
                }

                @Override
                public int available() throws IOException {
                    return raw.available();
                }
            };
            out = Channels.newOutputStream(channel);
        }

        private void expire() {
            timedOut = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing is all a timeout can do; the blocked read fails either way
            }
        }

        @Override
        public InputStream getInputStream() throws IOException {
            if (!channel.isOpen()) throw new SocketException("Socket is closed");
            return in;
        }

        @Override
        public OutputStream getOutputStream() throws IOException {
            if (!channel.isOpen()) throw new SocketException("Socket is closed");
            return out;
        }

        @Override
        public boolean isConnected() {
            return true; // connected in the constructor, and a closed socket stays "connected" as Socket's do
        }

        @Override
        public boolean isClosed() {
            return !channel.isOpen();
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }

        @Override
        public void setSoTimeout(int timeout) {
            readTimeoutMillis = timeout;
        }

        @Override
        public int getSoTimeout() {
            return readTimeoutMillis;
        }

        // TCP options have no meaning on a Unix-domain socket; pgjdbc sets them on every connection.
        @Override
        public void setTcpNoDelay(boolean on) {}

        @Override
        public boolean getTcpNoDelay() {
            return true;
        }

        @Override
        public void setKeepAlive(boolean on) {}

        @Override
        public boolean getKeepAlive() {
            return false;
        }

        @Override
        public void setSendBufferSize(int size) {}

        @Override
        public void setReceiveBufferSize(int size) {}

        // pgjdbc sizes its buffers by these; Socket's own would open a TCP socket to answer.
        @Override
        public int getSendBufferSize() throws SocketException {
            return option(StandardSocketOptions.SO_SNDBUF);
        }

        @Override
        public int getReceiveBufferSize() throws SocketException {
            return option(StandardSocketOptions.SO_RCVBUF);
        }

        private int option(java.net.SocketOption<Integer> option) throws SocketException {
            try {
                return channel.getOption(option);
            } catch (IOException e) {
                throw e instanceof SocketException s ? s : new SocketException(e.getMessage());
            }
        }

        @Override
        public void shutdownInput() throws IOException {
            channel.shutdownInput();
        }

        @Override
        public void shutdownOutput() throws IOException {
            channel.shutdownOutput();
        }

        @Override
        public String toString() {
            return "UnixSocket[" + channel + "]";
        }
    }
}
