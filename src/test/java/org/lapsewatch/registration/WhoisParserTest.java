package org.lapsewatch.registration;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Current layouts the historic corpora do not have, written from the registries' documentation. */
class WhoisParserTest {

    @Test
    void current_nl_layout_in_any_order_without_expiry() {
        String text = """
                Domain name: example.nl
                Status: active

                Reseller:
                   Example Hosting B.V.

                Registrar:
                   Example Registrar B.V.
                   Stationsplein 1
                   1012AB Amsterdam
                   Netherlands

                Abuse Contact:
                   +31.201234567
                   abuse@example.nl

                DNSSEC:      yes

                Domain nameservers:
                   ns1.example.nl
                   NS2.EXAMPLE.NET.

                Creation Date: 2001-05-27

                Updated Date: 2023-02-01

                Record maintained by: NL Domain Registry
                """;
        Registration r = WhoisParser.parse(text, "whois.domain-registry.nl", null);
        assertThat(r.domain()).isEqualTo("example.nl");
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(r.created()).isEqualTo(Instant.parse("2001-05-27T00:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2023-02-01T00:00:00Z"));
        assertThat(r.expires()).isNull();
        assertThat(r.registrar()).isEqualTo("Example Registrar B.V.");
        assertThat(r.nameservers()).containsExactly("ns1.example.nl", "ns2.example.net");
        assertThat(r.dnssec()).isTrue();
        assertThat(r.status()).containsExactly("active");
    }

    @Test
    void the_registry_domain_id_is_the_handle_and_an_empty_or_redacted_one_is_absent() {
        String text = """
                   Domain Name: GOOGLE.COM
                   Registry Domain ID: 2138514_DOMAIN_COM-VRSN
                   Registrar: MarkMonitor Inc.
                   Creation Date: 1997-09-15T04:00:00Z
                """;
        assertThat(WhoisParser.parse(text, "whois.verisign-grs.com", "google.com").handle()).isEqualTo("2138514_DOMAIN_COM-VRSN");
        assertThat(WhoisParser.parse(text.replace("2138514_DOMAIN_COM-VRSN", ""), "whois.verisign-grs.com", "google.com").handle())
                .isNull();
        assertThat(WhoisParser.parse(text.replace("2138514_DOMAIN_COM-VRSN", "REDACTED FOR PRIVACY"), "whois.verisign-grs.com",
                "google.com").handle()).isNull();
    }

    @Test
    void nl_quarantine_publishes_its_release() {
        String text = """
                Domain name: example.nl
                Status:      in quarantine

                Date out of quarantine: 2026-12-08T14:21:09

                Record maintained by: NL Domain Registry
                """;
        Registration r = WhoisParser.parse(text, "whois.domain-registry.nl", "example.nl");
        assertThat(r.state()).isEqualTo(RegistrationState.QUARANTINE);
        assertThat(r.releases()).isEqualTo(Instant.parse("2026-12-08T14:21:09Z"));
        assertThat(r.expires()).isNull();
    }

    @Test
    void current_switch_and_nic_at_layouts() {
        Registration ch = WhoisParser.parse("""
                Domain name:
                example.ch

                Holder of domain name:
                Example AG

                Registrar:
                Example Registrar Inc.

                DNSSEC:N

                Name servers:
                ns1.example.net
                ns2.example.net

                First registration date:
                31.01.2000
                """, "whois.nic.ch", null);
        assertThat(ch.domain()).isEqualTo("example.ch");
        assertThat(ch.registrar()).isEqualTo("Example Registrar Inc.");
        assertThat(ch.dnssec()).isFalse();
        assertThat(ch.nameservers()).containsExactly("ns1.example.net", "ns2.example.net");
        assertThat(ch.created()).isEqualTo(Instant.parse("2000-01-31T00:00:00Z"));
        assertThat(ch.expires()).isNull();

        Registration at = WhoisParser.parse("""
                domain:         example.at
                registrar:      Example Registrar GmbH ( https://nic.at/registrar/434 )
                registrant:     EXMP1234-NICAT
                nserver:        ns1.example.at
                remarks:        192.0.2.1
                changed:        20110315 12:10:19
                source:         AT-DOM
                """, "whois.nic.at", null);
        assertThat(at.registrar()).isEqualTo("Example Registrar GmbH");
        assertThat(at.updated()).isEqualTo(Instant.parse("2011-03-15T00:00:00Z"));
        assertThat(at.nameservers()).containsExactly("ns1.example.at");
    }

