package org.lapsewatch.store;

import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FindingLifecycleTest {
    private static final DomainName DOMAIN = DomainName.parse("bjzutrecht.nl");
    private static final Set<String> SCOPE = Set.of(RuleIds.QUARANTINE, RuleIds.LEGACY_REFERENCED, RuleIds.UNKNOWN_TOO_LONG);

    private static Finding finding(String rule, Severity severity) {
        return new Finding(rule, DOMAIN, severity, Finding.Confidence.HIGH, rule + " for bjzutrecht.nl", List.of("chain"), List.of("evidence"));
    }

    private static Instant t(int hour) {
        return Instant.parse("2026-05-01T00:00:00Z").plusSeconds(3600L * hour);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void one_finding_per_rule_and_subject_opens_resolves_reopens_and_records_every_step(TestDatabases.Kind kind) {
        try (var test = kind.open()) {
            Database db = test.database();
            List<String> heard = new ArrayList<>();
            var repo = new FindingRepository(db, (h, tr) -> heard.add(tr.kind() + " " + tr.finding().finding().rule()));

            var opened = repo.reconcile(DOMAIN, SCOPE, List.of(finding(RuleIds.QUARANTINE, Severity.CRITICAL)), Set.of(), null, t(0));
            assertThat(opened).extracting(FindingTransition::kind).containsExactly(FindingTransition.Kind.OPENED);
            long id = opened.getFirst().finding().id();

            assertThat(repo.reconcile(DOMAIN, SCOPE, List.of(finding(RuleIds.QUARANTINE, Severity.CRITICAL)), Set.of(), null, t(1))).isEmpty();
            var ack = repo.acknowledge(id, "anna@samenveilig.example", t(2));
            assertThat(ack.finding().state()).isEqualTo(StoredFinding.State.ACKNOWLEDGED);
            assertThat(ack.finding().acknowledgedBy()).isEqualTo("anna@samenveilig.example");
            assertThatThrownBy(() -> repo.acknowledge(id, "bob", t(2))).hasMessageContaining("is acknowledged, not open");

            // undecided (registry timed out): nothing moves
            assertThat(repo.reconcile(DOMAIN, SCOPE, List.of(), Set.of(RuleIds.QUARANTINE), null, t(3))).isEmpty();
            assertThat(repo.find(id).orElseThrow().lastSeen()).isEqualTo(t(1));

            var resolved = repo.reconcile(DOMAIN, SCOPE, List.of(), Set.of(), null, t(4));
            assertThat(resolved).extracting(FindingTransition::kind).containsExactly(FindingTransition.Kind.RESOLVED);
            assertThat(repo.find(id).orElseThrow().resolvedAt()).isEqualTo(t(4));

            var reopened = repo.reconcile(DOMAIN, SCOPE, List.of(finding(RuleIds.QUARANTINE, Severity.HIGH)), Set.of(), null, t(5));
            assertThat(reopened).extracting(FindingTransition::kind).containsExactly(FindingTransition.Kind.REOPENED);
            StoredFinding again = repo.find(id).orElseThrow();
            assertThat(again.state()).isEqualTo(StoredFinding.State.OPEN);
            assertThat(again.firstSeen()).isEqualTo(t(0));
            assertThat(again.acknowledgedBy()).isNull();

            var changed = repo.reconcile(DOMAIN, SCOPE, List.of(finding(RuleIds.QUARANTINE, Severity.CRITICAL)), Set.of(), null, t(6));
            assertThat(changed).extracting(FindingTransition::kind).containsExactly(FindingTransition.Kind.CHANGED);

            assertThat(repo.events(id)).extracting(FindingRepository.Event::kind)
                    .containsExactly("opened", "acknowledged", "resolved", "reopened", "changed");
            assertThat(heard).containsExactly("OPENED registration.quarantine", "ACKNOWLEDGED registration.quarantine",
                    "RESOLVED registration.quarantine", "REOPENED registration.quarantine", "CHANGED registration.quarantine");
            assertThat(repo.forSubject(DOMAIN)).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void rules_outside_the_scope_are_left_alone(TestDatabases.Kind kind) {
        try (var test = kind.open()) {
            Database db = test.database();
            var repo = new FindingRepository(db, FindingListener.NONE);
            repo.reconcile(DOMAIN, Set.of(RuleIds.MX_TARGET_UNREGISTERED), List.of(finding(RuleIds.MX_TARGET_UNREGISTERED, Severity.HIGH)),
                    Set.of(), null, t(0));
            repo.reconcile(DOMAIN, SCOPE, List.of(), Set.of(), null, t(1));
            assertThat(repo.unresolved()).extracting(f -> f.finding().rule()).containsExactly(RuleIds.MX_TARGET_UNREGISTERED);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void a_failing_listener_rolls_the_transition_back(TestDatabases.Kind kind) {
        try (var test = kind.open()) {
            Database db = test.database();
            var repo = new FindingRepository(db, (Handle h, FindingTransition tr) -> {
                h.execute("insert into finding_event (finding_id, at, kind, severity, summary) values (?, ?, 'opened', 'LOW', 'outbox')",
                        tr.finding().id(), tr.at().atOffset(java.time.ZoneOffset.UTC));
                throw new IllegalStateException("outbox is full");
            });
            assertThatThrownBy(() -> repo.reconcile(DOMAIN, SCOPE, List.of(finding(RuleIds.QUARANTINE, Severity.CRITICAL)),
                    Set.of(), null, t(0))).hasMessageContaining("outbox is full");
            assertThat(repo.forSubject(DOMAIN)).isEmpty();
        }
    }
}
