package org.lapsewatch.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built-in Jeugdzorg story as a client sees it while the clock moves: cancelled, in
 * quarantine, free, registered by a stranger — on RDAP, WHOIS and DNS alike.
 */
class ScenarioTimelineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RETIRED = "bjzutrecht.example";

    @Test
    void retired_domain_goes_through_quarantine_and_is_registered_by_a_stranger() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
            assertThat(sim.clock().instant()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
            assertThat(Clients.whois(sim.whois(), RETIRED)).contains("Status:      active");
            assertThat(mx(sim)).isEqualTo("mail.samenveilig.example.");

            sim.clock().advance(Duration.ofDays(30).minusSeconds(1));
            assertThat(Clients.whois(sim.whois(), RETIRED)).contains("Status:      active");

            sim.clock().advance(Duration.ofSeconds(1)); // +30d: cancelled
            String quarantine = Clients.whois(sim.whois(), RETIRED);
            assertThat(quarantine).contains("Status:      in quarantine", "Date out of quarantine: 2026-03-16T09:00:00Z")
                    .doesNotContain("Domain nameservers:");
            JsonNode rdap = JSON.readTree(Clients.get(sim.rdapBaseUrl().resolve("domain/" + RETIRED)).body());
            assertThat(RdapServerTest.texts(rdap.path("status"))).contains("redemption period");
            assertThat(RdapServerTest.event(rdap, "deletion")).isEqualTo("2026-03-16T09:00:00Z");
            assertThat(Clients.query(sim.resolver(), RETIRED, Type.MX).getRcode()).as("delegation removed")
                    .isEqualTo(Rcode.NXDOMAIN);

            sim.clock().set(Instant.parse("2026-03-16T09:00:00Z")); // out of quarantine: free
            assertThat(Clients.whois(sim.whois(), RETIRED)).isEqualTo(RETIRED + " is free\n");
            assertThat(Clients.get(sim.rdapBaseUrl().resolve("domain/" + RETIRED)).statusCode()).isEqualTo(404);
            assertThat(Clients.query(sim.resolver(), RETIRED, Type.MX).getRcode()).isEqualTo(Rcode.NXDOMAIN);

            sim.clock().set(Instant.parse("2026-03-16T10:00:00Z")); // a stranger registers it
            String taken = Clients.whois(sim.whois(), RETIRED);
            assertThat(taken).contains("Status:      active", "Snelle Registratie B.V.", "Creation Date: 2026-03-16",
                    "   ns1.stranger-dns.example\n");
            rdap = JSON.readTree(Clients.get(sim.rdapBaseUrl().resolve("domain/" + RETIRED)).body());
            assertThat(rdap.path("handle").asText()).isEqualTo("BJZUTRECHT-2026");
            assertThat(RdapServerTest.event(rdap, "registration")).isEqualTo("2026-03-16T10:00:00Z");
            assertThat(mx(sim)).isEqualTo("mx.stranger-dns.example.");
        }
    }

    @Test
    void moving_the_clock_back_undoes_the_events() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
            sim.clock().advance(Duration.ofDays(80));
            assertThat(mx(sim)).isEqualTo("mx.stranger-dns.example.");

            sim.clock().set(sim.scenario().start());

            assertThat(mx(sim)).isEqualTo("mail.samenveilig.example.");
        }
    }

    @Test
    void old_nameservers_stop_serving_the_zone_once_the_stranger_has_it() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
            var oldServer = new java.net.InetSocketAddress(
                    ((org.xbill.DNS.ARecord) Clients.query(sim.resolver(), "ns1.samenveilig.example", Type.A)
                            .getSection(Section.ANSWER).getFirst()).getAddress(), sim.dnsPort());
            assertThat(Clients.query(oldServer, RETIRED, Type.MX).getRcode()).isEqualTo(Rcode.NOERROR);

            sim.clock().advance(Duration.ofDays(71));

            assertThat(Clients.query(oldServer, RETIRED, Type.MX).getRcode()).isEqualTo(Rcode.REFUSED);
        }
    }

    @Test
    void gtld_name_auto_renews_then_goes_through_redemption_and_pending_delete() throws Exception {
        try (Simulation sim = Simulation.start(Clients.testScenario("mixed"))) {
            sim.clock().set(Instant.parse("2026-02-01T05:00:00Z")); // expiry passes unpaid
            JsonNode grace = rdap(sim, "bigtxt.com");
            assertThat(RdapServerTest.texts(grace.path("status"))).contains("auto renew period");
            assertThat(RdapServerTest.event(grace, "expiration")).as("rolled a year ahead").isEqualTo("2027-02-01T05:00:00Z");
            assertThat(Clients.whois(sim.whois(), "bigtxt.com"))
                    .contains("Domain Status: autoRenewPeriod https://icann.org/epp#autoRenewPeriod");
            assertThat(Clients.query(sim.resolver(), "bigtxt.com", Type.TXT).getRcode()).isEqualTo(Rcode.NOERROR);

            sim.clock().advance(Duration.ofDays(45));
            JsonNode redemption = rdap(sim, "bigtxt.com");
            assertThat(RdapServerTest.texts(redemption.path("status"))).containsExactly("redemption period");
            assertThat(RdapServerTest.event(redemption, "deletion")).isEqualTo("2026-04-22T05:00:00Z");
            assertThat(Clients.query(sim.resolver(), "bigtxt.com", Type.TXT).getRcode()).isEqualTo(Rcode.NXDOMAIN);

            sim.clock().advance(Duration.ofDays(30));
            assertThat(RdapServerTest.texts(rdap(sim, "bigtxt.com").path("status"))).containsExactly("pending delete");

            sim.clock().advance(Duration.ofDays(5));
            assertThat(Clients.get(sim.rdapBaseUrl().resolve("domain/bigtxt.com")).statusCode()).isEqualTo(404);
            assertThat(Clients.whois(sim.whois(), "bigtxt.com")).startsWith("No match for \"BIGTXT.COM\".");
        }
    }

    private static JsonNode rdap(Simulation sim, String domain) throws Exception {
        return JSON.readTree(Clients.get(sim.rdapBaseUrl().resolve("domain/" + domain)).body());
    }

    private static String mx(Simulation sim) throws Exception {
        Message answer = Clients.query(sim.resolver(), RETIRED, Type.MX);
        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        return ((MXRecord) answer.getSection(Section.ANSWER).getFirst()).getTarget().toString();
    }
}