    @Test
    void free_markers_of_several_registries() {
        assertThat(WhoisParser.parse("example.nl is free\n", "whois.domain-registry.nl", "example.nl").state())
                .isEqualTo(RegistrationState.AVAILABLE);
        assertThat(WhoisParser.parse("Domain: example.de\nStatus: free\n", "whois.denic.de", "example.de").state())
                .isEqualTo(RegistrationState.AVAILABLE);
        assertThat(WhoisParser.parse("Domain:\texample.be\nStatus:\tAVAILABLE\n", "whois.dns.be", "example.be").state())
                .isEqualTo(RegistrationState.AVAILABLE);
        assertThat(WhoisParser.parse("No match for \"EXAMPLE.COM\".\n>>> Last update of whois database: 2026-11-29T03:00:00Z <<<\n",
                "whois.verisign-grs.com", "example.com").state()).isEqualTo(RegistrationState.AVAILABLE);
    }

    @Test
    void registry_state_words() {
        assertThat(WhoisParser.parse("Domain: example.be\nStatus: QUARANTINE\n", "whois.dns.be", null).state())
                .isEqualTo(RegistrationState.QUARANTINE);
        assertThat(WhoisParser.parse("Domain: example.be\nStatus: OUT OF SERVICE\n", "whois.dns.be", null).state())
                .isEqualTo(RegistrationState.HOLD);
        assertThat(WhoisParser.parse("Domain: example.be\nStatus: NOT AVAILABLE\nRegistered: Tue Dec 12 2000\n", "whois.dns.be", null))
                .satisfies(r -> {
                    assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
                    assertThat(r.created()).isEqualTo(Instant.parse("2000-12-12T00:00:00Z"));
                });
        assertThat(WhoisParser.parse("Domain: example.de\nNserver: ns1.example.de\nStatus: connect\nChanged: 2020-01-02T10:00:00+01:00\n",
                "whois.denic.de", null)).satisfies(r -> {
                    assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
                    assertThat(r.updated()).isEqualTo(Instant.parse("2020-01-02T09:00:00Z"));
                });
        assertThat(WhoisParser.parse("Domain: example.de\nStatus: invalid\n", "whois.denic.de", null).state())
                .isEqualTo(RegistrationState.INVALID);
        assertThat(WhoisParser.parse("""
                Domain Name: EXAMPLE.COM
                Registrar: Example Registrar, LLC
                Registry Expiry Date: 2027-08-13T04:00:00Z
                Domain Status: redemptionPeriod https://icann.org/epp#redemptionPeriod
                Domain Status: pendingDelete https://icann.org/epp#pendingDelete
                """, "whois.verisign-grs.com", null)).satisfies(r -> {
                    assertThat(r.state()).isEqualTo(RegistrationState.REDEMPTION);
                    assertThat(r.status()).containsExactly("redemption period", "pending delete");
                });
    }

    @Test
    void throttle_replies_are_never_available() {
        for (String reply : new String[]{
                "whois.domain-registry.nl: only 1 request per second allowed, try again later\n",
                "%% Too many requests...\n%%\n%% No entries found in the AFNIC Database.\n",
                "% Error: 55000000002 Connection refused; access control limit reached.\n",
                "WHOIS LIMIT EXCEEDED - SEE WWW.PIR.ORG/WHOIS FOR DETAILS\n"}) {
            Registration r = WhoisParser.parse(reply, "whois.example", "example.nl");
            assertThat(r.state()).as(reply).isEqualTo(RegistrationState.THROTTLED);
            assertThat(r.reason()).as(reply).isNotBlank();
        }
    }

    @Test
    void a_disclaimer_saying_not_found_does_not_make_a_domain_free() {
        String text = """
                % If the domain is not found, you may register it at your registrar.
                % The data is provided for information purposes; no match guarantee is given whether data is accurate.
                """;
        assertThat(WhoisParser.parse(text, "whois.example", "example.xy").state()).isEqualTo(RegistrationState.UNKNOWN);
    }

    @Test
    void unreadable_input_is_unknown_with_a_reason() {
        for (String text : new String[]{"", "   \n", "\u0000\u0001garbage", "lorem ipsum dolor sit amet"}) {
            Registration r = WhoisParser.parse(text, "whois.example", "example.xy");
            assertThat(r.state()).as(text).isEqualTo(RegistrationState.UNKNOWN);
            assertThat(r.reason()).as(text).isNotBlank();
        }
    }
}
