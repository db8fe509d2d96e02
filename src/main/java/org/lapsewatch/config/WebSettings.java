package org.lapsewatch.config;

/**
 * {@code web:} — the dashboard and REST API.
 *
 * @param host          address to bind; 0.0.0.0 for every interface. Default: 127.0.0.1 (loopback only).
 * @param port          TCP port; 0 picks a free one. {@code demo --port} overrides it. Default: 8080.
 * @param secureCookies mark cookies {@code Secure} and send HSTS: set it when users reach Lapsewatch
 *                      over HTTPS (e.g. behind a TLS-terminating proxy). Default: false.
 * @param metricsPublic serve {@code /metrics} without login (for a Prometheus scraper on a trusted
 *                      network). Default: false.
 */
public record WebSettings(String host, Integer port, Boolean secureCookies, Boolean metricsPublic) {
    public WebSettings {
        host = host == null ? "127.0.0.1" : host.strip();
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host must be an address such as 127.0.0.1 or 0.0.0.0, got an empty value");
        }
        port = port == null ? 8080 : port;
        secureCookies = secureCookies != null && secureCookies;
        metricsPublic = metricsPublic != null && metricsPublic;
        Settings.requirePort("port", port);
    }

    public static WebSettings defaults() {
        return new WebSettings(null, null, null, null);
    }

    /** The same settings on another port. */
    public WebSettings withPort(int newPort) {
        return new WebSettings(host, newPort, secureCookies, metricsPublic);
    }
}
