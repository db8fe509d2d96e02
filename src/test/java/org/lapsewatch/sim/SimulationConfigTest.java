package org.lapsewatch.sim;

import org.junit.jupiter.api.Test;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.LapsewatchConfig;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Simulation#configure} and {@link Simulation#configSnippet} point Lapsewatch at the simulation. */
class SimulationConfigTest {
    private static final ConfigLoader LOADER = new ConfigLoader(name -> null);

    @Test
    void configure_points_every_endpoint_here_and_keeps_the_rest() {
        LapsewatchConfig base = LOADER.parse("""
                home: /tmp/lw
                rdap:
                  timeout: 7s
                  overrides: {de: "https://rdap.denic.de/"}
                whois:
                  servers: {fr: whois.nic.fr}
                dns:
                  retries: 4
                """, "base");
        try (Simulation sim = Simulation.start(Clients.testScenario("mixed"))) {
            LapsewatchConfig config = sim.configure(base);

            assertThat(config.home()).isEqualTo("/tmp/lw");
            assertThat(config.rdap().bootstrapUrl()).isEqualTo(sim.bootstrapUrl().toString());
            assertThat(config.rdap().overrides()).containsEntry("nl", sim.rdapBaseUrl().toString())
                    .containsEntry("com", sim.rdapBaseUrl().toString()).containsEntry("de", "https://rdap.denic.de/")
                    .containsEntry("be", "none"); // .be has no RDAP here: never the shipped table's real server
            assertThat(config.rdap().timeout()).isEqualTo(Duration.ofSeconds(7));
            String whois = "127.0.0.1:" + sim.whois().getPort();
            assertThat(config.whois().servers()).containsAllEntriesOf(Map.of("nl", whois, "com", whois, "be", whois))
                    .containsEntry("fr", "whois.nic.fr");
            assertThat(config.dns().resolvers()).containsExactly("127.0.0.1:" + sim.dnsPort());
            assertThat(config.dns().roots()).containsExactly("127.0.1.1:" + sim.dnsPort());
            assertThat(config.dns().queryPort()).isEqualTo(sim.dnsPort());
            assertThat(config.dns().retries()).isEqualTo(4);
        }
    }

    @Test
    void snippet_loads_as_lapsewatch_yml_with_the_same_endpoints() {
        try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
            LapsewatchConfig fromSnippet = LOADER.parse(sim.configSnippet(), "snippet");
            LapsewatchConfig configured = sim.configure(LOADER.parse("{}", "defaults"));

            assertThat(fromSnippet.rdap()).isEqualTo(configured.rdap());
            assertThat(fromSnippet.whois()).isEqualTo(configured.whois());
            assertThat(fromSnippet.dns()).isEqualTo(configured.dns());
            // the simulated .example registry runs like .nl: 40 days of quarantine, released on time
            assertThat(configured.watch().tldPolicies()).containsEntry("example", "no 0m 0m 0m 57600m 0m");
            assertThat(fromSnippet.watch().tldPolicies()).isEqualTo(configured.watch().tldPolicies());
        }
    }

    @Test
    void two_simulations_run_side_by_side_on_different_ports() {
        try (Simulation a = Simulation.start(Scenario.builtIn("jeugdzorg"));
             Simulation b = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
            assertThat(a.dnsPort()).isNotEqualTo(b.dnsPort());
            assertThat(a.whois()).isNotEqualTo(b.whois());
            assertThat(a.rdapBaseUrl()).isNotEqualTo(b.rdapBaseUrl());
        }
    }
}
