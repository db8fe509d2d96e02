package org.lapsewatch.config;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code alerts:} — where notifications go, when, and how often.
 *
 * @param baseUrl        where people open Lapsewatch; evidence and acknowledge links start here.
 *                       Default: http://127.0.0.1:8080
 * @param smtp           the SMTP server for the {@code email} channel. Default: none (e-mail off).
 * @param webhooks       webhook channels, each with a name. Default: none.
 * @param routes         which findings go to which channels. Default: one route {@code default} that
 *                       sends HIGH and CRITICAL findings to every configured channel.
 * @param reminderDays   reminders this many days before the point of no return. Default: 90, 60, 30, 14, 7, 3, 1.
 * @param digest         {@code off}, {@code daily} or {@code weekly}: a summary of open findings. Default: daily.
 * @param digestAt       local time of day the digest goes out (weekly: on Mondays). Default: 08:00.
 * @param timeZone       time zone for quiet hours and digests. Default: UTC.
 * @param initialBackoff first retry delay of a failed delivery; doubles up to maxBackoff. Default: 30s.
 * @param maxBackoff     Default: 1h.
 * @param failingAfter   a channel that has failed for this long becomes a finding. Default: 6h.
 * @param calendarToken  secret in the iCalendar feed URL ({@code /calendar/TOKEN.ics}); use
 *                       {@code ${ENV_VAR}}. Default: none (feed off). At least 24 characters.
 */
