package org.lapsewatch.watch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.registration.VirtualTimeEngines;
import org.lapsewatch.registration.RegistrationLookup;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.Reference;
import org.lapsewatch.rules.RuleIds;
import org.lapsewatch.rules.RuleSettings;
import org.lapsewatch.rules.TldPolicies;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;
import org.lapsewatch.sim.VirtualClock;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.FindingTransition;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.ObservationRepository;
import org.lapsewatch.store.TestDatabases;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The north-star story (DESIGN.md §1, §10) end to end on a virtual clock: Samen Veilig's retired
 * bjzutrecht.example still receives case files; the registration is cancelled, sits in
 * quarantine for 40 days, is released and registered by a stranger with a new registrar,
 * nameservers and MX. Between those moments the simulated registry answers 429 for a day and
 * times out for a day, and nothing may alert because of it.
 *
 * <p>The checks run as the watch runs them (the registration client against the simulated RDAP
 * and WHOIS servers, the delegation probe against the simulated TLD servers, the real store),
 * at the times the {@link Cadence} picks; only the loop that advances the virtual clock to the
 * next due check stands in for db-scheduler (tested on its own in {@link WatchSchedulingTest}).
 */
class JeugdzorgScenarioTest {
    private static final DomainName NEW = DomainName.parse("samenveilig.example");
    private static final DomainName OLD = DomainName.parse("bjzutrecht.example");
    /** The scenario's TLD is run like .nl: no public expiry, 40 days quarantine, release within the hour. */
    private static final String EXAMPLE_POLICY = "no 0d 0d 0d 40d 1h";

    @TempDir
    Path home;

    /** One finding transition as the test saw it. */
    private record Seen(Instant at, String subject, String kind, String rule, Severity severity, Instant pointOfNoReturn) {
        @Override
        public String toString() {
            return at + " " + subject + " " + kind + " " + rule + " " + severity;
        }
    }

    @Test
    void the_retired_domain_is_followed_from_use_through_quarantine_release_and_re_registration() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg")); var test = TestDatabases.Kind.H2.open()) {
            VirtualClock clock = sim.clock();
            Instant start = clock.instant();
            // Short timeouts keep the real-time cost of the faulty days small; the engine's politeness counts virtual time.
            LapsewatchConfig config = sim.configure(new ConfigLoader(name -> null).parse("""
                    home: "%s"
                    rdap: {connectTimeout: 500ms, timeout: 700ms}
                    whois: {connectTimeout: 500ms, timeout: 700ms}
                    dns: {timeout: 500ms, retries: 0}
                    watch: {tldPolicies: {example: "%s"}}
                    """.formatted(home.toAbsolutePath(), EXAMPLE_POLICY), "jeugdzorg test"));
            WatchSettings watch = config.watch();
            RegistrationLookup registry = VirtualTimeEngines.on(config, clock);
            // Warm the simulated registry and the HTTP and JSON paths on a throwaway engine first: on a
            // loaded machine a cold JVM's first query can outlast the short timeouts above, and the
            // first answer would then come from WHOIS, whose .nl-style status has no transfer lock.
            for (int attempt = 0; attempt < 3; attempt++) {
                if (!VirtualTimeEngines.on(config, clock).lookup(NEW).state().isUnknown()) {
                    break;
                }
            }

            Database db = test.database();
            var inventory = new InventoryRepository(db, clock);
            inventory.add(new InventoryEntry(NEW, Lifecycle.ACTIVE, "Anna de Vries", "anna@samenveilig.example", null,
                    List.of(), null, null, "Registrar Noord B.V.", List.of("ns1.samenveilig.example", "ns2.samenveilig.example")));
            inventory.add(new InventoryEntry(OLD, Lifecycle.RETIRED, "Anna de Vries", "anna@samenveilig.example",
                    "name before the 2015 rebrand", List.of(), LocalDate.parse("2015-03-02"), NEW, null, List.of()));
            // The mail-flow scan's finding, as a value: the case-file system still mails the old domain.
            ReferenceSource references = domain -> domain.equals(OLD)
                    ? List.of(new Reference(Reference.Kind.MAIL,
                    "crm.samenveilig.example sends case files to teams@bjzutrecht.example (212 messages this week)", clock.instant()))
                    : List.of();

