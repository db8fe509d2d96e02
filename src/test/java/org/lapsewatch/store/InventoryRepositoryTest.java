package org.lapsewatch.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryRepositoryTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final DomainName OLD = DomainName.parse("bjzutrecht.nl");
    private static final DomainName NEW = DomainName.parse("samenveilig.nl");
    private static final DomainName IDN = DomainName.parse("bücher.de");

    private static InventoryEntry full(DomainName name) {
        return new InventoryEntry(name, Lifecycle.RETIRED, "Jan de Vries", "it@samenveilig.nl", "renamed in 2015",
                List.of("jeugdzorg", "utrecht"), LocalDate.of(2015, 1, 1), NEW, "Example Registrar B.V.",
                List.of("ns1.example.net", "ns2.example.net"));
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void stores_every_field_and_reads_it_back(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            var repo = new InventoryRepository(db.database(), CLOCK);
            repo.add(full(OLD));
            repo.add(InventoryEntry.of(IDN, Lifecycle.DEFENSIVE));

            assertThat(repo.find(OLD)).contains(full(OLD));
            assertThat(repo.find(IDN)).contains(InventoryEntry.of(IDN, Lifecycle.DEFENSIVE));
            assertThat(repo.find(NEW)).isEmpty();
            assertThat(repo.list()).extracting(InventoryEntry::name).containsExactly(OLD, IDN);
            assertThat(repo.list(Lifecycle.DEFENSIVE)).extracting(InventoryEntry::name).containsExactly(IDN);
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void refuses_a_second_add_of_the_same_domain(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            var repo = new InventoryRepository(db.database(), CLOCK);
            repo.add(InventoryEntry.of(OLD, Lifecycle.ACTIVE));
            assertThatThrownBy(() -> repo.add(full(OLD)))
                    .isInstanceOf(StoreException.class).hasMessage("bjzutrecht.nl is already in the inventory");
            assertThat(repo.find(OLD)).contains(InventoryEntry.of(OLD, Lifecycle.ACTIVE));
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void updates_only_known_domains(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            var repo = new InventoryRepository(db.database(), CLOCK);
            assertThatThrownBy(() -> repo.update(full(OLD)))
                    .isInstanceOf(StoreException.class).hasMessage("bjzutrecht.nl is not in the inventory");
            repo.add(InventoryEntry.of(OLD, Lifecycle.ACTIVE));
            repo.update(full(OLD));
            assertThat(repo.find(OLD)).contains(full(OLD));
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void retire_sets_lifecycle_date_and_replacement_and_keeps_the_rest(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            var repo = new InventoryRepository(db.database(), CLOCK);
            var active = new InventoryEntry(OLD, Lifecycle.ACTIVE, "Jan", null, null, List.of("x"), null, null, null, List.of());
            repo.add(active);

            InventoryEntry retired = repo.retire(OLD, null, NEW);

            assertThat(retired.lifecycle()).isEqualTo(Lifecycle.RETIRED);
            assertThat(retired.retiredSince()).isEqualTo(LocalDate.of(2026, 3, 1)); // today by the clock
            assertThat(retired.replacement()).isEqualTo(NEW);
            assertThat(retired.ownerName()).isEqualTo("Jan");
            assertThat(repo.find(OLD)).contains(retired);
            assertThatThrownBy(() -> repo.retire(NEW, null, null)).hasMessage("samenveilig.nl is not in the inventory");
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void import_adds_new_and_updates_known_domains(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            var repo = new InventoryRepository(db.database(), CLOCK);
            repo.add(InventoryEntry.of(OLD, Lifecycle.ACTIVE));
            assertThat(repo.importAll(List.of(full(OLD), InventoryEntry.of(NEW, Lifecycle.ACTIVE)))).isEqualTo(1);
            assertThat(repo.list()).containsExactly(full(OLD), InventoryEntry.of(NEW, Lifecycle.ACTIVE));
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void replace_all_makes_the_inventory_exactly_the_given_entries(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            var repo = new InventoryRepository(db.database(), CLOCK);
            repo.add(InventoryEntry.of(IDN, Lifecycle.DEFENSIVE));
            repo.replaceAll(List.of(InventoryEntry.of(NEW, Lifecycle.ACTIVE)));
            assertThat(repo.list()).containsExactly(InventoryEntry.of(NEW, Lifecycle.ACTIVE));
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void a_failing_import_writes_nothing(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            var repo = new InventoryRepository(db.database(), CLOCK);
            repo.add(InventoryEntry.of(IDN, Lifecycle.DEFENSIVE));
            // The second entry's owner name is longer than the column allows: the database refuses it
            // after the first entry was written inside the same transaction.
            var tooLong = new InventoryEntry(OLD, Lifecycle.ACTIVE, "x".repeat(300), null, null, List.of(), null,
                    null, null, List.of());
            var batch = List.of(InventoryEntry.of(NEW, Lifecycle.ACTIVE), tooLong);

            assertThatThrownBy(() -> repo.importAll(batch)).isInstanceOf(RuntimeException.class);
            assertThatThrownBy(() -> repo.replaceAll(batch)).isInstanceOf(RuntimeException.class);

            assertThat(repo.list()).containsExactly(InventoryEntry.of(IDN, Lifecycle.DEFENSIVE));
        }
    }
}