public record AlertSettings(String baseUrl, SmtpSettings smtp, List<WebhookSettings> webhooks, List<Route> routes,
                            List<Integer> reminderDays, String digest, String digestAt, String timeZone, Duration initialBackoff,
                            Duration maxBackoff, Duration failingAfter, String calendarToken) {
    /** The channel name of the SMTP channel in routes. */
    public static final String EMAIL_CHANNEL = "email";

    public AlertSettings {
        baseUrl = baseUrl == null ? "http://127.0.0.1:8080" : stripSlash(baseUrl);
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, got '" + baseUrl + "'");
        }
        webhooks = webhooks == null ? List.of() : List.copyOf(webhooks);
        Set<String> names = new HashSet<>();
        if (smtp != null) {
            names.add(EMAIL_CHANNEL);
        }
        for (WebhookSettings w : webhooks) {
            if (w.name().equals(EMAIL_CHANNEL) || !names.add(w.name())) {
                throw new IllegalArgumentException("webhook name '" + w.name() + "' is used twice or is reserved");
            }
        }
        routes = routes == null || routes.isEmpty()
                ? List.of(new Route("default", List.copyOf(names), "HIGH", null, null, null, null, null, null))
                : List.copyOf(routes);
        Set<String> routeNames = new HashSet<>();
        for (Route r : routes) {
            if (!routeNames.add(r.name())) {
                throw new IllegalArgumentException("route name '" + r.name() + "' is used twice");
            }
            for (String c : r.channels()) {
                if (!names.contains(c)) {
                    throw new IllegalArgumentException("route '" + r.name() + "' names channel '" + c
                            + "', which is not configured (channels: " + names + ")");
                }
            }
        }
        for (Route r : routes) {
            if (r.escalateTo() != null && !routeNames.contains(r.escalateTo())) {
                throw new IllegalArgumentException("route '" + r.name() + "' escalates to unknown route '" + r.escalateTo() + "'");
            }
        }
        reminderDays = reminderDays == null ? List.of(90, 60, 30, 14, 7, 3, 1)
                : reminderDays.stream().sorted(java.util.Comparator.reverseOrder()).distinct().toList();
        for (int d : reminderDays) {
            Settings.requireAtLeast("reminderDays", d, 0);
        }
        digest = digest == null ? "daily" : digest.toLowerCase(Locale.ROOT);
        if (!List.of("off", "daily", "weekly").contains(digest)) {
            throw new IllegalArgumentException("digest must be off, daily or weekly, got '" + digest + "'");
        }
        digestAt = digestAt == null ? "08:00" : digestAt;
        try {
            LocalTime.parse(digestAt);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("digestAt must be a time of day like 08:00, got '" + digestAt + "'");
        }
        timeZone = timeZone == null ? "UTC" : timeZone;
        try {
            ZoneId.of(timeZone);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("timeZone '" + timeZone + "' is not a time zone (e.g. Europe/Amsterdam)");
        }
        initialBackoff = initialBackoff == null ? Duration.ofSeconds(30) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofHours(1) : maxBackoff;
        failingAfter = failingAfter == null ? Duration.ofHours(6) : failingAfter;
        Settings.requirePositive("initialBackoff", initialBackoff);
        Settings.requirePositive("maxBackoff", maxBackoff);
        Settings.requirePositive("failingAfter", failingAfter);
        if (calendarToken != null && calendarToken.length() < 24) {
            throw new IllegalArgumentException("calendarToken must be at least 24 characters so it cannot be guessed");
        }
    }

    public static AlertSettings defaults() {
        return new AlertSettings(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public LocalTime digestTime() {
        return LocalTime.parse(digestAt);
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * @param name          route name (required)
     * @param channels      channel names: {@code email} and webhook names (required, at least one)
     * @param minSeverity   lowest severity sent. Default: HIGH.
     * @param lifecycles    only domains with these lifecycles. Default: all.
     * @param tags          only domains with one of these tags. Default: all.
     * @param owners        only domains owned by these e-mail addresses. Default: all.
     * @param quietHours    {@code HH:MM-HH:MM}: non-critical messages wait until the end. Default: none.
     * @param escalateTo    route that gets a CRITICAL finding nobody acknowledged in time. Default: none.
     * @param escalateAfter Default: 4h.
     */
    public record Route(String name, List<String> channels, String minSeverity, List<String> lifecycles,
                        List<String> tags, List<String> owners, String quietHours, String escalateTo,
                        Duration escalateAfter) {
        public Route {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("route name is required");
            }
            channels = channels == null ? List.of() : List.copyOf(channels);
            minSeverity = minSeverity == null ? "HIGH" : minSeverity.toUpperCase(Locale.ROOT);
            if (!List.of("INFO", "LOW", "MEDIUM", "HIGH", "CRITICAL").contains(minSeverity)) {
                throw new IllegalArgumentException("minSeverity must be CRITICAL, HIGH, MEDIUM, LOW or INFO, got '" + minSeverity + "'");
            }
            lifecycles = lower(lifecycles);
            for (String l : lifecycles) {
                if (!List.of("active", "retired", "defensive", "decommissioned").contains(l)) {
                    throw new IllegalArgumentException("route '" + name + "': unknown lifecycle '" + l + "'");
                }
            }
            tags = lower(tags);
            owners = lower(owners);
            if (quietHours != null) {
                quietWindow(quietHours);
            }
            escalateAfter = escalateAfter == null ? Duration.ofHours(4) : escalateAfter;
            Settings.requirePositive("escalateAfter", escalateAfter);
        }

        /** The quiet window as {start, end}; the window may wrap midnight. */
        public LocalTime[] quietWindow() {
            return quietHours == null ? null : quietWindow(quietHours);
        }

        private static LocalTime[] quietWindow(String text) {
            String[] parts = text.split("-");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException();
                }
                return new LocalTime[]{LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip())};
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("quietHours must look like 22:00-07:00, got '" + text + "'");
            }
        }

        private static List<String> lower(List<String> values) {
            return values == null ? List.of() : values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).toList();
        }
    }

    /**
     * @param host     SMTP host (required when the section is present).
     * @param port     Default: 587.
     * @param tls      {@code none}, {@code starttls} or {@code tls}. Default: starttls.
     * @param username Default: none.
     * @param password use {@code ${ENV_VAR}}. Default: none.
     * @param from     sender address (required).
     * @param to       recipients (at least one); a route's owners filter does not change them.
     * @param timeout  connect and read timeout. Default: 30s.
     */
    public record SmtpSettings(String host, Integer port, String tls, String username, String password, String from,
                               List<String> to, Duration timeout) {
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
            timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
            Settings.requirePort("port", port);
            Settings.requirePositive("timeout", timeout);
        }
    }

    /**
     * @param name    how routes and {@code notify test NAME} refer to it (required).
     * @param url     where to POST (required).
     * @param format  {@code generic}, {@code slack} (also Mattermost), {@code teams} or
     *                {@code alertmanager}. Default: generic.
     * @param secret  HMAC-SHA256 key for the {@code X-Lapsewatch-Signature} header (use {@code ${ENV_VAR}}). Default: none.
     * @param timeout Default: 10s.
     */
    public record WebhookSettings(String name, String url, String format, String secret, Duration timeout) {
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
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
            Settings.requirePositive("timeout", timeout);
        }
    }
}