            List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
            var findings = new FindingRepository(db, (h, t) -> seen.add(new Seen(t.at(), t.finding().finding().subject().ascii(),
                    t.kind().wireName(), t.finding().finding().rule(), t.finding().finding().severity(), t.context().pointOfNoReturn())));
            var rules = new LifecycleRules(new RuleSettings(watch.expiryWarningDays(), watch.unknownAlertAfter(),
                    TldPolicies.builtIn(watch.tldPolicies())));
            var runner = new CheckRunner(db, findings, registry, new DnsDelegationProbe(config.dns()), references, rules,
                    new Cadence(watch), clock);

            Instant throttledFrom = start.plus(Duration.ofDays(10));
            Instant throttledUntil = throttledFrom.plus(Duration.ofDays(1));
            Instant timeoutFrom = start.plus(Duration.ofDays(45));
            Instant timeoutUntil = timeoutFrom.plus(Duration.ofDays(1));
            Instant cancelled = start.plus(Duration.ofDays(30));
            Instant released = start.plus(Duration.ofDays(70));
            Instant reRegistered = released.plus(Duration.ofHours(1));
            Instant end = released.plus(Duration.ofDays(1));

            TreeMap<Instant, List<DomainName>> due = new TreeMap<>();
            due.computeIfAbsent(start, t -> new ArrayList<>()).addAll(List.of(NEW, OLD));
            int checksDuringFaults = 0;
            while (!due.isEmpty() && !due.firstKey().isAfter(end)) {
                var next = due.pollFirstEntry();
                // A check that waited for a rate limit moved the clock on: time never runs backwards.
                if (next.getKey().isAfter(clock.instant())) {
                    clock.set(next.getKey());
                }
                boolean throttled = inside(clock.instant(), throttledFrom, throttledUntil);
                boolean timingOut = inside(clock.instant(), timeoutFrom, timeoutUntil);
                sim.faults().clear();
                if (throttled) {
                    sim.faults().rdap(new Fault(new Fault.TooManyRequests(1), null, 0)).whois(new Fault(new Fault.TooManyRequests(1), null, 0));
                } else if (timingOut) {
                    sim.faults().rdap(new Fault(new Fault.Timeout(), null, 0)).whois(new Fault(new Fault.Timeout(), null, 0));
                }
                for (DomainName domain : next.getValue()) {
                    CheckResult result = runner.check(domain);
                    if (throttled || timingOut) {
                        checksDuringFaults++;
                        assertThat(result.observed().registration().state().isUnknown())
                                .as("a faulty registry gives an unknown answer for %s at %s", domain, clock.instant()).isTrue();
                    }
                    due.computeIfAbsent(result.nextCheck(), t -> new ArrayList<>()).add(domain);
                }
            }

            // The watch kept asking during both faulty days (backing off), and nothing moved.
            assertThat(checksDuringFaults).isGreaterThanOrEqualTo(8);
            assertThat(between(seen, throttledFrom, cancelled)).as("transitions between the first fault and the cancellation").isEmpty();
            assertThat(between(seen, timeoutFrom.minus(Duration.ofHours(2)), released)).as("transitions around the timeouts").isEmpty();
            assertThat(seen).noneMatch(s -> s.rule().equals(RuleIds.UNKNOWN_TOO_LONG) || s.rule().equals(RuleIds.AVAILABLE) && s.at().isBefore(released));

