package org.lapsewatch.sim;

import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.RdapSettings;
import org.lapsewatch.config.WhoisSettings;
import org.lapsewatch.model.LapsewatchException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The simulated internet: an RDAP server with its bootstrap file, a WHOIS server, and a tree of
 * DNS nameservers (root, TLDs, zones) plus a recursive resolver, all on loopback, answering from
 * a {@link Scenario} at the time the {@link VirtualClock} shows.
 *
 * <pre>{@code
 * try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
 *     LapsewatchConfig config = sim.configure(LapsewatchConfig.defaults());
 *     sim.clock().advance(Duration.ofDays(30));
 * }
 * }</pre>
 */
public final class Simulation implements AutoCloseable {
    private static final InetAddress REGISTRAR_WHOIS_ADDRESS = DnsLayout.loopback(0, 43);

    private final Scenario scenario;
    private final VirtualClock clock;
    private final Faults faults;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final DnsLayout layout;
    private final RdapServer rdap;
    private final WhoisServer whois;
    private final WhoisServer registrarWhois;
    private final DnsServer dns;

    private Simulation(Scenario scenario) throws IOException {
        this.scenario = scenario;
        this.clock = new VirtualClock(scenario.start());
        this.faults = new Faults(clock, scenario.faults());
        this.layout = new DnsLayout(scenario);
        Supplier<World> world = () -> World.at(scenario, clock.instant());
        List<AutoCloseable> started = new ArrayList<>();
        try {
            rdap = new RdapServer(world, faults, clock, closed);
            started.add(rdap);
            // the registrar's server has a host of its own, as in real referrals, so that clients
            // which never ask one host twice still follow it
            registrarWhois = new WhoisServer(REGISTRAR_WHOIS_ADDRESS, world,
                    (query, now) -> WhoisText.registrarAnswer(query, now, registrarReferral()), faults, closed);
            started.add(registrarWhois);
            whois = new WhoisServer(InetAddress.getLoopbackAddress(), world,
                    (query, now) -> WhoisText.registryAnswer(query, now, registrarReferral()), faults, closed);
            started.add(whois);
            dns = new DnsServer(layout, world, faults, closed);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : started) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            throw e;
        }
    }

    /**
     * Starts every server of the scenario on loopback; the clock starts at the scenario's {@code start}.
     *
     * @throws LapsewatchException when a server cannot bind, with the reason
     */
    public static Simulation start(Scenario scenario) {
        try {
            return new Simulation(scenario);
        } catch (IOException e) {
            throw new LapsewatchException("cannot start the simulated internet: " + e.getMessage(), e);
        }
    }

    public Scenario scenario() {
        return scenario;
    }

    /** {@code http://127.0.0.1:P/bootstrap/dns.json}: an RFC 9224 file listing the scenario's RDAP TLDs. */
    public URI bootstrapUrl() {
        return rdap.bootstrapUrl();
    }

    /** {@code http://127.0.0.1:P/rdap/}; domain objects are at {@code rdapBaseUrl().resolve("domain/NAME")}. */
    public URI rdapBaseUrl() {
        return rdap.baseUrl();
    }

    /** The RFC 3912 server answering for every scenario TLD that has WHOIS. */
    public InetSocketAddress whois() {
        return whois.address();
    }

    /** Where gTLD registry answers send clients for the registrar's record ({@code Registrar WHOIS Server:}). */
    private String registrarReferral() {
        return REGISTRAR_WHOIS_ADDRESS.getHostAddress() + ":" + registrarWhois.address().getPort();
    }

    /** The recursive resolver (RA set, AA clear) on 127.0.0.1. */
    public InetSocketAddress resolver() {
        return new InetSocketAddress(layout.resolverAddress(), dns.port());
    }

    /** The root server, where an iterative resolver starts. */
    public InetSocketAddress root() {
        return new InetSocketAddress(layout.rootAddress(), dns.port());
    }

    /** The port every simulated nameserver listens on, each on its own loopback address. */
    public int dnsPort() {
        return dns.port();
    }

    public VirtualClock clock() {
        return clock;
    }

    public Faults faults() {
        return faults;
    }

    /** TLD → this simulation's WHOIS server, for every scenario registry that has WHOIS. */
    private Map<String, String> whoisServers() {
        Map<String, String> servers = new TreeMap<>();
        for (Registry r : scenario.registries().values()) {
            if (r.whois() != Registry.WhoisStyle.NONE) {
                servers.put(r.tld(), "127.0.0.1:" + whois.address().getPort());
            }
        }
        return servers;
    }

    /**
     * A copy of {@code base} pointed here: RDAP bootstrap and per-TLD overrides (so shipped
     * overrides for e.g. .nl cannot reach the real registry), WHOIS servers, DNS resolver, root
     * and query port. Everything else is kept.
     */
    public LapsewatchConfig configure(LapsewatchConfig base) {
        RdapSettings r = base.rdap();
        Map<String, String> overrides = new LinkedHashMap<>(r.overrides());
        // Every scenario TLD is answered here or nowhere: a TLD without RDAP in the scenario gets "none", so the
        // shipped overrides (e.g. .nl -> the real SIDN) can never be reached from a simulation.
        scenario.registries().values().forEach(reg -> overrides.put(reg.tld(), reg.rdap() ? rdapBaseUrl().toString() : "none"));
        RdapSettings rdapSettings = r.withEndpoints(bootstrapUrl().toString(), overrides);
        WhoisSettings w = base.whois();
        Map<String, String> servers = new LinkedHashMap<>(w.servers());
        servers.putAll(whoisServers());
        WhoisSettings whoisSettings = w.withServers(servers);
        DnsSettings d = base.dns();
        DnsSettings dnsSettings = new DnsSettings(List.of(hostPort(resolver())), List.of(hostPort(root())), d.timeout(),
                d.retries(), d.concurrency(), d.hostnames(), d.dkimSelectors(), dnsPort(), d.axfr(), d.mtaStsMx(), d.walkInterval());
        // The simulated registries' lifecycles, unless the configuration already says otherwise for a TLD.
        Map<String, String> policies = new LinkedHashMap<>();
        scenario.registries().values().forEach(reg -> policies.put(reg.tld(), policyLine(reg.lapse())));
        policies.putAll(base.watch().tldPolicies());
        return new LapsewatchConfig(base.home(), base.database(), base.web(), rdapSettings, whoisSettings, dnsSettings,
                base.policy(), base.watch().withTldPolicies(policies), base.mailflow(), base.alerts());
    }

    /** A registry's lifecycle as a {@code watch.tldPolicies} line: expiry-public grace redemption pending-delete quarantine release-window. */
    private static String policyLine(Registry.LapseRules rules) {
        return rules.quarantineStyle()
                ? "no 0m 0m 0m " + rules.quarantine().toMinutes() + "m 0m"
                : "yes " + rules.autoRenewGrace().toMinutes() + "m " + rules.redemption().toMinutes() + "m "
                + rules.pendingDelete().toMinutes() + "m 0m 0m";
    }

    /** The settings {@link #configure} changes, as YAML for {@code lapsewatch.yml}. */
    public String configSnippet() {
        StringBuilder b = new StringBuilder();
        b.append("# Lapsewatch pointed at the simulated internet (scenario ").append(scenario.name()).append(").\n");
        b.append("# Valid while `lapsewatch sim` runs; the ports change on every start.\n");
        b.append("rdap:\n  bootstrapUrl: \"").append(bootstrapUrl()).append("\"\n");
        if (!scenario.registries().isEmpty()) {
            b.append("  overrides:\n");
            scenario.registries().values().forEach(reg -> b.append("    \"").append(reg.tld()).append("\": \"")
                    .append(reg.rdap() ? rdapBaseUrl().toString() : "none").append("\"\n"));
        }
        Map<String, String> servers = whoisServers();
        if (!servers.isEmpty()) {
            b.append("whois:\n  servers:\n");
            servers.forEach((tld, hp) -> b.append("    \"").append(tld).append("\": \"").append(hp).append("\"\n"));
        }
        if (!scenario.registries().isEmpty()) {
            b.append("watch:\n  tldPolicies:\n");
            scenario.registries().values().forEach(reg -> b.append("    \"").append(reg.tld()).append("\": \"")
                    .append(policyLine(reg.lapse())).append("\"\n"));
        }
        b.append("dns:\n");
        b.append("  resolvers: [\"").append(hostPort(resolver())).append("\"]\n");
        b.append("  roots: [\"").append(hostPort(root())).append("\"]\n");
        b.append("  queryPort: ").append(dnsPort()).append('\n');
        return b.toString();
    }

    private static String hostPort(InetSocketAddress address) {
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    /** Stops every server; requests held by a timeout fault are released. */
    @Override
    public void close() {
        closed.countDown();
        rdap.close();
        for (WhoisServer server : List.of(whois, registrarWhois)) {
            try {
                server.close();
            } catch (IOException e) {
                // the socket is unusable either way
            }
        }
        dns.close();
    }
}
