package org.lapsewatch.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scenario files: what they may say, and errors that name the file, the line and the field. */
class ScenarioFileTest {
    private static final String HEAD = """
            start: 2026-01-05T09:00:00Z
            registries:
              nl: {whois: nl}
            domains:
              oud.nl:
                registration:
                  registrar: R B.V.
                  created: 2001-01-01
                  nameservers: [ns1.oud.nl]
                zone:
                  - '@ MX 10 mail'
            """;

    @TempDir
    Path dir;

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("scenario.yml");
        Files.writeString(file, yaml);
        return file;
    }

    private void assertError(String yaml, String... parts) throws IOException {
        Path file = write(yaml);
        assertThatThrownBy(() -> Scenario.load(file)).isInstanceOf(ScenarioException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContainingAll(parts);
    }

    @Test
    void valid_file_loads_with_its_name_start_and_domains() throws IOException {
        Scenario scenario = Scenario.load(write(HEAD));

        assertThat(scenario.name()).isEqualTo("scenario");
        assertThat(scenario.start()).isEqualTo(Instant.parse("2026-01-05T09:00:00Z"));
        assertThat(scenario.tlds()).containsExactly("nl");
        assertThat(scenario.domains()).containsExactly("oud.nl");
    }

    @Test
    void built_in_jeugdzorg_loads() {
        Scenario scenario = Scenario.builtIn("jeugdzorg");

        assertThat(scenario.name()).isEqualTo("jeugdzorg");
        assertThat(scenario.description()).startsWith("Retired youth-care domain lapses");
        assertThat(scenario.domains()).contains("samenveilig.example", "bjzutrecht.example", "mailsupplier.example");
    }

    @Test
    void unknown_built_in_is_refused_by_name() {
        assertThatThrownBy(() -> Scenario.builtIn("nope")).isInstanceOf(ScenarioException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void unknown_key_names_line_and_field() throws IOException {
        assertError(HEAD + "    expiry: 2027-01-01\n", "line 12", "unknown field 'domains.oud.nl.expiry'", "known here: [registration, zone]");
    }

    @Test
    void wrong_type_names_the_field() throws IOException {
        assertError(HEAD.replace("{whois: nl}", "{whois: nl, rdap: maybe}"), "line 3", "registries.nl.rdap");
    }

    @Test
    void bad_zone_record_names_line_and_list_item() throws IOException {
        assertError(HEAD + "      - 'www AAAA not-an-address'\n", "line 12", "domains[\"oud.nl\"].zone[1]",
                "not a valid AAAA record");
    }

    @Test
    void unknown_record_type_is_refused() throws IOException {
        assertError(HEAD + "      - 'www BOGUS 1'\n", "line 12", "'BOGUS' is not a record type");
    }

    @Test
    void domain_under_a_tld_without_registry_is_refused() throws IOException {
        assertError(HEAD + "  elders.com:\n    zone: []\n", "line 12", "domains[\"elders.com\"]", "no entry under registries");
    }

    @Test
    void bad_date_names_the_field() throws IOException {
        assertError(HEAD.replace("created: 2001-01-01", "created: 1 januari 2001"), "line 8",
                "domains[\"oud.nl\"].registration.created", "is not a date");
    }

    @Test
    void missing_start_is_refused() throws IOException {
        assertError(HEAD.replace("start: 2026-01-05T09:00:00Z\n", ""), "start: is required");
    }

    @Test
    void unknown_action_names_the_event() throws IOException {
        assertError(HEAD + "events:\n  - at: +1d\n    domain: oud.nl\n    action: explode\n", "line 15",
                "events[0].action", "'explode' is not an action");
    }

    @Test
    void event_for_an_unregistered_domain_is_refused() throws IOException {
        assertError(HEAD + "events:\n  - at: +1d\n    domain: nieuw.nl\n    action: cancel\n", "line 14",
                "events[0].domain", "nieuw.nl is not registered at that time");
    }

    @Test
    void expire_at_a_quarantine_registry_is_refused() throws IOException {
        assertError(HEAD + "events:\n  - at: +1d\n    domain: oud.nl\n    action: expire\n", "line 15",
                "events[0].action", "use cancel");
    }

    @Test
    void bad_offset_names_the_event() throws IOException {
        assertError(HEAD + "events:\n  - at: +3 weeks\n    domain: oud.nl\n    action: cancel\n", "line 13",
                "events[0].at", "is not an offset");
    }

    @Test
    void events_apply_in_time_order_whatever_the_file_order() throws IOException {
        Scenario scenario = Scenario.load(write(HEAD + """
                events:
                  - at: +50d
                    domain: oud.nl
                    action: re-register
                    registration: {registrar: Vreemd B.V., nameservers: [ns1.vreemd.nl]}
                  - at: +1d
                    domain: oud.nl
                    action: cancel
                """));

        try (Simulation sim = Simulation.start(scenario)) {
            sim.clock().advance(java.time.Duration.ofDays(2));
            assertThat(Clients.whois(sim.whois(), "oud.nl")).contains("in quarantine");
            sim.clock().advance(java.time.Duration.ofDays(48));
            assertThat(Clients.whois(sim.whois(), "oud.nl")).contains("Vreemd B.V.", "Creation Date: 2026-02-24");
        }
    }

    @Test
    void fault_event_needs_a_known_kind() throws IOException {
        assertError(HEAD + "events:\n  - at: +1d\n    action: fault\n    service: rdap\n    fault: {kind: meltdown}\n",
                "line 16", "events[0].fault.kind", "'meltdown' is not a fault");
    }
}
