package org.lapsewatch.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The port-43 server, read with a plain socket, in each registry's own format. */
class WhoisServerTest {
    private static Simulation sim;

    @BeforeAll
    static void start() {
        sim = Simulation.start(Clients.testScenario("mixed"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void nl_registered_name_in_sidn_format() {
        String answer = Clients.whois(sim.whois(), "oldagency.nl");

        assertThat(answer).contains("Domain name: oldagency.nl\n", "Status:      active\n", "Registrar:\n   Hoster B.V.\n",
                "DNSSEC:      yes\n", "Domain nameservers:\n   ns1.hoster.nl\n   ns2.hoster.nl\n",
                "Creation Date: 2004-02-03\n", "Updated Date: 2020-01-01\n");
        assertThat(answer).doesNotContain("Expir", "quarantine");
    }

    @Test
    void nl_name_without_nameservers_is_inactive_in_whois_and_rdap() {
        assertThat(Clients.whois(sim.whois(), "parked.nl")).contains("Status:      inactive\n");
        assertThat(Clients.get(sim.rdapBaseUrl().resolve("domain/parked.nl")).body()).contains("\"status\":[\"inactive\"]");
    }

    @Test
    void nl_free_name_says_it_is_free() {
        assertThat(Clients.whois(sim.whois(), "nobody-has-this.nl")).isEqualTo("nobody-has-this.nl is free\n");
    }

    @Test
    void gtld_registered_name_in_icann_format() {
        String answer = Clients.whois(sim.whois(), "bigtxt.com");

        assertThat(answer).contains("Domain Name: BIGTXT.COM\n", "Registry Domain ID: 2336799_DOMAIN_COM-VRSN\n",
                "Registrar WHOIS Server: ", "Creation Date: 1999-03-15T05:00:00Z\n",
                "Registry Expiry Date: 2026-02-01T05:00:00Z\n", "Registrar: Example Registrar, LLC\n",
                "Registrar IANA ID: 9999\n",
                "Domain Status: clientTransferProhibited https://icann.org/epp#clientTransferProhibited\n",
                "Domain Status: clientDeleteProhibited https://icann.org/epp#clientDeleteProhibited\n",
                "Name Server: NS1.HOSTER.NL\n", "DNSSEC: unsigned\n");
    }

    @Test
    void gtld_answer_refers_to_the_registrars_whois_server_like_thin_com() {
        String registry = Clients.whois(sim.whois(), "bigtxt.com");
        Matcher referral = Pattern.compile("Registrar WHOIS Server: 127\\.0\\.0\\.43:(\\d+)\n").matcher(registry);
        assertThat(referral.find()).as(registry).isTrue();
        InetSocketAddress registrar = new InetSocketAddress("127.0.0.43", Integer.parseInt(referral.group(1)));

        String answer = Clients.whois(registrar, "bigtxt.com");

        assertThat(answer).contains("Domain Name: BIGTXT.COM\n", "Registrar Registration Expiration Date: 2026-02-01T05:00:00Z\n",
                "Registrant Organization: REDACTED FOR PRIVACY\n");
        assertThat(Clients.whois(registrar, "oldagency.nl")).startsWith("No match for \"OLDAGENCY.NL\".");
    }

    @Test
    void gtld_free_name_is_no_match() {
        assertThat(Clients.whois(sim.whois(), "free-name.com")).startsWith("No match for \"FREE-NAME.COM\".\n");
    }

    @Test
    void be_registered_and_free_names_in_dns_belgium_format() {
        String registered = Clients.whois(sim.whois(), "klant.be");
        assertThat(registered).contains("Domain:\tklant.be\n", "Status:\tNOT AVAILABLE\n", "Registered:\tSun Apr 1 2012\n",
                "Registrar:\n\tName:\tRegistrar Belgique SA\n", "Nameservers:\n\tns1.hoster.nl\n");

        assertThat(Clients.whois(sim.whois(), "vrij.be")).contains("Domain:\tvrij.be\n", "Status:\tAVAILABLE\n");
    }

    @Test
    void be_cancelled_name_is_in_quarantine() {
        try (Simulation own = Simulation.start(Clients.testScenario("mixed"))) {
            own.clock().advance(Duration.ofDays(10));
            assertThat(Clients.whois(own.whois(), "klant.be")).contains("Status:\tQUARANTINE\n");
            own.clock().advance(Duration.ofDays(40));
            assertThat(Clients.whois(own.whois(), "klant.be")).contains("Status:\tAVAILABLE\n");
        }
    }

    @Test
    void query_for_a_tld_the_scenario_lacks_is_answered_with_a_comment() {
        assertThat(Clients.whois(sim.whois(), "example.org")).startsWith("% This server has no WHOIS data for .org");
    }

    @Test
    void every_connection_is_counted() {
        long before = sim.faults().requests(Service.WHOIS);
        Clients.whois(sim.whois(), "oldagency.nl");
        Clients.whois(sim.whois(), "oldagency.nl");
        assertThat(sim.faults().requests(Service.WHOIS) - before).isEqualTo(2);
    }
}
