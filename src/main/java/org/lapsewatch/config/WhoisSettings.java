package org.lapsewatch.config;

import java.time.Duration;
import java.util.Map;

/**
 * {@code whois:} — port-43 WHOIS.
 *
 * @param servers                 TLD → {@code host} or {@code host:port}, replacing per TLD the shipped
 *                                IANA-style defaults. Default: none.
 * @param connectTimeout          Default: 5s.
 * @param timeout                 total time for one query, waiting for the rate limit included. Default: 15s.
 * @param maxBytes                larger answers are refused as unknown. Default: 262144 (256 KB).
 * @param queriesPerSecond        server host → allowed queries per second. Default: none (see
 *                                {@code defaultQueriesPerSecond}).
 * @param defaultQueriesPerSecond per server host. Default: 1.
 * @param backoffBase             first pause after a failed query (timeout, closed without a word),
 *                                doubled per further failure, with jitter. Default: 2s.
 * @param backoffMax              longest such pause. Default: 10m.
 * @param maxReferrals            registrar referrals followed from a thin registry ({@code Registrar
 *                                WHOIS Server:}); 0 turns referrals off. Default: 1.
 * @param whenRdapUnknown         also ask WHOIS when the TLD's RDAP server gave no usable answer.
 *                                Default: true.
 */
public record WhoisSettings(Map<String, String> servers, Duration connectTimeout, Duration timeout,
                            Integer maxBytes, Map<String, Double> queriesPerSecond, Double defaultQueriesPerSecond,
                            Duration backoffBase, Duration backoffMax, Integer maxReferrals, Boolean whenRdapUnknown) {
    public WhoisSettings {
        servers = servers == null ? Map.of() : Map.copyOf(servers);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
        maxBytes = maxBytes == null ? 256 * 1024 : maxBytes;
        queriesPerSecond = queriesPerSecond == null ? Map.of() : Map.copyOf(queriesPerSecond);
        defaultQueriesPerSecond = defaultQueriesPerSecond == null ? 1.0 : defaultQueriesPerSecond;
        backoffBase = backoffBase == null ? Duration.ofSeconds(2) : backoffBase;
        backoffMax = backoffMax == null ? Duration.ofMinutes(10) : backoffMax;
        maxReferrals = maxReferrals == null ? 1 : maxReferrals;
        whenRdapUnknown = whenRdapUnknown == null || whenRdapUnknown;
        Settings.requirePositive("connectTimeout", connectTimeout);
        Settings.requirePositive("timeout", timeout);
        Settings.requireAtLeast("maxBytes", maxBytes, 1024);
        Settings.requirePositive("backoffBase", backoffBase);
        Settings.requirePositive("backoffMax", backoffMax);
        Settings.requireAtLeast("maxReferrals", maxReferrals, 0);
        Settings.requirePositiveRate("defaultQueriesPerSecond", defaultQueriesPerSecond);
        queriesPerSecond.forEach((server, qps) -> Settings.requirePositiveRate("queriesPerSecond." + server, qps));
        servers.forEach((tld, server) -> {
            if (server.isBlank() || server.contains(" ")) {
                throw new IllegalArgumentException("servers." + tld + " must be host or host:port, got '" + server + "'");
            }
            if (server.indexOf(':') >= 0) {
                Settings.requireHostPort("servers." + tld, server);
            }
        });
    }

    /** The settings of the first version; the later keys take their defaults. */
    public WhoisSettings(Map<String, String> servers, Duration connectTimeout, Duration timeout, Integer maxBytes,
                         Map<String, Double> queriesPerSecond) {
        this(servers, connectTimeout, timeout, maxBytes, queriesPerSecond, null, null, null, null, null);
    }

    /** The same settings with another server table. */
    public WhoisSettings withServers(Map<String, String> newServers) {
        return new WhoisSettings(newServers, connectTimeout, timeout, maxBytes, queriesPerSecond, defaultQueriesPerSecond,
                backoffBase, backoffMax, maxReferrals, whenRdapUnknown);
    }

    public static WhoisSettings defaults() {
        return new WhoisSettings(null, null, null, null, null);
    }
}
