package org.lapsewatch.config;

import java.time.Duration;
import java.util.Map;

/**
 * {@code whois:} — port-43 WHOIS.
 *
 * @param servers          TLD → {@code host} or {@code host:port}, added to the shipped IANA-style
 *                         defaults. Default: none.
 * @param connectTimeout   Default: 5s.
 * @param timeout          total time for one query. Default: 15s.
 * @param maxBytes         Default: 262144 (256 KB).
 * @param queriesPerSecond server host → allowed queries per second. Default: 1 for every server.
 */
public record WhoisSettings(Map<String, String> servers, Duration connectTimeout, Duration timeout,
                            Integer maxBytes, Map<String, Double> queriesPerSecond) {
    public WhoisSettings {
        servers = servers == null ? Map.of() : Map.copyOf(servers);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
        maxBytes = maxBytes == null ? 256 * 1024 : maxBytes;
        queriesPerSecond = queriesPerSecond == null ? Map.of() : Map.copyOf(queriesPerSecond);
        Settings.requirePositive("connectTimeout", connectTimeout);
        Settings.requirePositive("timeout", timeout);
        Settings.requireAtLeast("maxBytes", maxBytes, 1024);
        queriesPerSecond.forEach((server, qps) -> {
            if (!(qps > 0)) {
                throw new IllegalArgumentException("queriesPerSecond." + server + " must be positive, got " + qps);
            }
        });
    }

    public static WhoisSettings defaults() {
        return new WhoisSettings(null, null, null, null, null);
    }
}
