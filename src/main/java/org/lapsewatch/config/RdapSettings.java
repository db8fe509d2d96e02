package org.lapsewatch.config;

import java.time.Duration;
import java.util.Map;

/**
 * {@code rdap:} — RDAP bootstrap and servers.
 *
 * @param bootstrapUrl   IANA-format {@code dns.json}. Default: https://data.iana.org/rdap/dns.json
 * @param overrides      TLD → RDAP base URL for registries the bootstrap does not list; added to the
 *                       shipped defaults (e.g. nl, de, eu). Default: none.
 * @param connectTimeout Default: 5s.
 * @param timeout        total time for one query. Default: 15s.
 * @param maxBytes       larger responses are refused as unknown. Default: 2097152 (2 MB).
 */
public record RdapSettings(String bootstrapUrl, Map<String, String> overrides, Duration connectTimeout,
                           Duration timeout, Integer maxBytes) {
    public RdapSettings {
        bootstrapUrl = bootstrapUrl == null ? "https://data.iana.org/rdap/dns.json" : bootstrapUrl;
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        timeout = timeout == null ? Duration.ofSeconds(15) : timeout;
        maxBytes = maxBytes == null ? 2 * 1024 * 1024 : maxBytes;
        Settings.requirePositive("connectTimeout", connectTimeout);
        Settings.requirePositive("timeout", timeout);
        Settings.requireAtLeast("maxBytes", maxBytes, 1024);
    }

    public static RdapSettings defaults() {
        return new RdapSettings(null, null, null, null, null);
    }
}
