package org.lapsewatch.registration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.RdapSettings;
import org.lapsewatch.config.WhoisSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Service;
import org.lapsewatch.sim.Simulation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** WHOIS lookups against the simulated registry and small fake servers: answers, referrals, charsets, failures. */
class WhoisLookupTest {
    private Simulation sim;
    private final List<AutoCloseable> fakes = new CopyOnWriteArrayList<>();

    @TempDir
    Path home;

    @BeforeEach
    void start() {
        sim = SimRegistries.start();
    }

    @AfterEach
    void stop() throws Exception {
        sim.close();
        for (AutoCloseable fake : fakes) {
            fake.close();
        }
    }

    private LapsewatchConfig config(WhoisSettings whois) {
        return SimRegistries.config(home, SimRegistries.rdap(sim, Map.of(), List.of(), Duration.ofSeconds(5)), whois);
    }

    private Registration lookup(WhoisSettings whois, String domain) {
        return SimRegistries.engine(config(whois), new FakeTime(), new FakeTime()).lookup(DomainName.parse(domain));
    }

    @Test
    void registered_and_free_names_are_read_from_the_registry() {
        WhoisSettings whois = SimRegistries.whois(sim, Duration.ofSeconds(5), null, false);
        Registration r = lookup(whois, "hoster.test");
        assertThat(r.source()).isEqualTo(Registration.Source.WHOIS);
        assertThat(r.server()).isEqualTo("127.0.0.1");
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(r.registrar()).isEqualTo("Hoster B.V.");
        assertThat(r.nameservers()).containsExactly("ns1.hoster.test", "ns2.hoster.test");
        assertThat(lookup(whois, "nobody-has-this.test").state()).isEqualTo(RegistrationState.AVAILABLE);
    }

    @Test
    void faults_end_as_unknown_or_throttled_with_the_reason() {
        WhoisSettings whois = SimRegistries.whois(sim, Duration.ofMillis(800), 64 * 1024, false);
        sim.faults().whois(Fault.timeout().times(1));
        assertThat(lookup(whois, "hoster.test").reason()).contains("no complete answer").contains("within 800 ms");
        sim.faults().whois(Fault.oversized(200_000).times(1));
        assertThat(lookup(whois, "hoster.test").reason()).contains("exceeds 65536 bytes");
        sim.faults().whois(Fault.serverError(500).times(1));
        assertThat(lookup(whois, "hoster.test").reason()).contains("closed the connection without an answer");
        sim.faults().whois(Fault.tooManyRequests(30).times(1));
        assertThat(lookup(whois, "hoster.test").state()).isEqualTo(RegistrationState.THROTTLED);
        sim.faults().whois(Fault.garbage().times(1));
        Registration garbage = lookup(whois, "hoster.test");
        assertThat(garbage.state()).isNotIn(RegistrationState.AVAILABLE, RegistrationState.REGISTERED);
        assertThat(garbage.expires()).isNull();
    }

    @Test
    void a_throttle_reply_pauses_that_server() {
        FakeTime time = new FakeTime();
        RegistrationEngine engine = SimRegistries.engine(config(SimRegistries.whois(sim, Duration.ofSeconds(5), null, false)), time, time);
        sim.faults().whois(Fault.tooManyRequests(30).times(1));
        assertThat(engine.lookup(DomainName.parse("hoster.test")).state()).isEqualTo(RegistrationState.THROTTLED);
        long asked = sim.faults().requests(Service.WHOIS);
        Registration again = engine.lookup(DomainName.parse("hoster.test"));
        assertThat(again.state()).isEqualTo(RegistrationState.THROTTLED);
        assertThat(again.reason()).contains("rate-limit message");
        assertThat(sim.faults().requests(Service.WHOIS)).isEqualTo(asked);
    }

