package org.lapsewatch.registration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.sim.Service;
import org.lapsewatch.sim.Simulation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** RDAP lookups against the simulated registry: server selection, answers, 404 semantics, redirects. */
class RdapLookupTest {
    private Simulation sim;
    private HttpServer redirector;

    @TempDir
    Path home;

    @BeforeEach
    void start() {
        sim = SimRegistries.start();
    }

    @AfterEach
    void stop() {
        sim.close();
        if (redirector != null) {
            redirector.stop(0);
        }
    }

    private Registration lookup(LapsewatchConfig config, String domain) {
        return SimRegistries.engine(config, new FakeTime(), new FakeTime()).lookup(DomainName.parse(domain));
    }

    private LapsewatchConfig rdapOnly(Map<String, String> overrides, List<String> redirectors) {
        return SimRegistries.config(home, SimRegistries.rdap(sim, overrides, redirectors, Duration.ofSeconds(5)),
                SimRegistries.whois(sim, Duration.ofSeconds(5), null, false));
    }

    @Test
    void the_bootstrap_names_the_registry_and_its_answer_is_normalized() {
        Registration r = lookup(rdapOnly(Map.of(), List.of()), "samenveilig.example");
        assertThat(r.source()).isEqualTo(Registration.Source.RDAP);
        assertThat(r.server()).isEqualTo("127.0.0.1");
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(r.domain()).isEqualTo("samenveilig.example");
        assertThat(r.registrar()).isEqualTo("Registrar Noord B.V.");
        assertThat(r.created()).isEqualTo(Instant.parse("2015-03-02T10:14:00Z"));
        assertThat(r.nameservers()).containsExactly("ns1.samenveilig.example", "ns2.samenveilig.example");
        assertThat(r.dnssec()).isTrue();
        assertThat(home.resolve("cache/rdap-bootstrap.json")).exists();
    }

    @Test
    void an_override_is_used_when_the_bootstrap_is_unreachable() {
        LapsewatchConfig config = SimRegistries.config(home,
                new org.lapsewatch.config.RdapSettings("http://127.0.0.1:1/dns.json", Map.of("example", sim.rdapBaseUrl().toString()),
                        Duration.ofSeconds(1), Duration.ofSeconds(5), null),
                SimRegistries.whois(sim, Duration.ofSeconds(5), null, false));
        Registration r = lookup(config, "samenveilig.example");
        assertThat(r.source()).isEqualTo(Registration.Source.RDAP);
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(sim.faults().requests(Service.RDAP)).isEqualTo(1);
    }

    @Test
    void a_tld_without_rdap_is_asked_over_whois() {
        Registration r = lookup(SimRegistries.configured(sim, home), "hoster.test");
        assertThat(r.source()).isEqualTo(Registration.Source.WHOIS);
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(r.registrar()).isEqualTo("Hoster B.V.");
        assertThat(sim.faults().requests(Service.RDAP)).isZero();
    }

    @Test
    void none_as_override_sends_an_rdap_tld_to_whois() {
        Registration r = lookup(rdapOnly(Map.of("example", "none"), List.of()), "samenveilig.example");
        assertThat(r.source()).isEqualTo(Registration.Source.WHOIS);
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(sim.faults().requests(Service.RDAP)).isZero();
    }

    @Test
    void a_404_from_the_registry_itself_means_not_registered() {
        Registration r = lookup(rdapOnly(Map.of(), List.of()), "nobody-has-this.example");
        assertThat(r.state()).isEqualTo(RegistrationState.AVAILABLE);
        assertThat(r.source()).isEqualTo(Registration.Source.RDAP);
        assertThat(r.expires()).isNull();
    }

    @Test
    void a_404_from_a_configured_redirector_proves_nothing() {
        Registration r = lookup(rdapOnly(Map.of(), List.of(sim.rdapBaseUrl().toString())), "nobody-has-this.example");
        assertThat(r.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(r.reason()).contains("404").contains("redirector").contains("proves nothing");
    }

    @Test
    void redirects_are_followed_and_a_404_behind_one_proves_nothing() throws IOException {
        startRedirector("http://localhost:" + sim.rdapBaseUrl().getPort() + "/rdap/");
        LapsewatchConfig config = rdapOnly(Map.of("example", "http://127.0.0.1:" + redirector.getAddress().getPort() + "/"), List.of());

        Registration found = lookup(config, "samenveilig.example");
        assertThat(found.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(found.server()).as("the server that answered").isEqualTo("localhost");

        Registration missing = lookup(config, "nobody-has-this.example");
        assertThat(missing.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(missing.reason()).contains("after a redirect");
    }

    @Test
    void redirects_are_capped() throws IOException {
        redirector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        redirector.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Location", exchange.getRequestURI().toString());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirector.start();
        Registration r = lookup(rdapOnly(Map.of("example", "http://127.0.0.1:" + redirector.getAddress().getPort() + "/"), List.of()),
                "samenveilig.example");
        assertThat(r.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(r.reason()).contains("more than 5 redirects");
    }

    private void startRedirector(String target) throws IOException {
        redirector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        redirector.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Location", target + exchange.getRequestURI().getPath().substring(1));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        redirector.start();
    }
}
