package org.lapsewatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code dns:} — resolvers and what to look at in each zone.
 *
 * @param resolvers     recursive resolvers as {@code host:port}. Default: the system's.
 * @param roots         root servers as {@code host:port} for iterative mode (walks the delegation
 *                      itself, so a lying resolver cannot hide a lame delegation). Default: none
 *                      (iterative mode off).
 * @param timeout       per query. Default: 3s.
 * @param retries       per query. Default: 2.
 * @param concurrency   queries in flight at once. Default: 32.
 * @param hostnames     extra host names to follow in every zone besides apex, www, mail,
 *                      autodiscover and mta-sts. Default: none.
 * @param dkimSelectors DKIM selectors whose CNAMEs are followed. Default: selector1, selector2, google, default.
 * @param queryPort     UDP/TCP port used to query nameservers found by following delegations
 *                      (iterative mode, lame-delegation checks). Default: 53; the simulated
 *                      internet sets its own.
 * @param axfr          zones to read by zone transfer instead of by queries, as
 *                      {@code zone: host:port} (the server must allow AXFR to us). Default: none.
 * @param mtaStsMx      MTA-STS policy {@code mx:} patterns per zone, as {@code zone: [pattern, …]}.
 *                      Lapsewatch does not fetch the HTTPS policy file (no network beyond DNS), so
 *                      list the patterns here to have them checked. Default: none.
 * @param walkInterval  how often {@code serve} walks every active and retired zone to refresh the
 *                      stored DNS references the watch's "legacy referenced" rule counts.
 *                      Default: 6h.
 */
public record DnsSettings(List<String> resolvers, List<String> roots, Duration timeout, Integer retries,
                          Integer concurrency, List<String> hostnames, List<String> dkimSelectors, Integer queryPort,
                          Map<String, String> axfr, Map<String, List<String>> mtaStsMx,
                          Duration walkInterval) {
    public DnsSettings {
        resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
        roots = roots == null ? List.of() : List.copyOf(roots);
        for (int i = 0; i < resolvers.size(); i++) {
            Settings.requireHostPort("resolvers[" + i + "]", resolvers.get(i));
        }
        for (int i = 0; i < roots.size(); i++) {
            Settings.requireHostPort("roots[" + i + "]", roots.get(i));
        }
        timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
        retries = retries == null ? 2 : retries;
        concurrency = concurrency == null ? 32 : concurrency;
        hostnames = hostnames == null ? List.of() : List.copyOf(hostnames);
        queryPort = queryPort == null ? 53 : queryPort;
        Settings.requirePort("queryPort", queryPort);
        dkimSelectors = dkimSelectors == null ? List.of("selector1", "selector2", "google", "default") : List.copyOf(dkimSelectors);
        Settings.requirePositive("timeout", timeout);
        Settings.requireAtLeast("retries", retries, 0);
        Settings.requireAtLeast("concurrency", concurrency, 1);
        axfr = axfr == null ? Map.of() : Map.copyOf(axfr);
        axfr.forEach((zone, server) -> Settings.requireHostPort("axfr." + zone, server));
        mtaStsMx = mtaStsMx == null ? Map.of() : mtaStsMx.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
        walkInterval = walkInterval == null ? Duration.ofHours(6) : walkInterval;
        Settings.requirePositive("walkInterval", walkInterval);
    }

    /** Without zone transfers and MTA-STS patterns (the settings before those keys existed). */
    public DnsSettings(List<String> resolvers, List<String> roots, Duration timeout, Integer retries, Integer concurrency,
                       List<String> hostnames, List<String> dkimSelectors, Integer queryPort) {
        this(resolvers, roots, timeout, retries, concurrency, hostnames, dkimSelectors, queryPort, null, null, null);
    }

    /** A copy with other zone-transfer servers and MTA-STS mx patterns. */
    public DnsSettings withZoneSources(Map<String, String> newAxfr, Map<String, List<String>> newMtaStsMx) {
        return new DnsSettings(resolvers, roots, timeout, retries, concurrency, hostnames, dkimSelectors, queryPort,
                newAxfr, newMtaStsMx, walkInterval);
    }

    public static DnsSettings defaults() {
        return new DnsSettings(null, null, null, null, null, null, null, null, null, null, null);
    }
}
