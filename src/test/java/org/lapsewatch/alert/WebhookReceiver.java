package org.lapsewatch.alert;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook receiver on loopback that records every request and, like a receiver that honours
 * {@code Idempotency-Key}, counts each key once.
 */
final class WebhookReceiver {
    record Received(Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, String> byKey = new ConcurrentHashMap<>();
    private final AtomicInteger failStatus = new AtomicInteger(0);
    private volatile long delayMillis;
    private HttpServer server;

    void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = failStatus.get();
            if (status == 0) {
                Map<String, String> headers = new java.util.HashMap<>();
                exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.getFirst()));
                received.add(new Received(headers, body));
                String key = headers.get("idempotency-key");
                if (key != null) {
                    byKey.putIfAbsent(key, body);
                }
                status = 200;
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    List<Received> received() {
        return received;
    }

    /** What a receiver that honours the idempotency key keeps: one body per key. */
    Map<String, String> acceptedByKey() {
        return byKey;
    }

    void failWith(int status) {
        failStatus.set(status);
    }

    void recover() {
        failStatus.set(0);
    }

    /** Answers after this long: a process killed meanwhile has sent but not marked. */
    void delayAnswers(long millis) {
        delayMillis = millis;
    }

    /** A loopback port nothing listens on. */
    static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
