package org.lapsewatch.bench;

import org.lapsewatch.dns.DnsTransport;
import org.lapsewatch.dns.Resolver;
import org.lapsewatch.dns.ZoneLookup;
import org.lapsewatch.dns.ZoneWalker;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Load harness: resolves every reference of a zone of 10,000 records (CNAME, MX, SRV targets at
 * 40 vendor domains, one in ten of them gone) iteratively against the simulated DNS with 5 ms
 * added to every answer, and prints references resolved per second and the peak number of
 * queries in flight, which must not exceed the configured bound.
 *
 * <p>Run: {@code bench/run-zone-walk.sh [records] [concurrency] [latencyMs]}.
 */
public final class ZoneWalkLoad {
    private static final int VENDORS = 40;

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int latencyMs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("lapsewatch-bench-");
        Path scenario = dir.resolve("vendors.yml");
        Files.writeString(scenario, scenario());
        Path zoneFile = dir.resolve("big.nl.zone");
        Files.writeString(zoneFile, zone(records));

        try (Simulation sim = Simulation.start(Scenario.load(scenario))) {
            sim.faults().dns(Fault.latency(Duration.ofMillis(latencyMs)));
            DnsTransport transport = new DnsTransport(Duration.ofSeconds(2), 1, concurrency);
            Resolver resolver = new Resolver(transport, List.of(), List.of(sim.root()), sim.dnsPort());
            ZoneLookup zone = ZoneLookup.readFile(zoneFile, "big.nl", resolver);
            List<DnsReference> references = zone.recordReferences();

            long start = System.nanoTime();
            List<DnsReference> resolved = ZoneWalker.resolveTargets(resolver, references, concurrency);
            double seconds = (System.nanoTime() - start) / 1e9;

            Map<DnsReference.Resolution, Long> outcomes = new TreeMap<>(resolved.stream()
                    .collect(Collectors.groupingBy(DnsReference::resolution, Collectors.counting())));
            System.out.printf("zone records:            %d%n", zone.size());
            System.out.printf("references resolved:     %d in %.2f s %s%n", resolved.size(), seconds, outcomes);
            System.out.printf("references per second:   %.0f%n", resolved.size() / seconds);
            System.out.printf("DNS replies received:    %d (added latency %d ms each)%n", transport.queriesAnswered(), latencyMs);
            System.out.printf("peak queries in flight:  %d (bound %d)%n", transport.peakInFlight(), concurrency);
            if (transport.peakInFlight() > concurrency) {
                System.out.println("FAIL: the concurrency bound was exceeded");
                System.exit(1);
            }
        }
    }

    /** Forty vendor domains whose zones answer every name (a wildcard), on one DNS host. */
    private static String scenario() {
        StringBuilder b = new StringBuilder("""
                name: zone-walk-load
                start: 2026-03-01T00:00:00Z
                registries:
                  com: {whois: gtld}
                domains:
                  dnshost.com:
                    registration: {registrar: Bench, created: 2001-01-01, nameservers: [ns1.dnshost.com]}
                """);
        for (int v = 0; v < VENDORS; v++) {
            b.append("  vendor").append(v).append(".com:\n")
                    .append("    registration: {registrar: Bench, created: 2001-01-01, nameservers: [ns1.dnshost.com]}\n")
                    .append("    zone: ['* A 192.0.2.1']\n");
        }
        return b.toString();
    }

    /** {@code records} records: 80 % CNAME, 15 % MX, 5 % SRV; every tenth target at a domain that does not exist. */
    private static String zone(int records) {
        StringBuilder b = new StringBuilder("$ORIGIN big.nl.\n$TTL 3600\n")
                .append("@ IN SOA ns1.dnshost.com. hostmaster.big.nl. 1 3600 900 1209600 300\n")
                .append("@ IN NS ns1.dnshost.com.\n");
        for (int i = 0; i < records - 2; i++) {
            String domain = i % 10 == 9 ? "gone" + (i % VENDORS) + ".com." : "vendor" + (i % VENDORS) + ".com.";
            int kind = i % 20;
            if (kind < 16) {
                b.append("host").append(i).append(" IN CNAME h").append(i).append('.').append(domain).append('\n');
            } else if (kind < 19) {
                b.append("m").append(i).append(" IN MX 10 mx").append(i).append('.').append(domain).append('\n');
            } else {
                b.append("_s").append(i).append("._tcp IN SRV 0 1 443 srv").append(i).append('.').append(domain).append('\n');
            }
        }
        return b.toString();
    }
}
