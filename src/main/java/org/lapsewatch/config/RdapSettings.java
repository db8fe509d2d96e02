package org.lapsewatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code rdap:} — RDAP bootstrap and servers.
 *
 * @param bootstrapUrl            IANA-format {@code dns.json} (RFC 9224), cached under
 *                                {@code <home>/cache/rdap-bootstrap.json}. Default: https://data.iana.org/rdap/dns.json
 * @param overrides               TLD → RDAP base URL, replacing per TLD both the bootstrap and the shipped
 *                                defaults for registries IANA does not list (nl, de, eu, …); the value
 *                                {@code none} removes a TLD's RDAP server so WHOIS is used. Default: none.
 * @param connectTimeout          Default: 5s.
 * @param timeout                 total time for one query, waiting for the rate limit included. Default: 15s.
 * @param maxBytes                larger responses are refused as unknown. Default: 2097152 (2 MB).
 * @param redirectors             base URLs of redirecting services (e.g. rdap.org) whose 404 proves nothing.
 *                                Default: https://rdap.org/
 * @param maxRedirects            redirects followed per query. Default: 5.
 * @param bootstrapMaxAge         the cached bootstrap is fetched again when older. Default: 1d.
 * @param defaultQueriesPerSecond per server host. Default: 2.
 * @param queriesPerSecond        server host → queries per second, for hosts that need another rate. Default: none.
 * @param backoffBase             first pause after a 5xx or timeout, doubled per further failure, with
 *                                jitter. Default: 2s.
 * @param backoffMax              longest such pause. Default: 10m.
 */
public record RdapSettings(String bootstrapUrl, Map<String, String> overrides, Duration connectTimeout,
                           Duration timeout, Integer maxBytes, List<String> redirectors, Integer maxRedirects,
                           Duration bootstrapMaxAge, Double defaultQueriesPerSecond,
                           Map<String, Double> queriesPerSecond, Duration backoffBase, Duration backoffMax) {
    public RdapSettings {
        bootstrapUrl = bootstrapUrl == null ? "https://data.iana.org/rdap/dns.json" : bootstrapUrl;
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
        maxBytes = maxBytes == null ? 2 * 1024 * 1024 : maxBytes;
        redirectors = redirectors == null ? List.of("https://rdap.org/") : List.copyOf(redirectors);
        maxRedirects = maxRedirects == null ? 5 : maxRedirects;
        bootstrapMaxAge = bootstrapMaxAge == null ? Duration.ofDays(1) : bootstrapMaxAge;
        defaultQueriesPerSecond = defaultQueriesPerSecond == null ? 2.0 : defaultQueriesPerSecond;
        queriesPerSecond = queriesPerSecond == null ? Map.of() : Map.copyOf(queriesPerSecond);
        backoffBase = backoffBase == null ? Duration.ofSeconds(2) : backoffBase;
        backoffMax = backoffMax == null ? Duration.ofMinutes(10) : backoffMax;
        Settings.requirePositive("connectTimeout", connectTimeout);
        Settings.requirePositive("timeout", timeout);
        Settings.requireAtLeast("maxBytes", maxBytes, 1024);
        Settings.requireAtLeast("maxRedirects", maxRedirects, 0);
        Settings.requirePositive("bootstrapMaxAge", bootstrapMaxAge);
        Settings.requirePositive("backoffBase", backoffBase);
        Settings.requirePositive("backoffMax", backoffMax);
        Settings.requirePositiveRate("defaultQueriesPerSecond", defaultQueriesPerSecond);
        queriesPerSecond.forEach((server, qps) -> Settings.requirePositiveRate("queriesPerSecond." + server, qps));
    }

    /** The settings of the first version; the later keys take their defaults. */
    public RdapSettings(String bootstrapUrl, Map<String, String> overrides, Duration connectTimeout, Duration timeout,
                        Integer maxBytes) {
        this(bootstrapUrl, overrides, connectTimeout, timeout, maxBytes, null, null, null, null, null, null, null);
    }

    /** The same settings pointed at another bootstrap file and override table (the simulated internet, air-gapped mirrors). */
    public RdapSettings withEndpoints(String newBootstrapUrl, Map<String, String> newOverrides) {
        return new RdapSettings(newBootstrapUrl, newOverrides, connectTimeout, timeout, maxBytes, redirectors, maxRedirects,
                bootstrapMaxAge, defaultQueriesPerSecond, queriesPerSecond, backoffBase, backoffMax);
    }

    public static RdapSettings defaults() {
        return new RdapSettings(null, null, null, null, null);
    }
}
