package org.lapsewatch.registration;

import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.RdapSettings;
import org.lapsewatch.config.WhoisSettings;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;

import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The {@code clients.yml} simulated internet and engines pointed at it. */
final class SimRegistries {
    private SimRegistries() {
    }

    static Simulation start() {
        try {
            return Simulation.start(Scenario.load(Path.of(SimRegistries.class.getResource("clients.yml").toURI())));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A configuration with {@code home} for the bootstrap cache and the given sections. */
    static LapsewatchConfig config(Path home, RdapSettings rdap, WhoisSettings whois) {
        return new LapsewatchConfig(home.toString(), null, null, rdap, whois, null, null, null, null, null);
    }

    /** Everything the simulation serves, as {@link Simulation#configure} sets it, with a home of its own. */
    static LapsewatchConfig configured(Simulation sim, Path home) {
        return sim.configure(config(home, null, null));
    }

    /** RDAP settings: bootstrap from the simulation, these overrides, short timeouts, high rates. */
    static RdapSettings rdap(Simulation sim, Map<String, String> overrides, List<String> redirectors, Duration timeout) {
        return new RdapSettings(sim.bootstrapUrl().toString(), overrides, Duration.ofSeconds(2), timeout, null,
                redirectors, null, null, 1000.0, null, Duration.ofSeconds(2), Duration.ofMinutes(1));
    }

    /** WHOIS settings: the simulated server for every scenario TLD, high rates, no WHOIS after an RDAP unknown. */
    static WhoisSettings whois(Simulation sim, Duration timeout, Integer maxBytes, boolean whenRdapUnknown) {
        String server = "127.0.0.1:" + sim.whois().getPort();
        return new WhoisSettings(Map.of("example", server, "test", server, "com", server), Duration.ofSeconds(2), timeout,
                maxBytes, null, 1000.0, Duration.ofSeconds(2), Duration.ofMinutes(1), null, whenRdapUnknown);
    }

    static RegistrationEngine engine(LapsewatchConfig config, Clock clock, Sleeper sleeper) {
        return RegistrationEngine.create(config, clock, sleeper, WhoisClient.AddressBook.DNS);
    }

    static RegistrationEngine engine(LapsewatchConfig config, Clock clock, Sleeper sleeper, Map<String, InetSocketAddress> hosts) {
        return RegistrationEngine.create(config, clock, sleeper,
                (host, port) -> hosts.getOrDefault(host, new InetSocketAddress(host, port)));
    }
}
