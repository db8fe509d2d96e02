package org.lapsewatch.watch;

import org.lapsewatch.sim.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.RuleIds;
import org.lapsewatch.rules.RuleSettings;
import org.lapsewatch.rules.TldDelegation;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.FindingTransition;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.ObservationRepository;
import org.lapsewatch.store.StoredFinding;
import org.lapsewatch.store.TestDatabases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CheckRunnerTest {
    private static final DomainName DOMAIN = DomainName.parse("bjzutrecht.nl");
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final ScriptedLookup registry = new ScriptedLookup();
    private TldDelegation tld = new TldDelegation(TldDelegation.Answer.DELEGATED, "ns1.dns.nl: NS ns1.a.nl");
    private TestDatabases.TestDatabase test;
    private Database db;
    private CheckRunner runner;
    private FindingRepository findings;

    @BeforeEach
    void open() {
        test = TestDatabases.Kind.H2.open();
        db = test.database();
        new InventoryRepository(db, clock).add(InventoryEntry.of(DOMAIN, Lifecycle.ACTIVE));
        findings = new FindingRepository(db, FindingListener.NONE);
        runner = new CheckRunner(db, findings, registry, d -> tld, d -> List.of(),
                new LifecycleRules(RuleSettings.defaults()), new Cadence(WatchSettings.defaults()), clock);
    }

    @AfterEach
    void close() {
        test.close();
    }

    private static Registration state(RegistrationState state, String releases) {
        return new Registration(DOMAIN.ascii(), Registration.Source.WHOIS, "whois.dns.nl", state, List.of(), null, null, null,
                releases == null ? null : Instant.parse(releases), state == RegistrationState.REGISTERED ? "Registrar B.V." : null,
                List.of(), null, null);
    }

    @Test
    void a_check_stores_the_answer_raises_findings_and_unchanged_answers_only_confirm() {
        registry.answer(DOMAIN.ascii(), state(RegistrationState.QUARANTINE, "2026-06-10T12:00:00Z"));
        CheckResult first = runner.check(DOMAIN);
        assertThat(first.stored()).isTrue();
        assertThat(first.transitions()).extracting(t -> t.kind() + " " + t.finding().finding().rule())
                .containsExactly("OPENED " + RuleIds.QUARANTINE);
        assertThat(first.transitions().getFirst().context())
                .isEqualTo(new FindingTransition.Context("quarantine", Instant.parse("2026-06-10T12:00:00Z")));
        assertThat(first.nextCheck()).isBetween(clock.instant().plus(Duration.ofHours(1)), clock.instant().plus(Duration.ofMinutes(66)));

        clock.advance(Duration.ofHours(1));
        CheckResult second = runner.check(DOMAIN);
        assertThat(second.transitions()).isEmpty();
        assertThat(second.observed().id()).isEqualTo(first.observed().id());
        assertThat(new ObservationRepository(db).history(DOMAIN, 10)).hasSize(1)
                .first().extracting(o -> o.lastConfirmed()).isEqualTo(clock.instant());
    }

    @Test
    void the_raw_body_is_kept_with_each_new_observation_and_not_copied_for_an_unchanged_answer() {
        ObservationRepository observations = new ObservationRepository(db);
        registry.answer(DOMAIN.ascii(), state(RegistrationState.REGISTERED, null));
        registry.raw(DOMAIN.ascii(), "Domain name: bjzutrecht.nl\nStatus: active\nRecord maintained by: NL Domain Registry\n");
        CheckResult first = runner.check(DOMAIN);
        assertThat(observations.raw(first.observed().id()))
                .contains("Domain name: bjzutrecht.nl\nStatus: active\nRecord maintained by: NL Domain Registry\n");

        clock.advance(Duration.ofHours(1));
        registry.raw(DOMAIN.ascii(), "Domain name: bjzutrecht.nl\nStatus: active\n% queried at a later hour\n");
        CheckResult same = runner.check(DOMAIN);
        assertThat(same.observed().id()).isEqualTo(first.observed().id());
        assertThat(observations.history(DOMAIN, 10)).hasSize(1);
        assertThat(observations.raw(first.observed().id())).as("the first copy stays the evidence of that observation")
                .contains("Domain name: bjzutrecht.nl\nStatus: active\nRecord maintained by: NL Domain Registry\n");

        clock.advance(Duration.ofHours(1));
        registry.answer(DOMAIN.ascii(), state(RegistrationState.QUARANTINE, "2026-06-10T12:00:00Z"));
        registry.raw(DOMAIN.ascii(), "Domain name: bjzutrecht.nl\nStatus: in quarantine\n");
        CheckResult changed = runner.check(DOMAIN);
        assertThat(changed.observed().id()).isNotEqualTo(first.observed().id());
        assertThat(observations.raw(changed.observed().id())).contains("Domain name: bjzutrecht.nl\nStatus: in quarantine\n");

        clock.advance(Duration.ofHours(1));
        registry.answer(DOMAIN.ascii(), Registration.unknown(DOMAIN.ascii(), Registration.Source.WHOIS, "whois.dns.nl",
                RegistrationState.UNKNOWN, "no complete answer within 800 ms"));
        registry.raw(DOMAIN.ascii(), null);
        CheckResult timedOut = runner.check(DOMAIN);
        assertThat(observations.raw(timedOut.observed().id())).as("no body came, none is invented").isEmpty();
    }

    @Test
    void registry_says_free_while_the_tld_delegates_it_is_unknown_and_raises_nothing() {
        registry.answer(DOMAIN.ascii(), state(RegistrationState.QUARANTINE, "2026-06-10T12:00:00Z"));
        runner.check(DOMAIN);
        registry.answer(DOMAIN.ascii(), state(RegistrationState.AVAILABLE, null));
        CheckResult result = runner.check(DOMAIN);
        assertThat(result.observed().registration().state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(result.observed().registration().reason()).contains("registry says free but the TLD still delegates it");
        assertThat(result.transitions()).isEmpty();
        assertThat(findings.unresolved()).extracting(f -> f.finding().rule()).containsExactly(RuleIds.QUARANTINE);

        tld = new TldDelegation(TldDelegation.Answer.NXDOMAIN, "ns1.dns.nl: NXDOMAIN");
        CheckResult confirmed = runner.check(DOMAIN);
        assertThat(confirmed.observed().registration().state()).isEqualTo(RegistrationState.AVAILABLE);
        assertThat(confirmed.transitions()).extracting(t -> t.kind() + " " + t.finding().finding().rule())
                .containsExactlyInAnyOrder("OPENED " + RuleIds.AVAILABLE, "RESOLVED " + RuleIds.QUARANTINE);
    }

    @Test
    void a_lookup_that_throws_is_an_unknown_answer_not_a_failure() {
        registry.answer(DOMAIN.ascii(), d -> {
            throw new IllegalStateException("socket closed");
        });
        CheckResult result = runner.check(DOMAIN);
        assertThat(result.observed().registration().state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(result.observed().registration().reason()).contains("socket closed");
        assertThat(result.evaluation().findings()).isEmpty();
    }

    @Test
    void a_domain_outside_the_inventory_is_checked_but_nothing_is_stored() {
        DomainName other = DomainName.parse("elders.nl");
        registry.answer(other.ascii(), new Registration(other.ascii(), Registration.Source.WHOIS, "whois.dns.nl",
                RegistrationState.HOLD, List.of("inactive"), null, null, null, null, "R", List.of(), null, null));
        CheckResult result = runner.check(other);
        assertThat(result.stored()).isFalse();
        assertThat(result.evaluation().findings()).extracting(f -> f.rule()).containsExactly(RuleIds.HOLD);
        assertThat(new ObservationRepository(db).history(other, 10)).isEmpty();
        assertThat(findings.forSubject(other)).isEmpty();
    }

    @Test
    void findings_are_written_in_the_check_transaction_with_the_observation_as_evidence() {
        registry.answer(DOMAIN.ascii(), state(RegistrationState.HOLD, null));
        CheckResult result = runner.check(DOMAIN);
        StoredFinding hold = findings.forSubject(DOMAIN).getFirst();
        assertThat(hold.observationId()).isEqualTo(result.observed().id());
        assertThat(hold.finding().evidence()).first().asString().contains("observation #" + result.observed().id());
        assertThat(result.transitions()).extracting(FindingTransition::kind).containsExactly(FindingTransition.Kind.OPENED);
    }
}
