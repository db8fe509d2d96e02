package org.lapsewatch.config;

/**
 * {@code web:} — the dashboard and REST API.
 *
 * @param host address to bind; 0.0.0.0 for every interface (the UI has no login yet). Default: 127.0.0.1
 *             (loopback only).
 * @param port TCP port; 0 picks a free one. {@code demo --port} overrides it. Default: 8080.
 */
public record WebSettings(String host, Integer port) {
    public WebSettings {
        host = host == null ? "127.0.0.1" : host.strip();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must be an address such as 127.0.0.1 or 0.0.0.0, got an empty value");
        }
        port = port == null ? 8080 : port;
        Settings.requirePort("port", port);
    }

    public static WebSettings defaults() {
        return new WebSettings(null, null);
    }
}
