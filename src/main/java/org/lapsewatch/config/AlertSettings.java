package org.lapsewatch.config;

import java.util.List;

/**
 * {@code alerts:} — where notifications go.
 *
 * @param smtp     the SMTP server for e-mail alerts. Default: none (e-mail off).
 * @param webhooks webhook receivers. Default: none.
 */
public record AlertSettings(SmtpSettings smtp, List<WebhookSettings> webhooks) {
    public AlertSettings {
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
    }

    public static AlertSettings defaults() {
        return new AlertSettings(null, null);
    }

    /**
     * @param host     SMTP host (required when the section is present).
     * @param port     Default: 587.
     * @param tls      {@code none}, {@code starttls} or {@code tls}. Default: starttls.
     * @param username Default: none.
     * @param password use {@code ${ENV_VAR}}. Default: none.
     * @param from     sender address (required).
     * @param to       recipients (at least one).
     */
    public record SmtpSettings(String host, Integer port, String tls, String username, String password, String from,
                               List<String> to) {
        public SmtpSettings {
            if (host == null || host.isBlank()) {
                throw new IllegalArgumentException("host is required");
            }
            port = port == null ? 587 : port;
            tls = tls == null ? "starttls" : tls;
            if (!List.of("none", "starttls", "tls").contains(tls)) {
                throw new IllegalArgumentException("tls must be none, starttls or tls, got '" + tls + "'");
            }
            if (from == null || !from.contains("@")) {
                throw new IllegalArgumentException("from must be an e-mail address, got '" + from + "'");
            }
            to = to == null ? List.of() : List.copyOf(to);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("to needs at least one address");
            }
            Settings.requirePort("port", port);
        }
    }

    /**
     * @param name   how {@code notify test NAME} refers to it (required).
     * @param url    where to POST (required).
     * @param format {@code generic}, {@code slack}, {@code teams} or {@code alertmanager}. Default: generic.
     * @param secret HMAC-SHA256 key for the signature header (use {@code ${ENV_VAR}}). Default: none.
     */
    public record WebhookSettings(String name, String url, String format, String secret) {
        public WebhookSettings {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required");
            }
            if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
                throw new IllegalArgumentException("url must be an http(s) URL, got '" + url + "'");
            }
            format = format == null ? "generic" : format;
            if (!List.of("generic", "slack", "teams", "alertmanager").contains(format)) {
                throw new IllegalArgumentException("format must be generic, slack, teams or alertmanager, got '" + format + "'");
            }
        }
    }
}
