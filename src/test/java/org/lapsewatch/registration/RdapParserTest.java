package org.lapsewatch.registration;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class RdapParserTest {

    private static Registration parse(String json) {
        return RdapParser.parse(json, "rdap.example");
    }

    private static String domain(String events, String status, String extra) {
        return """
                {"objectClassName":"domain","ldhName":"Example.COM.","events":[%s],"status":[%s]%s}
                """.formatted(events, status, extra);
    }

    @Test
    void reads_events_status_registrar_nameservers_and_dnssec() {
        Registration r = parse(domain("""
                {"eventAction":"registration","eventDate":"1997-09-15T04:00:00Z"},
                {"eventAction":"expiration","eventDate":"2028-09-14T04:00:00Z"},
                {"eventAction":"last changed","eventDate":"2019-09-09T15:39:04Z"},
                {"eventAction":"last update of RDAP database","eventDate":"2024-01-01T00:00:00Z"}""",
                "\"client transfer prohibited\",\"serverDeleteProhibited\"", """
                ,"entities":[{"objectClassName":"entity","roles":["registrar"],
                  "vcardArray":["vcard",[["version",{},"text","4.0"],["fn",{},"text","Example Registrar, Inc."]]]}],
                 "nameservers":[{"ldhName":"NS1.Example.NET."},{"ldhName":"ns2.example.net"}],
                 "secureDNS":{"delegationSigned":true}"""));
        assertThat(r.domain()).isEqualTo("example.com");
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(r.created()).isEqualTo(Instant.parse("1997-09-15T04:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2028-09-14T04:00:00Z"));
        assertThat(r.updated()).as("last changed, not the database update").isEqualTo(Instant.parse("2019-09-09T15:39:04Z"));
        assertThat(r.status()).containsExactly("client transfer prohibited", "server delete prohibited");
        assertThat(r.registrar()).isEqualTo("Example Registrar, Inc.");
        assertThat(r.nameservers()).containsExactly("ns1.example.net", "ns2.example.net");
        assertThat(r.dnssec()).isTrue();
        assertThat(r.releases()).isNull();
    }

    @Test
    void a_later_reregistration_replaces_the_creation_date() {
        Registration r = parse(domain("""
                {"eventAction":"registration","eventDate":"2001-01-01T00:00:00Z"},
                {"eventAction":"reregistration","eventDate":"2023-05-01T00:00:00Z"}""", "", ""));
        assertThat(r.created()).isEqualTo(Instant.parse("2023-05-01T00:00:00Z"));
    }

    @Test
    void lifecycle_status_words_map_onto_states() {
        assertThat(parse(domain("", "\"redemption period\",\"pending delete\"", "")).state()).isEqualTo(RegistrationState.REDEMPTION);
        assertThat(parse(domain("", "\"pending delete\"", "")).state()).isEqualTo(RegistrationState.PENDING_DELETE);
        assertThat(parse(domain("", "\"auto renew period\",\"client hold\"", "")).state()).isEqualTo(RegistrationState.GRACE);
        assertThat(parse(domain("", "\"client hold\"", "")).state()).isEqualTo(RegistrationState.HOLD);
        assertThat(parse(domain("", "\"inactive\"", "")).state()).isEqualTo(RegistrationState.HOLD);
        assertThat(parse(domain("", "\"active\"", "")).state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(parse(domain("", "\"renew period\"", "")).state()).isEqualTo(RegistrationState.REGISTERED);
    }

    @Test
    void a_registrar_known_only_by_its_iana_id_is_named_by_it() {
        Registration r = parse(domain("", "", """
                ,"entities":[{"roles":["technical"],"vcardArray":["vcard",[["fn",{},"text","Someone"]]]},
                  {"roles":["registrar"],"publicIds":[{"type":"IANA Registrar ID","identifier":"292"}]}]"""));
        assertThat(r.registrar()).isEqualTo("IANA #292");
    }

    @Test
    void redacted_fields_are_null() {
        Registration r = parse(domain("""
                {"eventAction":"registration","eventDate":"2001-01-01T00:00:00Z"},
                {"eventAction":"expiration","eventDate":""}""", "", """
                ,"redacted":[{"name":{"type":"Registry Expiration Date"},"method":"removal"},
                  {"name":{"type":"Registrant Name"},"method":"removal"}]"""));
        assertThat(r.expires()).isNull();
        assertThat(r.created()).isEqualTo(Instant.parse("2001-01-01T00:00:00Z"));
    }

    @Test
    void quirky_timestamps_are_read_as_utc() {
        Registration r = parse(domain("""
                {"eventAction":"registration","eventDate":"2008-08-18T13:19:55"},
                {"eventAction":"expiration","eventDate":"2028-09-13T07:00:00.000+0000"},
                {"eventAction":"last update","eventDate":"2019-09-09"}""", "", ""));
        assertThat(r.created()).isEqualTo(Instant.parse("2008-08-18T13:19:55Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2028-09-13T07:00:00Z"));
        assertThat(r.updated()).isEqualTo(Instant.parse("2019-09-09T00:00:00Z"));
    }

    @Test
    void error_objects_and_garbage_are_answers_not_facts() {
        assertThat(parse("{\"errorCode\":404,\"title\":\"Not Found\"}").state()).isEqualTo(RegistrationState.AVAILABLE);
        Registration limited = parse("{\"errorCode\":429,\"title\":\"Too Many Requests\"}");
        assertThat(limited.state()).isEqualTo(RegistrationState.THROTTLED);
        assertThat(limited.reason()).contains("429");
        for (String garbage : List.of("", "   ", "<html>503</html>", "{\"objectClassName\":\"domain\"", "[1,2]", "null",
                "{\"objectClassName\":\"entity\",\"handle\":\"X\"}", "{\"errorCode\":503}",
                "{\"objectClassName\":\"domain\",\"events\":{\"eventAction\":5},\"entities\":\"x\",\"status\":7}")) {
            Registration r = parse(garbage);
            assertThat(r.state()).as(garbage).isIn(RegistrationState.UNKNOWN, RegistrationState.REGISTERED);
            assertThat(r.expires()).as(garbage).isNull();
            if (r.state() == RegistrationState.UNKNOWN) {
                assertThat(r.reason()).as(garbage).isNotBlank();
            }
        }
    }

    @Test
    void every_rdap_file_in_the_corpora_parses_without_throwing() {
        Path corpora = CorpusCases.requireCorpora();
        List<Path> files = CorpusCases.allRdap(corpora);
        assertThat(files).hasSizeGreaterThan(20);
        int domains = 0;
        for (Path f : files) {
            String json = CorpusCases.read(f);
            assertThatCode(() -> RdapParser.parse(json, "rdap.example")).as(f.toString()).doesNotThrowAnyException();
            Registration r = RdapParser.parse(json, "rdap.example");
            if (json.contains("\"objectClassName\"") && json.contains("\"domain\"") && r.state() == RegistrationState.REGISTERED) {
                domains++;
                assertThat(r.nameservers()).as(f.toString()).allSatisfy(ns -> assertThat(ns).isLowerCase().doesNotEndWith("."));
                if (r.created() != null && r.expires() != null) {
                    assertThat(r.expires()).as(f.toString()).isAfter(r.created());
                }
            }
        }
        assertThat(domains).isGreaterThanOrEqualTo(12);
    }

    @Test
    void the_registry_handle_is_kept_so_that_a_new_registration_can_be_told_from_a_transfer() {
        Path file = CorpusCases.requireCorpora().resolve("rdap/icann-icann-rdap/icann-rdap-client/src/test_files/lemonde.fr.json");
        assertThat(RdapParser.parse(CorpusCases.read(file), "rdap.nic.fr").handle()).isEqualTo("DOM000000024309-FRNIC");
    }

    @Test
    void whodap_samples_with_last_update_and_offsets_without_colon() {
        Path samples = CorpusCases.requireCorpora().resolve("rdap/pogzyb-whodap/tests/samples");
        Registration google = RdapParser.parse(CorpusCases.read(samples.resolve("google.com.json")), "rdap.verisign.com");
        assertThat(google.domain()).isEqualTo("google.com");
        assertThat(google.created()).isEqualTo(Instant.parse("1997-09-15T07:00:00Z"));
        assertThat(google.expires()).isEqualTo(Instant.parse("2028-09-13T07:00:00Z"));
        assertThat(google.updated()).as("non-standard 'last update'").isEqualTo(Instant.parse("2019-09-09T15:39:04Z"));
        assertThat(google.registrar()).isEqualTo("MarkMonitor Inc.");
        assertThat(google.status()).contains("client update prohibited", "server delete prohibited");

        Registration bitcoin = RdapParser.parse(CorpusCases.read(samples.resolve("bitcoin.org.json")), "rdap.publicinterestregistry.org");
        assertThat(bitcoin.created()).as("timestamp without zone is UTC").isEqualTo(Instant.parse("2008-08-18T13:19:55Z"));
        assertThat(bitcoin.updated()).as("last changed, not the RDAP database update").isEqualTo(Instant.parse("2019-11-24T13:58:35Z"));
        assertThat(bitcoin.registrar()).isEqualTo("NAMECHEAP INC");

        Registration amazon = RdapParser.parse(CorpusCases.read(samples.resolve("amazon.ooo.json")), "rdap.nic.ooo");
        assertThat(amazon.domain()).as("trailing dot dropped").isEqualTo("amazon.ooo");
        assertThat(amazon.nameservers()).contains("nsgbr.comlaude.co.uk", "nssui.comlaude.ch", "nsusa.comlaude.net");
        assertThat(amazon.registrar()).isEqualTo("NOM-IQ Ltd dba Com Laude");
    }

    @Test
    void icann_samples_keep_registered_fields_when_contacts_are_redacted() {
        Path files = CorpusCases.requireCorpora().resolve("rdap/icann-icann-rdap/icann-rdap-common/src/response/test_files");
        Registration r = RdapParser.parse(CorpusCases.read(files.resolve("lookup_with_redaction.json")), "rdap.example");
        assertThat(r.created()).isEqualTo(Instant.parse("1997-06-03T00:00:00Z"));
        assertThat(r.expires()).isEqualTo(Instant.parse("2021-06-03T04:00:00Z"));
        assertThat(r.dnssec()).isFalse();
        Registration error = RdapParser.parse(CorpusCases.read(files.resolve("error_ripe_net.json")), "rdap.db.ripe.net");
        assertThat(error.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(error.reason()).contains("501");
    }
}