            // 1. At the first check: the retired domain is still used while registered → legacy referenced, by state (MEDIUM).
            var history = new ObservationRepository(db).history(OLD, 500).reversed();
            Seen legacy = first(seen, OLD, "opened", RuleIds.LEGACY_REFERENCED);
            assertThat(legacy.at()).isEqualTo(history.stream().filter(o -> !o.registration().state().isUnknown())
                    .findFirst().orElseThrow().firstSeen());
            assertThat(legacy.at()).isBefore(start.plus(Duration.ofHours(1)));
            assertThat(legacy.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(seen).filteredOn(s -> s.subject().equals(NEW.ascii()))
                    .noneMatch(s -> s.severity().atLeast(Severity.MEDIUM));

            // 2. Cancellation → quarantine CRITICAL within a day (quiet cadence), point of no return = the published release.
            Seen quarantine = first(seen, OLD, "opened", RuleIds.QUARANTINE);
            assertThat(quarantine.at()).isBetween(cancelled, cancelled.plus(Duration.ofHours(27)));
            assertThat(quarantine.severity()).isEqualTo(Severity.CRITICAL);
            Instant published = history.stream().filter(o -> o.firstSeen().equals(quarantine.at())).findFirst().orElseThrow()
                    .registration().releases();
            if (published != null) {
                assertThat(published).isEqualTo(released);
                assertThat(quarantine.pointOfNoReturn()).isEqualTo(published);
            } else {
                // Without a published release time the earliest possible one counts: 40 days from the last
                // check that still saw it registered (at most a day before the cancellation), never later.
                assertThat(quarantine.pointOfNoReturn()).isBetween(released.minus(Duration.ofDays(1)), released);
            }
            Seen legacyCritical = first(seen, OLD, "changed", RuleIds.LEGACY_REFERENCED);
            assertThat(legacyCritical.at()).isEqualTo(quarantine.at());
            assertThat(legacyCritical.severity()).isEqualTo(Severity.CRITICAL);

            // 3. Release → available (registry free AND NXDOMAIN at the TLD), caught by the 5-minute release cadence.
            Seen available = first(seen, OLD, "opened", RuleIds.AVAILABLE);
            assertThat(available.at()).isBetween(released, released.plus(Duration.ofMinutes(70)));
            var beforeRelease = history.stream().filter(o -> o.firstSeen().isBefore(available.at())).toList().getLast();
            assertThat(beforeRelease.registration().state().wireName()).isIn("redemption", "quarantine");
            assertThat(Duration.between(beforeRelease.lastConfirmed(), available.at())).as("gap between checks at the release")
                    .isLessThanOrEqualTo(Duration.ofMinutes(6));
            assertThat(available.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(first(seen, OLD, "resolved", RuleIds.QUARANTINE).at()).isEqualTo(available.at());

            // 4. A stranger registers it (new registrar, nameservers, MX) → re-registered CRITICAL within minutes.
            Seen stolen = first(seen, OLD, "opened", RuleIds.RE_REGISTERED);
            assertThat(stolen.at()).isBetween(reRegistered, reRegistered.plus(Duration.ofMinutes(10)));
            assertThat(stolen.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(first(seen, OLD, "resolved", RuleIds.AVAILABLE).at()).isEqualTo(stolen.at());
            assertThat(findings.forSubject(OLD)).filteredOn(f -> f.finding().rule().equals(RuleIds.LEGACY_REFERENCED))
                    .singleElement().satisfies(f -> assertThat(f.finding().severity()).isEqualTo(Severity.CRITICAL));

            // In order, with the history to prove it.
            assertThat(List.of(legacy.at(), quarantine.at(), available.at(), stolen.at())).isSorted();
            assertThat(history).extracting(o -> o.registration().state().wireName())
                    .contains("throttled", "unknown", "available", "registered");
        }
    }

    private static boolean inside(Instant t, Instant from, Instant until) {
        return !t.isBefore(from) && t.isBefore(until);
    }

    private static List<Seen> between(List<Seen> seen, Instant from, Instant until) {
        return seen.stream().filter(s -> inside(s.at(), from.plusSeconds(1), until)).toList();
    }

    private static Seen first(List<Seen> seen, DomainName subject, String kind, String rule) {
        return seen.stream().filter(s -> s.subject().equals(subject.ascii()) && s.kind().equals(kind) && s.rule().equals(rule))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + kind + " " + rule + "' for " + subject + "; saw:\n"
                        + String.join("\n", seen.stream().map(Seen::toString).toList())));
    }

}
