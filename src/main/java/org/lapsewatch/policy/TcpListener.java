package org.lapsewatch.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP listener that serves each connection on its own virtual thread, closes connections over
 * the limit at once, applies an idle timeout to every read, and on {@link #close()} stops
 * accepting and closes every open connection.
 */
final class TcpListener implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TcpListener.class);

    /** Serves one connection until the peer is done; may throw on I/O errors. */
    interface Handler {
        void serve(Socket socket) throws IOException;
    }

    private final String name;
    private final ServerSocket server;
    private final int maxConnections;
    private final int idleMillis;
    private final Handler handler;
    private final PolicyMetrics.Listener metrics;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;
    private volatile boolean closed;

    TcpListener(String name, String host, int port, int maxConnections, Duration idleTimeout, Handler handler,
                PolicyMetrics.Listener metrics) throws IOException {
        this.name = name;
        this.maxConnections = maxConnections;
        this.idleMillis = (int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis());
        this.handler = handler;
        this.metrics = metrics;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getByName(host), port), 4096);
        this.acceptor = Thread.ofPlatform().name("lapsewatch-" + name + "-accept").daemon().start(this::acceptLoop);
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
            open.add(socket);
            metrics.open.incrementAndGet();
            Thread.ofVirtual().name("lapsewatch-" + name + "-conn").start(() -> serve(socket));
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(idleMillis);
            socket.setTcpNoDelay(true);
            handler.serve(socket);
        } catch (SocketTimeoutException e) {
            log.debug("{} listener: idle connection from {} closed", name, socket.getRemoteSocketAddress());
        } catch (SocketException e) {
            log.debug("{} listener: connection from {} ended: {}", name, socket.getRemoteSocketAddress(), e.toString());
        } catch (IOException | RuntimeException e) {
            log.warn("{} listener: connection from {} failed: {}", name, socket.getRemoteSocketAddress(), e.toString());
        } finally {
            open.remove(socket);
            metrics.open.decrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(server);
        for (Socket s : open) {
            closeQuietly(s);
        }
        try {
            acceptor.join(5000);
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
