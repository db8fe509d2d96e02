package org.lapsewatch.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code /metrics} (Prometheus text) and {@code /health} for a process without the web server:
 * {@code policy-server} on a mail gateway. The JDK's HTTP server on virtual threads: two
 * read-only pages need no web framework.
 */
public final class StatusServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads;

    private StatusServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /**
     * Serves on {@code host:port} (port 0: any free one).
     *
     * @throws UncheckedIOException naming the address when it cannot be bound
     */
    public static StatusServer start(String host, int port, HealthCheck health, PrometheusMeterRegistry metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve /metrics and /health on " + host + ":" + port + ": " + e.getMessage()
                    + " (set policy.statusPort or pass --status-port)", e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                String path = exchange.getRequestURI().getPath();
                if (!path.equals("/health") && !path.equals("/metrics")) {
                    send(exchange, 404, "text/plain; charset=utf-8", "not found: " + path + " (this port serves /metrics and /health)\n");
                } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                    send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
                } else if (path.equals("/health")) {
                    HealthCheck.Answer answer = health.answer();
                    send(exchange, answer.status(), "text/plain; charset=utf-8", answer.body());
                } else {
                    send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
                }
            }
        });
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(threads);
        server.start();
        return new StatusServer(server, threads);
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.close();
    }
}
