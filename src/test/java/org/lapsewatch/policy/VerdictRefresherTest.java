package org.lapsewatch.policy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.TestDatabases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Verdicts follow the shared database and the findings supplier, and survive a failed reload. */
class VerdictRefresherTest {

    /** {@link Gateway}'s inventory and findings, whose inventory read fails while {@code down} is set. */
    private static VerdictInputs gatewayInputsDownWhile(AtomicBoolean down) {
        return new VerdictInputs() {
            @Override
            public List<InventoryEntry> inventory() {
                if (down.get()) {
                    throw new IllegalStateException("database down");
                }
                return Gateway.inventory();
            }

            @Override
            public List<Finding> openFindings() {
                return Gateway.findings();
            }
        };
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void verdicts_follow_the_inventory_table_and_the_findings(TestDatabases.Kind kind) {
        try (TestDatabases.TestDatabase db = kind.open()) {
            InventoryRepository inventory = new InventoryRepository(db.database(), Clock.systemUTC());
            inventory.add(InventoryEntry.of(DomainName.parse("samenveilig.nl"), Lifecycle.ACTIVE));
            inventory.add(InventoryEntry.of(DomainName.parse("bjzutrecht.nl"), Lifecycle.ACTIVE));
            List<Finding> findings = new CopyOnWriteArrayList<>();
            var inputs = new DatabaseVerdictInputs(inventory, () -> List.copyOf(findings));
            try (VerdictRefresher refresher = new VerdictRefresher(inputs, VerdictPolicy.defaults(), new SimpleMeterRegistry())) {
                refresher.start(Duration.ofHours(1));
                assertThat(refresher.get().find("staff@bjzutrecht.nl")).isEmpty();

                inventory.retire(DomainName.parse("bjzutrecht.nl"), LocalDate.of(2015, 1, 1), DomainName.parse("samenveilig.nl"));
                refresher.refresh();
                assertThat(refresher.get().find("staff@bjzutrecht.nl")).get().extracting(Verdict::action).isEqualTo(Action.WARN);

                findings.add(Gateway.finding(RuleIds.RE_REGISTERED, "bjzutrecht.nl"));
                refresher.refresh();
                assertThat(refresher.get().find("staff@bjzutrecht.nl")).get().extracting(Verdict::action).isEqualTo(Action.REJECT);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void verdicts_follow_the_findings_store_until_a_finding_is_resolved(TestDatabases.Kind kind) {
        try (TestDatabases.TestDatabase db = kind.open()) {
            DomainName bjz = DomainName.parse("bjzutrecht.nl");
            new InventoryRepository(db.database(), Clock.systemUTC()).add(Gateway.retired("bjzutrecht.nl"));
            FindingRepository findings = new FindingRepository(db.database(), FindingListener.NONE);
            Set<String> scope = Set.of(RuleIds.RE_REGISTERED);
            findings.reconcile(bjz, scope, List.of(Gateway.finding(RuleIds.RE_REGISTERED, "bjzutrecht.nl")), Set.of(),
                    null, Instant.parse("2026-11-29T00:00:00Z"));
            try (VerdictRefresher refresher = new VerdictRefresher(DatabaseVerdictInputs.of(db.database(), Clock.systemUTC()),
                    VerdictPolicy.defaults(), new SimpleMeterRegistry())) {
                refresher.start(Duration.ofHours(1));
                assertThat(refresher.get().find("staff@bjzutrecht.nl")).get().extracting(Verdict::action).isEqualTo(Action.REJECT);

                findings.reconcile(bjz, scope, List.of(), Set.of(), null, Instant.parse("2026-11-29T01:00:00Z"));
                refresher.refresh();
                assertThat(refresher.get().find("staff@bjzutrecht.nl")).get().extracting(Verdict::action)
                        .as("back to the retired lifecycle's warn").isEqualTo(Action.WARN);
            }
        }
    }

    @Test
    void a_failed_reload_keeps_the_previous_verdicts_and_is_counted() {
        AtomicBoolean broken = new AtomicBoolean();
        VerdictInputs inputs = gatewayInputsDownWhile(broken);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (VerdictRefresher refresher = new VerdictRefresher(inputs, VerdictPolicy.defaults(), registry)) {
            refresher.start(Duration.ofHours(1));
            VerdictTable before = refresher.get();
            broken.set(true);
            refresher.refresh();
            assertThat(refresher.get()).isSameAs(before);
            assertThat(refresher.get().find("staff@bjzutrecht.nl")).isPresent();
            assertThat(registry.get("lapsewatch.policy.refresh.failures").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void the_periodic_refresh_swaps_in_new_verdicts() throws InterruptedException {
        List<Finding> findings = new CopyOnWriteArrayList<>();
        VerdictInputs inputs = new VerdictInputs() {
            @Override
            public List<InventoryEntry> inventory() {
                return List.of(Gateway.retired("bjzutrecht.nl"));
            }

            @Override
            public List<Finding> openFindings() {
                return List.copyOf(findings);
            }
        };
        try (VerdictRefresher refresher = new VerdictRefresher(inputs, VerdictPolicy.defaults(), new SimpleMeterRegistry())) {
            refresher.start(Duration.ofMillis(50));
            findings.add(Gateway.finding(RuleIds.AVAILABLE, "bjzutrecht.nl"));
            PolicyProtocolTest.waitFor(() -> refresher.get().find("bjzutrecht.nl")
                    .map(v -> v.action() == Action.REJECT).orElse(false));
        }
    }

    @Test
    void verdicts_are_stale_after_three_intervals_of_failed_reloads_and_fresh_after_the_next_good_one() throws InterruptedException {
        AtomicBoolean broken = new AtomicBoolean();
        VerdictInputs inputs = gatewayInputsDownWhile(broken);
        try (VerdictRefresher refresher = new VerdictRefresher(inputs, VerdictPolicy.defaults(), new SimpleMeterRegistry())) {
            refresher.start(Duration.ofMillis(300));
            broken.set(true);
            Thread.sleep(150);
            assertThat(refresher.staleness()).as("half an interval after the good load").isEmpty();
            PolicyProtocolTest.waitFor(() -> refresher.staleness().isPresent());
            assertThat(refresher.staleness()).hasValueSatisfying(problem -> assertThat(problem)
                    .matches("verdicts: not reloaded for \\d+ s \\(in force since \\S+Z; the log has the error\\)"));

            broken.set(false);
            PolicyProtocolTest.waitFor(() -> refresher.staleness().isEmpty());
        }
    }
}
