package org.lapsewatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.dns.ReferenceWalk;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.registration.VirtualTimeEngines;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.RuleIds;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;
import org.lapsewatch.sim.VirtualClock;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.DnsReferenceRepository;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.StoredFinding;
import org.lapsewatch.store.TestDatabases;
import org.lapsewatch.watch.Cadence;
import org.lapsewatch.watch.CheckRunner;
import org.lapsewatch.watch.DnsDelegationProbe;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The periodic zone walk of {@code serve} against the simulated internet
 * ({@code dns/legacy-references.yml}: the active zone's MX and SPF point at the retired domain),
 * and the watch's "legacy referenced" rule counting what it stored once the retired domain lapses.
 */
class DnsReferenceWatchTest {
    private static final DomainName NEW = DomainName.parse("samenveilig.example");
    private static final DomainName OLD = DomainName.parse("bjzutrecht.example");

    @TempDir
    Path home;

    @Test
    void references_from_the_active_zone_make_the_lapsing_retired_domain_critical_and_survive_a_timeout() throws Exception {
        Scenario scenario = Scenario.load(Path.of(DnsReferenceWatchTest.class.getResource("/dns/legacy-references.yml").toURI()));
        try (Simulation sim = Simulation.start(scenario); var test = TestDatabases.Kind.H2.open()) {
            VirtualClock clock = sim.clock();
            LapsewatchConfig config = sim.configure(new ConfigLoader(name -> null).parse("""
                    home: "%s"
                    rdap: {connectTimeout: 500ms, timeout: 700ms}
                    whois: {connectTimeout: 500ms, timeout: 700ms}
                    dns: {timeout: 400ms, retries: 0}
                    watch: {tldPolicies: {example: "no 0d 0d 0d 40d 1h"}}
                    """.formatted(home.toAbsolutePath()), "dns reference test"));
            Database db = test.database();
            var inventory = new InventoryRepository(db, clock);
            inventory.add(InventoryEntry.of(NEW, Lifecycle.ACTIVE));
            inventory.add(new InventoryEntry(OLD, Lifecycle.RETIRED, null, null, null, List.of(),
                    LocalDate.parse("2015-03-02"), NEW, null, List.of()));
            var stored = new DnsReferenceRepository(db);

            try (ReferenceWalk walk = WatchWiring.referenceWalk(config, db, clock)) {
                assertThat(walk.runOnce()).isEqualTo(new ReferenceWalk.Round(2, 0));
                List<DnsReferenceRepository.Stored> first = stored.referencesTo(OLD);
                assertThat(first).extracting(r -> r.sourceZone().ascii() + ": " + r.reference().describe()).containsExactlyInAnyOrder(
                        "samenveilig.example: samenveilig.example MX → mail.bjzutrecht.example",
                        "samenveilig.example: samenveilig.example SPF → include:_spf.bjzutrecht.example");

                // A walk the resolver could not finish keeps what the last complete walk saw.
                clock.advance(Duration.ofHours(6));
                sim.faults().dns(Fault.timeout().forDomain(NEW.ascii()));
                assertThat(walk.runOnce().kept()).isGreaterThanOrEqualTo(1);
                assertThat(stored.referencesTo(OLD)).isEqualTo(first);
                sim.faults().clear();
            }

            FindingRepository findings = new FindingRepository(db, FindingListener.NONE);
            var runner = new CheckRunner(db, findings, VirtualTimeEngines.on(config, clock), new DnsDelegationProbe(config.dns()),
                    WatchWiring.references(db), new LifecycleRules(WatchWiring.ruleSettings(config.watch())),
                    new Cadence(config.watch()), clock);
            runner.check(OLD);
            assertThat(legacyReferenced(findings)).as("still registered, no public expiry").extracting(Finding::severity)
                    .containsExactly(Severity.MEDIUM);

            clock.advance(Duration.ofDays(31));
            runner.check(OLD);
            List<Finding> legacy = legacyReferenced(findings).stream().filter(f -> f.severity() == Severity.CRITICAL).toList();
            assertThat(legacy).as("findings: %s", findings.forSubject(OLD)).hasSize(1);
            Finding finding = legacy.getFirst();
            assertThat(finding.summary()).contains("2 DNS references, 0 mail exposures").contains("quarantine");
            assertThat(finding.triggerChain()).anyMatch(link -> link.startsWith("dns: samenveilig.example MX → mail.bjzutrecht.example"));
        }
    }

    private static List<Finding> legacyReferenced(FindingRepository findings) {
        return findings.forSubject(OLD).stream().map(StoredFinding::finding)
                .filter(f -> f.rule().equals(RuleIds.LEGACY_REFERENCED)).toList();
    }
}