    @Test
    void a_thin_registry_referral_is_followed_and_fills_only_what_the_registry_left_empty() throws IOException {
        List<String> registrarQueries = new CopyOnWriteArrayList<>();
        InetSocketAddress registrar = fakeWhois(registrarQueries, StandardCharsets.UTF_8, """
                Domain Name: thin.com
                Registrar: Example Registrar, LLC
                Registry Expiry Date: 2031-01-01T00:00:00Z
                Registrar WHOIS Server: whois.exampleregistrarllc.example
                DNSSEC: signedDelegation
                """);
        InetSocketAddress registry = fakeWhois(new CopyOnWriteArrayList<>(), StandardCharsets.UTF_8, """
                   Domain Name: THIN.COM
                   Registrar WHOIS Server: whois.exampleregistrarllc.example
                   Creation Date: 1999-03-15T05:00:00Z
                   Registry Expiry Date: 2027-03-15T05:00:00Z
                   Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited
                   Name Server: NS1.HOSTER.TEST
                >>> Last update of whois database: 2026-01-05T09:00:00Z <<<
                """);
        WhoisSettings whois = new WhoisSettings(Map.of("com", "whois.verisign-grs.com"), null, Duration.ofSeconds(5), null,
                null, 1000.0, null, null, null, false);
        LapsewatchConfig config = SimRegistries.config(home, new RdapSettings("http://127.0.0.1:1/", Map.of("com", "none"),
                null, null, null), whois);
        Map<String, InetSocketAddress> hosts = Map.of("whois.verisign-grs.com", registry, "whois.exampleregistrarllc.example", registrar);

        Registration r = SimRegistries.engine(config, new FakeTime(), new FakeTime(), hosts).lookup(DomainName.parse("thin.com"));
        assertThat(r.server()).isEqualTo("whois.verisign-grs.com");
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(r.expires()).as("the registry's date wins").isEqualTo(Instant.parse("2027-03-15T05:00:00Z"));
        assertThat(r.registrar()).as("filled from the registrar").isEqualTo("Example Registrar, LLC");
        assertThat(r.dnssec()).isTrue();
        assertThat(registrarQueries).as("asked once, plain name, no loop back to itself").containsExactly("thin.com");

        WhoisSettings noReferrals = new WhoisSettings(whois.servers(), null, Duration.ofSeconds(5), null, null, 1000.0, null,
                null, 0, false);
        Registration registryOnly = SimRegistries.engine(SimRegistries.config(home, config.rdap(), noReferrals), new FakeTime(),
                new FakeTime(), hosts).lookup(DomainName.parse("thin.com"));
        assertThat(registryOnly.registrar()).isNull();
        assertThat(registrarQueries).hasSize(1);
    }

    @Test
    void the_simulated_thin_registry_refers_to_its_registrar_once_without_looping() {
        long before = sim.faults().requests(Service.WHOIS);
        Registration r = lookup(SimRegistries.whois(sim, Duration.ofSeconds(5), null, false), "thin.com");
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(r.server()).as("the registry's answer, with gaps filled").isEqualTo("127.0.0.1");
        assertThat(r.expires()).isEqualTo(Instant.parse("2027-03-15T05:00:00Z"));
        assertThat(sim.faults().requests(Service.WHOIS) - before)
                .as("registry, then the registrar (whose answer names itself again): two queries").isEqualTo(2);
    }

    @Test
    void latin1_answers_are_decoded_when_they_are_not_utf8() throws IOException {
        InetSocketAddress latin1 = fakeWhois(new CopyOnWriteArrayList<>(), StandardCharsets.ISO_8859_1,
                "Domain Name: accent.test\nRegistrar: Société Générale Réseaux\nCreation Date: 2010-01-01\n");
        InetSocketAddress utf8 = fakeWhois(new CopyOnWriteArrayList<>(), StandardCharsets.UTF_8,
                "Domain Name: accent2.test\nRegistrar: Société Générale Réseaux\nCreation Date: 2010-01-01\n");
        WhoisSettings whois = new WhoisSettings(Map.of("test", "whois.latin1.example"), null, Duration.ofSeconds(5), null,
                null, 1000.0, null, null, null, false);
        LapsewatchConfig config = SimRegistries.config(home, new RdapSettings("http://127.0.0.1:1/", Map.of("test", "none"),
                null, null, null), whois);
        Registration r = SimRegistries.engine(config, new FakeTime(), new FakeTime(), Map.of("whois.latin1.example", latin1))
                .lookup(DomainName.parse("accent.test"));
        assertThat(r.registrar()).isEqualTo("Société Générale Réseaux");
        Registration u = SimRegistries.engine(config, new FakeTime(), new FakeTime(), Map.of("whois.latin1.example", utf8))
                .lookup(DomainName.parse("accent2.test"));
        assertThat(u.registrar()).isEqualTo("Société Générale Réseaux");
    }

    @Test
    void decode_prefers_strict_utf8() {
        assertThat(WhoisClient.decode("é".getBytes(StandardCharsets.UTF_8))).isEqualTo("é");
        assertThat(WhoisClient.decode(new byte[]{(byte) 0xE9})).isEqualTo("é");
    }

    /** A port-43 server on loopback that records each query line and answers {@code text} in {@code charset}. */
    private InetSocketAddress fakeWhois(List<String> queries, Charset charset, String text) throws IOException {
        ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        fakes.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    queries.add(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine());
                    s.getOutputStream().write(text.getBytes(charset));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort());
    }
}
