package org.lapsewatch.config;

/**
 * {@code web:} — the dashboard and REST API.
 *
 * @param host address to bind. Default: 127.0.0.1 (loopback only).
 * @param port TCP port. Default: 8080.
 */
public record WebSettings(String host, Integer port) {
    public WebSettings {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 8080 : port;
        Settings.requirePort("port", port);
    }

    public static WebSettings defaults() {
        return new WebSettings(null, null);
    }
}
