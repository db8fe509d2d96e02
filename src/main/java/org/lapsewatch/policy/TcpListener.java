package org.lapsewatch.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP listener that serves each connection on its own virtual thread, closes connections over
 * the limit at once, closes connections that sent nothing for the idle timeout, and on
 * {@link #close()} stops accepting and closes every open connection.
 *
 * <p>Why idle connections are found by a sweep instead of a read timeout on the socket: a timed
 * read on a virtual thread arms and cancels a timer on the scheduler's delay thread for every
 * read. At 100,000 requests/s that thread took a fifth of a core and woke 43,000 times a second
 * on this 2-core machine, stealing the carriers' CPU and lengthening the latency tail. A
 * connection now only stamps the time of its last read; one sweeper thread closes the silent
 * ones, which ends their blocked read.
 */
final class TcpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

    /** Serves one connection until the peer is done, reading from {@code in}; may throw on I/O errors. */
    interface Handler {
        void serve(Socket socket, InputStream in) throws IOException;
    }

    /** An open connection and when it last received bytes (or opened). */
    private static final class Connection extends FilterInputStream {
        final Socket socket;
        volatile long lastReadNanos = System.nanoTime();
        volatile boolean closedAsIdle;

        Connection(Socket socket) throws IOException {
            super(socket.getInputStream());
            this.socket = socket;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastReadNanos = System.nanoTime();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            lastReadNanos = System.nanoTime();
            return n;
        }
    }

    private final String name;
    private final ServerSocket server;
    private final int maxConnections;
    private final long idleNanos;
    private final Handler handler;
    private final PolicyMetrics.Listener metrics;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Thread idleSweeper;
    private volatile boolean closed;

    TcpListener(String name, String host, int port, int maxConnections, Duration idleTimeout, Handler handler,
                PolicyMetrics.Listener metrics) throws IOException {
        this.name = name;
        this.maxConnections = maxConnections;
        this.idleNanos = idleTimeout.toNanos();
        this.handler = handler;
        this.metrics = metrics;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 4096);
        this.acceptor = Thread.ofPlatform().name("lapsewatch-" + name + "-accept").daemon().start(this::acceptLoop);
        this.idleSweeper = Thread.ofPlatform().name("lapsewatch-" + name + "-idle").daemon().start(this::sweepIdle);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{} listener: accept failed: {}", name, e.toString());
                }
                continue;
            }
            if (open.size() >= maxConnections) {
                metrics.refused();
                closeQuietly(socket);
                continue;
            }
            Connection connection;
            try {
                connection = new Connection(socket);
            } catch (IOException e) {
                log.debug("{} listener: connection from {} ended before it was served: {}", name,
                        socket.getRemoteSocketAddress(), e.toString());
                closeQuietly(socket);
                continue;
            }
            open.add(connection);
            metrics.open.incrementAndGet();
            Thread.ofVirtual().name("lapsewatch-" + name + "-conn").start(() -> serve(connection));
        }
    }

    private void serve(Connection connection) {
        Socket socket = connection.socket;
        try (socket) {
            socket.setTcpNoDelay(true);
            handler.serve(socket, connection);
        } catch (SocketException e) {
            if (connection.closedAsIdle) {
                log.debug("{} listener: idle connection from {} closed", name, socket.getRemoteSocketAddress());
            } else {
                log.debug("{} listener: connection from {} ended: {}", name, socket.getRemoteSocketAddress(), e.toString());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("{} listener: connection from {} failed: {}", name, socket.getRemoteSocketAddress(), e.toString());
        } finally {
            open.remove(connection);
            metrics.open.decrementAndGet();
        }
    }

    /** Closes connections silent for the idle timeout, checking a quarter of it apart (10 ms to 1 s). */
    private void sweepIdle() {
        long every = Math.clamp(idleNanos / 4, 10_000_000L, 1_000_000_000L);
        while (!closed) {
            LockSupport.parkNanos(this, every);
            long now = System.nanoTime();
            for (Connection c : open) {
                if (now - c.lastReadNanos >= idleNanos) {
                    c.closedAsIdle = true;
                    closeQuietly(c.socket);
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Connection c : open) {
            closeQuietly(c.socket);
        }
        LockSupport.unpark(idleSweeper);
        try {
            acceptor.join(5000);
            idleSweeper.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing on shutdown or refusal: nothing more to do
        }
    }
}
