package org.lapsewatch.rules;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.model.Severity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lapsewatch.model.RegistrationState.*;

class LifecycleRulesTest {
    private static final String NOW = "2026-05-02T12:00:00Z";
    private final LifecycleRules rules = new LifecycleRules(RuleSettings.defaults());

    private static InventoryEntry entry(String name, Lifecycle lifecycle) {
        return InventoryEntry.of(DomainName.parse(name), lifecycle);
    }

    private Evaluation evaluate(InventoryEntry entry, Observed current, List<Observed> earlier, List<Reference> refs, String now) {
        return rules.evaluate(new RuleInput(entry, current, earlier, refs, Instant.parse(now)));
    }

    private Evaluation evaluate(String name, Lifecycle lifecycle, Observed current, Observed... earlier) {
        return evaluate(entry(name, lifecycle), current, List.of(earlier), List.of(), NOW);
    }

    private static Optional<Finding> rule(Evaluation evaluation, String rule) {
        return evaluation.findings().stream().filter(f -> f.rule().equals(rule)).findFirst();
    }

    private static List<String> ruleIds(Evaluation evaluation) {
        return evaluation.findings().stream().map(Finding::rule).toList();
    }

    @Test
    void expiry_windows_raise_severity_as_the_date_nears() {
        var base = Registrations.registered("example.com");
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, base.expires("2026-09-01T00:00:00Z").seen(NOW)), RuleIds.EXPIRING)).isEmpty();
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, base.expires("2026-06-15T00:00:00Z").seen(NOW)), RuleIds.EXPIRING))
                .get().extracting(Finding::severity).isEqualTo(Severity.LOW);
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, base.expires("2026-05-25T00:00:00Z").seen(NOW)), RuleIds.EXPIRING))
                .get().extracting(Finding::severity).isEqualTo(Severity.MEDIUM);
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, base.expires("2026-05-12T00:00:00Z").seen(NOW)), RuleIds.EXPIRING))
                .get().extracting(Finding::severity).isEqualTo(Severity.HIGH);
        Finding lastWeek = rule(evaluate("example.com", Lifecycle.ACTIVE, base.expires("2026-05-05T00:00:00Z").seen(NOW)), RuleIds.EXPIRING).orElseThrow();
        assertThat(lastWeek.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(lastWeek.summary()).contains("2026-05-05", "in 2 days", "7-day window");
        assertThat(rule(evaluate("example.com", Lifecycle.DEFENSIVE, base.expires("2026-05-05T00:00:00Z").seen(NOW)), RuleIds.EXPIRING))
                .get().extracting(Finding::severity).isEqualTo(Severity.HIGH);
    }

    @Test
    void configured_windows_replace_the_defaults() {
        var custom = new LifecycleRules(new RuleSettings(List.of(90, 10), Duration.ofDays(3), TldPolicies.builtIn()));
        var current = Registrations.registered("example.com").expires("2026-07-01T00:00:00Z").seen(NOW);
        var evaluation = custom.evaluate(new RuleInput(entry("example.com", Lifecycle.ACTIVE), current, List.of(), List.of(), Instant.parse(NOW)));
        assertThat(rule(evaluation, RuleIds.EXPIRING)).get().extracting(Finding::severity).isEqualTo(Severity.HIGH);
    }

    @Test
    void gtld_auto_renew_trap_is_grace_not_an_expiry_a_year_away() {
        var before = Registrations.registered("example.com").expires("2026-05-01T00:00:00Z").seen("2026-04-30T12:00:00Z");
        var rolled = Registrations.registered("example.com").expires("2027-05-01T00:00:00Z").seen("2026-05-02T06:00:00Z");
        var evaluation = evaluate("example.com", Lifecycle.ACTIVE, rolled, before);

        assertThat(ruleIds(evaluation)).contains(RuleIds.AUTO_RENEW_GRACE).doesNotContain(RuleIds.EXPIRING);
        Finding grace = rule(evaluation, RuleIds.AUTO_RENEW_GRACE).orElseThrow();
        assertThat(grace.severity()).isEqualTo(Severity.HIGH);
        assertThat(grace.confidence()).isEqualTo(Finding.Confidence.MEDIUM);
        assertThat(grace.summary()).contains("2026-05-01", "2027-05-01", "grace until 2026-06-15");
        assertThat(evaluation.pointOfNoReturn().atOrNull()).isEqualTo(Instant.parse("2026-07-20T00:00:00Z"));
    }

    @Test
    void auto_renew_period_status_alone_is_grace_with_high_confidence() {
        var current = Registrations.registered("example.com").withStatus("auto renew period").expires("2027-05-01T00:00:00Z").seen(NOW);
        Finding grace = rule(evaluate("example.com", Lifecycle.ACTIVE, current), RuleIds.AUTO_RENEW_GRACE).orElseThrow();
        assertThat(grace.confidence()).isEqualTo(Finding.Confidence.HIGH);
        assertThat(grace.summary()).contains("passed its expiry date 2026-05-01");
    }

    @Test
    void renewal_before_the_old_date_is_not_grace() {
        var before = Registrations.registered("example.com").expires("2026-05-01T00:00:00Z").seen("2026-04-01T00:00:00Z");
        var renewed = Registrations.registered("example.com").expires("2027-05-01T00:00:00Z").seen("2026-04-20T00:00:00Z");
        assertThat(evaluate("example.com", Lifecycle.ACTIVE, renewed, before).findings()).isEmpty();
    }

    @Test
    void grace_ends_when_the_grace_period_is_over() {
        var before = Registrations.registered("example.com").expires("2026-05-01T00:00:00Z").seen("2026-04-30T12:00:00Z");
        var rolled = Registrations.registered("example.com").expires("2027-05-01T00:00:00Z").seen("2026-05-02T06:00:00Z");
        var evaluation = evaluate(entry("example.com", Lifecycle.ACTIVE), rolled, List.of(before), List.of(), "2026-06-20T00:00:00Z");
        assertThat(evaluation.findings()).isEmpty();
    }

    @Test
    void nl_without_expiry_date_asks_for_a_registrar_or_manual_source() {
        var current = Registrations.registered("voorbeeld.nl").withStatus().seen(NOW);
        var evaluation = evaluate("voorbeeld.nl", Lifecycle.ACTIVE, current);
        assertThat(ruleIds(evaluation)).containsExactly(RuleIds.NO_PUBLIC_EXPIRY);
        Finding finding = evaluation.findings().getFirst();
        assertThat(finding.severity()).isEqualTo(Severity.INFO);
        assertThat(finding.summary()).contains(".nl registry does not publish expiry dates", "registrar", "manual source");
        assertThat(evaluation.pointOfNoReturn()).isInstanceOf(PointOfNoReturn.Unknown.class);
    }

    @Test
    void hold_is_high() {
        var current = Registrations.registered("voorbeeld.nl").state(HOLD).withStatus("inactive").seen(NOW);
        assertThat(rule(evaluate("voorbeeld.nl", Lifecycle.ACTIVE, current), RuleIds.HOLD)).get()
                .extracting(Finding::severity).isEqualTo(Severity.HIGH);
    }

    @Test
    void redemption_and_pending_delete_are_critical() {
        var registered = Registrations.registered("example.com").expires("2026-03-01T00:00:00Z").seen("2026-04-10T00:00:00Z");
        var redemption = Registrations.registered("example.com").state(REDEMPTION).withStatus("redemption period")
                .expires("2026-03-01T00:00:00Z").seen("2026-04-11T00:00:00Z");
        var evaluation = evaluate("example.com", Lifecycle.ACTIVE, redemption, registered);
        assertThat(ruleIds(evaluation)).containsExactly(RuleIds.REDEMPTION);
        assertThat(evaluation.findings().getFirst().severity()).isEqualTo(Severity.CRITICAL);
        assertThat(evaluation.findings().getFirst().summary()).contains("someone else can register it from 2026-05-15T00:00:00Z");

        var pending = Registrations.registered("example.com").state(PENDING_DELETE).withStatus("pending delete")
                .expires("2026-03-01T00:00:00Z").seen("2026-05-11T00:00:00Z");
        var later = evaluate(entry("example.com", Lifecycle.ACTIVE), pending, List.of(redemption, registered), List.of(), "2026-05-12T00:00:00Z");
        assertThat(ruleIds(later)).containsExactly(RuleIds.PENDING_DELETE);
        assertThat(later.findings().getFirst().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void redemption_before_the_expiry_date_is_an_early_delete() {
        var registered = Registrations.registered("example.com").expires("2026-09-01T00:00:00Z").seen("2026-04-01T00:00:00Z");
        var redemption = Registrations.registered("example.com").state(REDEMPTION).expires("2026-09-01T00:00:00Z").seen("2026-05-01T00:00:00Z");
        var evaluation = evaluate("example.com", Lifecycle.ACTIVE, redemption, registered);
        assertThat(ruleIds(evaluation)).containsExactlyInAnyOrder(RuleIds.REDEMPTION, RuleIds.EARLY_DELETE);
        assertThat(rule(evaluation, RuleIds.EARLY_DELETE).orElseThrow().summary()).contains("before its expiry date 2026-09-01");
    }

    @Test
    void quarantine_counts_down_to_the_published_release() {
        var current = Registrations.registered("voorbeeld.nl").state(QUARANTINE).withStatus("in quarantine")
                .releases("2026-05-14T10:00:00Z").seen(NOW);
        Finding finding = rule(evaluate("voorbeeld.nl", Lifecycle.ACTIVE, current), RuleIds.QUARANTINE).orElseThrow();
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.summary()).contains("released to anyone at 2026-05-14T10:00:00Z", "in 11 d 22 h");
    }

    @Test
    void nl_rdap_redemption_period_is_reported_as_quarantine() {
        var current = Registrations.registered("voorbeeld.nl").state(REDEMPTION).withStatus("redemption period", "inactive")
                .releases("2026-05-14T10:00:00Z").seen(NOW);
        assertThat(ruleIds(evaluate("voorbeeld.nl", Lifecycle.ACTIVE, current))).containsExactly(RuleIds.QUARANTINE);
    }

    @Test
    void available_is_critical_for_owned_domains() {
        var current = Registrations.registered("example.com").state(AVAILABLE).seen(NOW);
        assertThat(rule(evaluate("example.com", Lifecycle.RETIRED, current), RuleIds.AVAILABLE)).get()
                .extracting(Finding::severity).isEqualTo(Severity.CRITICAL);
        assertThat(rule(evaluate("example.com", Lifecycle.DEFENSIVE, current), RuleIds.AVAILABLE)).get()
                .extracting(Finding::severity).isEqualTo(Severity.HIGH);
        assertThat(evaluate("example.com", Lifecycle.DECOMMISSIONED, current).findings()).isEmpty();
    }

    @Test
    void re_registered_by_a_stranger_is_critical() {
        var ours = Registrations.registered("example.com").expires("2026-03-01T00:00:00Z").seen("2026-01-01T00:00:00Z");
        var free = Registrations.registered("example.com").state(AVAILABLE).seen("2026-04-20T00:00:00Z");
        var stranger = Registrations.registered("example.com").created("2026-04-25T08:00:00Z").registrar("Drop Catcher LLC")
                .withNameservers("ns1.parking.example").expires("2027-04-25T08:00:00Z").seen("2026-04-25T09:00:00Z");
        var evaluation = evaluate("example.com", Lifecycle.ACTIVE, stranger, free, ours);
        Finding finding = rule(evaluation, RuleIds.RE_REGISTERED).orElseThrow();
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.confidence()).isEqualTo(Finding.Confidence.HIGH);
        assertThat(finding.summary()).contains("2026-04-25T08:00:00Z");
        assertThat(finding.triggerChain()).contains("registrar Drop Catcher LLC");
        // the stranger's renewal date and locks are not the owner's to fix: only the loss is reported
        var unlocked = Registrations.registered("example.com").created("2026-04-25T08:00:00Z").registrar("Drop Catcher LLC")
                .withStatus("active").withNameservers("ns1.parking.example").expires("2026-05-20T08:00:00Z").seen("2026-04-25T09:00:00Z");
        assertThat(ruleIds(evaluate("example.com", Lifecycle.ACTIVE, unlocked, free, ours))).containsExactly(RuleIds.RE_REGISTERED);
    }

    @Test
    void registrar_and_nameservers_moving_together_is_a_re_registration_with_medium_confidence() {
        var ours = Registrations.registered("example.com").expires("2027-03-01T00:00:00Z").seen("2026-01-01T00:00:00Z");
        var moved = Registrations.registered("example.com").expires("2027-03-01T00:00:00Z").registrar("Other Registrar")
                .withNameservers("ns1.elsewhere.example").seen("2026-05-01T00:00:00Z");
        Finding finding = rule(evaluate("example.com", Lifecycle.ACTIVE, moved, ours), RuleIds.RE_REGISTERED).orElseThrow();
        assertThat(finding.confidence()).isEqualTo(Finding.Confidence.MEDIUM);
        var onlyRegistrar = Registrations.registered("example.com").expires("2027-03-01T00:00:00Z").registrar("Other Registrar")
                .seen("2026-05-01T00:00:00Z");
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, onlyRegistrar, ours), RuleIds.RE_REGISTERED)).isEmpty();
    }

    @Test
    void a_new_registry_handle_is_a_re_registration_even_when_registrar_dates_and_nameservers_look_the_same() {
        var ours = Registrations.registered("example.com").handle("2138514_DOMAIN_COM-VRSN").expires("2027-03-01T00:00:00Z")
                .seen("2026-01-01T00:00:00Z");
        var renewed = Registrations.registered("example.com").handle("2138514_DOMAIN_COM-VRSN").expires("2028-03-01T00:00:00Z")
                .seen("2026-02-01T00:00:00Z");
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, renewed, ours), RuleIds.RE_REGISTERED)).isEmpty();
        var caught = Registrations.registered("example.com").handle("2999001_DOMAIN_COM-VRSN").expires("2027-03-01T00:00:00Z")
                .seen("2026-05-01T00:00:00Z");
        Finding finding = rule(evaluate("example.com", Lifecycle.ACTIVE, caught, ours), RuleIds.RE_REGISTERED).orElseThrow();
        assertThat(finding.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(finding.confidence()).isEqualTo(Finding.Confidence.HIGH);
        assertThat(finding.summary()).contains("2138514_DOMAIN_COM-VRSN", "2999001_DOMAIN_COM-VRSN");
        // a registry that stops publishing its handle says nothing about a new holder
        var silent = Registrations.registered("example.com").expires("2027-03-01T00:00:00Z").seen("2026-05-01T00:00:00Z");
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, silent, ours), RuleIds.RE_REGISTERED)).isEmpty();
    }

    @Test
    void our_own_re_registration_at_the_expected_registrar_is_not_a_stranger() {
        var free = Registrations.registered("example.com").state(AVAILABLE).seen("2026-04-20T00:00:00Z");
        var back = Registrations.registered("example.com").created("2026-04-21T00:00:00Z").registrar("Our Registrar")
                .withNameservers("ns1.ours.example").expires("2027-04-21T00:00:00Z").seen("2026-04-21T01:00:00Z");
        var entry = new InventoryEntry(DomainName.parse("example.com"), Lifecycle.ACTIVE, null, null, null, List.of(), null,
                null, "Our Registrar", List.of("ns1.ours.example"));
        assertThat(evaluate(entry, back, List.of(free), List.of(), NOW).findings()).isEmpty();
    }

    @Test
    void control_drift_against_the_inventory_and_dnssec_switched_off() {
        var entry = new InventoryEntry(DomainName.parse("example.com"), Lifecycle.ACTIVE, null, null, null, List.of(), null,
                null, "Old Registrar B.V.", List.of("ns1.old.example", "ns2.old.example"));
        var fine = Registrations.registered("example.com").expires("2027-03-01T00:00:00Z");
        assertThat(evaluate(entry, fine.seen(NOW), List.of(), List.of(), NOW).findings()).isEmpty();
        Finding ns = rule(evaluate(entry, fine.withNameservers("ns1.old.example", "ns9.hijack.example").seen(NOW), List.of(), List.of(), NOW),
                RuleIds.CONTROL_DRIFT).orElseThrow();
        assertThat(ns.severity()).isEqualTo(Severity.HIGH);
        assertThat(ns.summary()).contains("ns9.hijack.example");
        Finding dnssec = rule(evaluate(entry, fine.dnssec(false).seen(NOW), List.of(fine.seen("2026-01-01T00:00:00Z")), List.of(), NOW),
                RuleIds.CONTROL_DRIFT).orElseThrow();
        assertThat(dnssec.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(dnssec.summary()).contains("DNSSEC was switched off");
        Finding unlocked = rule(evaluate(entry, fine.withStatus("client delete prohibited").seen(NOW),
                List.of(fine.seen("2026-01-01T00:00:00Z")), List.of(), NOW), RuleIds.CONTROL_DRIFT).orElseThrow();
        assertThat(unlocked.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(unlocked.summary()).contains("'client transfer prohibited' was removed").doesNotContain("delete prohibited' was");
        assertThat(rule(evaluate(entry, fine.withStatus().seen(NOW), List.of(fine.seen("2026-01-01T00:00:00Z")), List.of(), NOW),
                RuleIds.CONTROL_DRIFT)).as("a registry that stopped publishing status says nothing about locks").isEmpty();
    }

    @Test
    void missing_locks_only_where_the_registry_publishes_status() {
        var unlocked = Registrations.registered("example.com").withStatus("active").expires("2027-03-01T00:00:00Z");
        Finding finding = rule(evaluate("example.com", Lifecycle.ACTIVE, unlocked.seen(NOW)), RuleIds.LOCKS_MISSING).orElseThrow();
        assertThat(finding.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(finding.summary()).contains("no transfer or delete lock");
        var transferOnly = Registrations.registered("example.com").withStatus("client transfer prohibited").expires("2027-03-01T00:00:00Z");
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, transferOnly.seen(NOW)), RuleIds.LOCKS_MISSING)).get()
                .extracting(Finding::severity).isEqualTo(Severity.LOW);
        var silent = Registrations.registered("example.com").withStatus().expires("2027-03-01T00:00:00Z");
        assertThat(rule(evaluate("example.com", Lifecycle.ACTIVE, silent.seen(NOW)), RuleIds.LOCKS_MISSING)).isEmpty();
        assertThat(rule(evaluate("example.com", Lifecycle.DEFENSIVE, unlocked.seen(NOW)), RuleIds.LOCKS_MISSING)).isEmpty();
    }

    @Test
    void a_whois_fallback_answer_does_not_flip_locks_or_drift() {
        var rdap = Registrations.registered("example.com").withStatus("client transfer prohibited", "client delete prohibited")
                .expires("2027-03-01T00:00:00Z").seen("2026-05-01T00:00:00Z");
        var whois = new Observed(null, new org.lapsewatch.model.Registration("example.com", org.lapsewatch.model.Registration.Source.WHOIS,
                "whois.test", REGISTERED, List.of("active"), null, null, Instant.parse("2027-03-01T00:00:00Z"), null,
                "Old Registrar B.V.", List.of("ns1.old.example", "ns2.old.example"), null, null), Instant.parse(NOW), null);
        var evaluation = evaluate("example.com", Lifecycle.ACTIVE, whois, rdap);
        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.undecided()).containsExactlyInAnyOrder(RuleIds.LOCKS_MISSING, RuleIds.CONTROL_DRIFT);
    }

    @Test
    void unknown_answers_raise_nothing_but_unknown_too_long() {
        var ref = new Reference(Reference.Kind.MAIL, "crm.example sends to bjz.example", Instant.parse("2026-05-01T00:00:00Z"));
        var quarantine = Registrations.registered("example.com").state(QUARANTINE).seen("2026-04-01T00:00:00Z");
        var throttled = Registrations.unknown("example.com", THROTTLED, "429 Too Many Requests", "2026-05-01T12:00:00Z");
        var evaluation = evaluate(entry("example.com", Lifecycle.RETIRED), throttled, List.of(quarantine), List.of(ref), NOW);
        assertThat(evaluation.findings()).isEmpty();
        assertThat(evaluation.undecided()).contains(RuleIds.QUARANTINE, RuleIds.LEGACY_REFERENCED, RuleIds.AVAILABLE)
                .doesNotContain(RuleIds.UNKNOWN_TOO_LONG);

        var timeout = Registrations.unknown("example.com", UNKNOWN, "timed out after 10s", "2026-04-30T00:00:00Z");
        var later = evaluate(entry("example.com", Lifecycle.RETIRED), throttled, List.of(timeout, quarantine), List.of(ref), "2026-05-03T01:00:00Z");
        Finding finding = rule(later, RuleIds.UNKNOWN_TOO_LONG).orElseThrow();
        assertThat(finding.summary()).contains("since 2026-04-30T00:00:00Z", "(3 d)", "429 Too Many Requests");
        assertThat(ruleIds(later)).containsExactly(RuleIds.UNKNOWN_TOO_LONG);
    }

    @Test
    void legacy_referenced_severity_follows_the_state() {
        var ref = new Reference(Reference.Kind.MAIL, "crm.samenveilig.example → case@bjzutrecht.example (42 messages)",
                Instant.parse("2026-05-01T00:00:00Z"));
        var retired = entry("bjzutrecht.com", Lifecycle.RETIRED);
        var far = Registrations.registered("bjzutrecht.com").expires("2027-03-01T00:00:00Z");
        Finding quiet = rule(evaluate(retired, far.seen(NOW), List.of(), List.of(ref), NOW), RuleIds.LEGACY_REFERENCED).orElseThrow();
        assertThat(quiet.severity()).isEqualTo(Severity.MEDIUM);
        assertThat(quiet.summary()).contains("Retired bjzutrecht.com is still used (0 DNS references, 1 mail exposure)");
        assertThat(quiet.triggerChain()).first().asString().startsWith("mail: crm.samenveilig.example");

        var near = Registrations.registered("bjzutrecht.com").expires("2026-06-10T00:00:00Z");
        assertThat(rule(evaluate(retired, near.seen(NOW), List.of(), List.of(ref), NOW), RuleIds.LEGACY_REFERENCED)).get()
                .extracting(Finding::severity).isEqualTo(Severity.CRITICAL);
        var quarantine = Registrations.registered("bjzutrecht.com").state(QUARANTINE);
        Finding lapsing = rule(evaluate(retired, quarantine.seen(NOW), List.of(), List.of(ref), NOW), RuleIds.LEGACY_REFERENCED).orElseThrow();
        assertThat(lapsing.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(lapsing.summary()).contains("while it is in quarantine");

        assertThat(rule(evaluate(entry("bjzutrecht.com", Lifecycle.ACTIVE), quarantine.seen(NOW), List.of(), List.of(ref), NOW),
                RuleIds.LEGACY_REFERENCED)).isEmpty();
        assertThat(rule(evaluate(retired, quarantine.seen(NOW), List.of(), List.of(), NOW), RuleIds.LEGACY_REFERENCED)).isEmpty();
    }
}
