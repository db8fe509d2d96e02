package org.lapsewatch.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ObservationHistoryTest {
    private static final DomainName DOMAIN = DomainName.parse("bjzutrecht.nl");

    private static Registration registered(String server, List<String> status, String reason) {
        return new Registration("bjzutrecht.nl", Registration.Source.WHOIS, server, RegistrationState.REGISTERED, status,
                Instant.parse("2001-05-27T00:00:00Z"), null, null, null, "Registrar B.V.", List.of("ns2.a.nl", "ns1.a.nl"), false, reason);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void identical_answers_only_move_last_confirmed_and_changes_are_kept_in_order(TestDatabases.Kind kind) {
        try (var test = kind.open()) {
            Database db = test.database();
            var repo = new ObservationRepository(db);
            var first = repo.record(DOMAIN, registered("whois.a", List.of("ok", "client hold"), null), "Domain name: bjzutrecht.nl\nStatus: active\n",
                    Instant.parse("2026-05-01T00:00:00Z"));
            assertThat(first.changed()).isTrue();
            // a different server and a different list order say the same thing
            var same = repo.record(DOMAIN, registered("whois.b", List.of("client hold", "ok"), null), null, Instant.parse("2026-05-02T00:00:00Z"));
            assertThat(same.changed()).isFalse();
            assertThat(same.observed().id()).isEqualTo(first.observed().id());
            assertThat(same.observed().firstSeen()).isEqualTo(Instant.parse("2026-05-01T00:00:00Z"));
            assertThat(same.observed().lastConfirmed()).isEqualTo(Instant.parse("2026-05-02T00:00:00Z"));

            var quarantine = new Registration("bjzutrecht.nl", Registration.Source.WHOIS, "whois.a", RegistrationState.QUARANTINE,
                    List.of("in quarantine"), null, null, null, Instant.parse("2026-06-10T12:00:00Z"), null, List.of(), null, null);
            var changed = repo.record(DOMAIN, quarantine, "Status: in quarantine\n", Instant.parse("2026-05-03T00:00:00Z"));
            assertThat(changed.changed()).isTrue();
            // the old answer coming back is a change again, not a confirmation of the first row
            var back = repo.record(DOMAIN, registered("whois.a", List.of("ok", "client hold"), null), null, Instant.parse("2026-05-04T00:00:00Z"));
            assertThat(back.changed()).isTrue();

            var history = repo.history(DOMAIN, 10);
            assertThat(history).extracting(o -> o.registration().state()).containsExactly(
                    RegistrationState.REGISTERED, RegistrationState.QUARANTINE, RegistrationState.REGISTERED);
            assertThat(history.get(1).registration()).isEqualTo(quarantine);
            assertThat(repo.raw(first.observed().id())).contains("Domain name: bjzutrecht.nl\nStatus: active\n");
            assertThat(repo.raw(back.observed().id())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void failures_with_differently_worded_reasons_are_one_observation(TestDatabases.Kind kind) {
        try (var test = kind.open()) {
            Database db = test.database();
            var repo = new ObservationRepository(db);
            var a = repo.record(DOMAIN, Registration.unknown("bjzutrecht.nl", Registration.Source.WHOIS, "whois.a",
                    RegistrationState.UNKNOWN, "timed out after 10012 ms"), null, Instant.parse("2026-05-01T00:00:00Z"));
            var b = repo.record(DOMAIN, Registration.unknown("bjzutrecht.nl", Registration.Source.WHOIS, "whois.a",
                    RegistrationState.UNKNOWN, "timed out after 10003 ms"), null, Instant.parse("2026-05-01T01:00:00Z"));
            var c = repo.record(DOMAIN, Registration.unknown("bjzutrecht.nl", Registration.Source.WHOIS, "whois.a",
                    RegistrationState.THROTTLED, "429"), null, Instant.parse("2026-05-01T02:00:00Z"));
            assertThat(b.changed()).isFalse();
            assertThat(c.changed()).isTrue();
            assertThat(repo.history(DOMAIN, 10)).hasSize(2);
            assertThat(repo.history(DOMAIN, 10).getLast().registration().reason()).isEqualTo("timed out after 10012 ms");
            assertThat(a.observed().id()).isEqualTo(b.observed().id());
        }
    }
}
