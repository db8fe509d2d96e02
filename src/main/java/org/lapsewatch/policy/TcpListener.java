package org.lapsewatch.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP listener that serves each connection on its own virtual thread, its input read by one of
 * the listener's {@link ReadLoop}s; closes connections over the limit at once, closes connections that
 * sent nothing for the idle timeout, and on {@link #close()} stops accepting and closes every open
 * connection.
 *
 * <p>Why idle connections are found by a sweep instead of a timed wait per read: a timed park on a
 * virtual thread arms and cancels a timer on the scheduler's delay thread for every read. At
 * 100,000 requests/s that thread took a fifth of a core and woke 43,000 times a second on this
 * 2-core machine, stealing the carriers' CPU and lengthening the latency tail. The read loop stamps
 * the time a connection's bytes came; one sweeper thread closes the silent ones, which ends their
 * wait.
 */
final class TcpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);
    /** Bytes read and discarded at most before a refused connection is closed. */
    private static final int MAX_DRAIN = 1 << 20;
    private static final int DRAIN_MILLIS = 2000;

    /** Serves one connection until the peer is done; may throw on I/O errors. */
    interface Handler {
        void serve(Connection connection) throws IOException;
    }

    /** One accepted connection as its handler sees it. */
    static final class Connection {
        private final SocketChannel channel;
        private final Thread thread;
        private final ReadLoop.Input in;
        private final OutputStream out;
        private final String peer;
        private volatile boolean closedAsIdle;

        /** A connection to be served by {@code serve} on its own virtual thread, not yet started. */
        private Connection(SocketChannel channel, ReadLoop loop, String threadName, Consumer<Connection> serve) {
            this.channel = channel;
            this.thread = loop.connectionThreads().name(threadName).unstarted(() -> serve.accept(this));
            this.in = loop.register(channel, thread);
            this.out = new ChannelOutput(channel);
            this.peer = peerOf(channel);
        }

        InputStream in() {
            return in;
        }

        OutputStream out() {
            return out;
        }

        /** The peer's address, for logs. */
        String peer() {
            return peer;
        }

        /**
         * Ends the replies and reads and discards what the peer is still sending, for up to
         * {@value #MAX_DRAIN} bytes and {@value #DRAIN_MILLIS} ms without input, before the
         * connection is closed after a refusal. Why: closing a socket with unread input makes TCP
         * send a reset, which can destroy the reply that explains the refusal before the peer
         * reads it.
         */
        void lingeringClose() {
            byte[] sink = new byte[8192];
            int total = 0;
            try {
                channel.shutdownOutput();
                in.setTimeout(DRAIN_MILLIS);
                int n;
                while (total < MAX_DRAIN && (n = in.read(sink)) >= 0) {
                    total += n;
                }
            } catch (IOException ignored) {
                // the peer went away or timed out: the connection is closed next either way
            }
        }

        private void close() {
            try {
                in.close();
            } catch (IOException ignored) {
                // closing on shutdown, idle or refusal: nothing more to do
            }
        }

        private static String peerOf(SocketChannel channel) {
            try {
                return String.valueOf(channel.getRemoteAddress());
            } catch (IOException e) {
                return "a closed connection";
            }
        }
    }

    private final String name;
    private final ServerSocketChannel server;
    private final int schedulingLoops;
    private final ReadLoop[] reads;
    /** The loop the next connection goes to, round robin; touched by the acceptor only. */
    private int nextLoop;
    private final int maxConnections;
    private final long idleNanos;
    private final Handler handler;
    private final PolicyMetrics.Listener metrics;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private final Thread idleSweeper;
    private volatile boolean closed;

    /**
     * A listener whose read loops schedule their connections' threads where the JVM allows it
     * ({@link LoopScheduling}), one loop per two cores then (Postfix needs the others); otherwise
     * one loop, the threads on the JDK's scheduler.
     */
    TcpListener(String name, String host, int port, int maxConnections, Duration idleTimeout, Handler handler,
                PolicyMetrics.Listener metrics) throws IOException {
        this(name, host, port, maxConnections, idleTimeout, handler, metrics,
                LoopScheduling.available() ? Math.max(1, Runtime.getRuntime().availableProcessors() / 2) : 0);
    }

    /**
     * A listener with {@code schedulingLoops} read loops that schedule their connections' threads,
     * or with 0, one loop whose connections' threads run on the JDK's scheduler.
     */
    TcpListener(String name, String host, int port, int maxConnections, Duration idleTimeout, Handler handler,
                PolicyMetrics.Listener metrics, int schedulingLoops) throws IOException {
        this.name = name;
        this.maxConnections = maxConnections;
        this.idleNanos = idleTimeout.toNanos();
        this.handler = handler;
        this.metrics = metrics;
        this.server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 4096);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        this.schedulingLoops = schedulingLoops;
        this.reads = new ReadLoop[Math.max(1, schedulingLoops)];
        try {
            for (int i = 0; i < reads.length; i++) {
                reads[i] = new ReadLoop("lapsewatch-" + name + "-read-" + i, schedulingLoops > 0);
            }
        } catch (IOException | RuntimeException e) {
            closeLoops(reads);
            closeQuietly(server);
            throw e;
        }
        this.acceptor = Thread.ofPlatform().name("lapsewatch-" + name + "-accept").daemon().start(this::acceptLoop);
        this.idleSweeper = Thread.ofPlatform().name("lapsewatch-" + name + "-idle").daemon().start(this::sweepIdle);
    }

    int port() {
        return server.socket().getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    log.warn("{} listener: accept failed: {}", name, e.toString());
                }
                continue;
            }
            if (open.size() >= maxConnections) {
                metrics.refused();
                closeQuietly(channel);
                continue;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                log.debug("{} listener: connection from {} ended before it was served: {}", name,
                        Connection.peerOf(channel), e.toString());
                closeQuietly(channel);
                continue;
            }
            ReadLoop loop = reads[nextLoop];
            nextLoop = (nextLoop + 1) % reads.length;
            Connection connection = new Connection(channel, loop, "lapsewatch-" + name + "-conn", this::serve);
            open.add(connection);
            metrics.open.incrementAndGet();
            connection.thread.start();
        }
    }

    private void serve(Connection connection) {
        try {
            handler.serve(connection);
        } catch (SocketException e) {
            if (connection.closedAsIdle) {
                log.debug("{} listener: idle connection from {} closed", name, connection.peer);
            } else {
                log.debug("{} listener: connection from {} ended: {}", name, connection.peer, e.toString());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("{} listener: connection from {} failed: {}", name, connection.peer, e.toString());
        } finally {
            connection.close();
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
                if (now - c.in.lastInputNanos >= idleNanos) {
                    c.closedAsIdle = true;
                    c.close();
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Connection c : open) {
            c.close();
        }
        LockSupport.unpark(idleSweeper);
        try {
            acceptor.join(5000);
            idleSweeper.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeLoops(reads);
    }

    /** How this listener's connections' threads are scheduled, for the start-up log. */
    String scheduling() {
        return schedulingLoops > 0 ? "on " + schedulingLoops + " read loop" + (schedulingLoops == 1 ? "" : "s")
                : "on the JDK's scheduler";
    }

    private static void closeLoops(ReadLoop[] loops) {
        for (ReadLoop loop : loops) {
            if (loop != null) {
                loop.close();
            }
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
