package org.lapsewatch.watch;

import org.lapsewatch.sim.VirtualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.RuleSettings;
import org.lapsewatch.rules.TldDelegation;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.ObservationRepository;
import org.lapsewatch.store.TestDatabases;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The watch on db-scheduler with a real database: scheduling, rescheduling and shutdown. */
class WatchSchedulingTest {
    private static final Duration POLL = Duration.ofMillis(100);
    private final VirtualClock clock = new VirtualClock(Instant.parse("2026-05-01T00:00:00Z"));
    private final ScriptedLookup registry = new ScriptedLookup();

    private static Registration registered(String domain, String expires) {
        return new Registration(domain, Registration.Source.RDAP, "rdap.test", RegistrationState.REGISTERED,
                List.of("client transfer prohibited", "client delete prohibited"), null, null, Instant.parse(expires), null,
                "Registrar", List.of("ns1.host.example"), null, null);
    }

    private CheckRunner runner(Database db, WatchSettings settings) {
        return new CheckRunner(db, new FindingRepository(db, FindingListener.NONE), registry,
                d -> new TldDelegation(TldDelegation.Answer.NO_ANSWER, "not asked"), d -> List.of(),
                new LifecycleRules(RuleSettings.defaults()), new Cadence(settings), clock);
    }

    /** A check that has started ({@code entered}) and waits for its registry answer until {@code release}. */
    private record HeldCheck(CountDownLatch entered, CountDownLatch release) {
    }

    /** Adds {@code domain} to the inventory; the registry answers it only once the test releases the check. */
    private HeldCheck heldCheck(Database db, String domain) {
        new InventoryRepository(db, clock).add(InventoryEntry.of(DomainName.parse(domain), Lifecycle.ACTIVE));
        HeldCheck held = new HeldCheck(new CountDownLatch(1), new CountDownLatch(1));
        registry.answer(domain, d -> {
            held.entered().countDown();
            try {
                held.release().await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return registered(domain, "2027-05-01T00:00:00Z");
        });
        return held;
    }

    private static Instant due(Database db, String domain) {
        return db.jdbi().withHandle(h -> h.createQuery("select execution_time from scheduled_tasks where task_name = :t and task_instance = :i")
                .bind("t", Watch.CHECK_TASK).bind("i", domain).mapTo(OffsetDateTime.class).one()).toInstant();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void every_inventory_domain_is_checked_and_rescheduled_by_its_cadence(TestDatabases.Kind kind) throws Exception {
        try (var test = kind.open()) {
            Database db = test.database();
            var inventory = new InventoryRepository(db, clock);
            inventory.add(InventoryEntry.of(DomainName.parse("quiet.com"), Lifecycle.ACTIVE));
            inventory.add(InventoryEntry.of(DomainName.parse("soon.com"), Lifecycle.ACTIVE));
            registry.answer("quiet.com", registered("quiet.com", "2027-05-01T00:00:00Z"));
            registry.answer("soon.com", registered("soon.com", "2026-05-08T00:00:00Z"));
            WatchSettings settings = WatchSettings.defaults();
            try (Watch watch = Watch.start(db, runner(db, settings), new Cadence(settings), settings, clock, POLL)) {
                clock.advance(Duration.ofMinutes(11));
                watch.poke();
                await(() -> watch.completedChecks() >= 2);
                // a check counts as completed before db-scheduler stores its next time: wait for both
                await(() -> due(db, "quiet.com").isAfter(clock.instant().plus(Duration.ofHours(23))));
                await(() -> due(db, "soon.com").isAfter(clock.instant()));
                assertThat(due(db, "quiet.com")).isBetween(clock.instant().plus(Duration.ofDays(1)), clock.instant().plus(Duration.ofHours(27)));
                assertThat(due(db, "soon.com")).isBetween(clock.instant().plus(Duration.ofHours(1)), clock.instant().plus(Duration.ofMinutes(67)));

                clock.advance(Duration.ofMinutes(70));
                watch.poke();
                await(() -> watch.completedChecks() >= 3);
                assertThat(new ObservationRepository(db).history(DomainName.parse("soon.com"), 5)).hasSize(1)
                        .first().extracting(o -> o.lastConfirmed()).isEqualTo(clock.instant());
            }
        }
    }

    private static long tasks(Database db) {
        return db.jdbi().withHandle(h -> h.createQuery("select count(*) from scheduled_tasks where task_name = :t")
                .bind("t", Watch.CHECK_TASK).mapTo(Long.class).one());
    }

    @Test
    void new_inventory_domains_are_scheduled_and_removed_ones_dropped() throws Exception {
        try (var test = TestDatabases.Kind.H2.open()) {
            Database db = test.database();
            var inventory = new InventoryRepository(db, clock);
            inventory.add(InventoryEntry.of(DomainName.parse("kept.com"), Lifecycle.ACTIVE));
            inventory.add(InventoryEntry.of(DomainName.parse("gone.com"), Lifecycle.ACTIVE));
            registry.answer("kept.com", registered("kept.com", "2027-05-01T00:00:00Z"));
            WatchSettings settings = WatchSettings.defaults();
            try (Watch watch = Watch.start(db, runner(db, settings), new Cadence(settings), settings, clock, POLL)) {
                assertThat(tasks(db)).isEqualTo(2);
                inventory.add(InventoryEntry.of(DomainName.parse("new.com"), Lifecycle.ACTIVE));
                watch.scheduleInventory();
                watch.scheduleInventory();
                assertThat(tasks(db)).isEqualTo(3);

                registry.answer("new.com", registered("new.com", "2027-05-01T00:00:00Z"));
                inventory.replaceAll(List.of(InventoryEntry.of(DomainName.parse("kept.com"), Lifecycle.ACTIVE),
                        InventoryEntry.of(DomainName.parse("new.com"), Lifecycle.ACTIVE)));
                clock.advance(Duration.ofMinutes(11));
                watch.poke();
                await(() -> tasks(db) == 2 && watch.completedChecks() >= 2);
                assertThat(new ObservationRepository(db).history(DomainName.parse("gone.com"), 5)).isEmpty();
            }
        }
    }

    @Test
    void a_check_running_past_the_stall_bound_is_reported_without_its_domain_until_it_ends() throws Exception {
        try (var test = TestDatabases.Kind.H2.open()) {
            Database db = test.database();
            HeldCheck held = heldCheck(db, "stuck.com");
            WatchSettings settings = WatchSettings.defaults();
            try (Watch watch = Watch.start(db, runner(db, settings), new Cadence(settings), settings, clock, POLL)) {
                clock.advance(Duration.ofMinutes(11));
                watch.poke();
                assertThat(held.entered().await(20, TimeUnit.SECONDS)).isTrue();
                assertThat(watch.stall(Duration.ofMinutes(1))).isEmpty();
                clock.advance(Duration.ofDays(30));
                assertThat(watch.stall(Duration.ofMinutes(1))).as("the watch's clock moving is not the check taking long").isEmpty();

                Thread.sleep(300);
                assertThat(watch.stall(Duration.ofMillis(200))).hasValueSatisfying(problem ->
                        assertThat(problem).matches("watch: a check has run for \\d+ s"));

                held.release().countDown();
                await(() -> watch.completedChecks() == 1);
                assertThat(watch.stall(Duration.ZERO)).as("no check running").isEmpty();
            }
        }
    }

    @Test
    void shutdown_waits_for_a_started_check_and_keeps_its_result() throws Exception {
        try (var test = TestDatabases.Kind.H2.open()) {
            Database db = test.database();
            HeldCheck held = heldCheck(db, "slow.com");
            WatchSettings settings = new WatchSettings(null, null, null, null, null, null, 2, Duration.ofSeconds(20), null);
            Watch watch = Watch.start(db, runner(db, settings), new Cadence(settings), settings, clock, POLL);
            clock.advance(Duration.ofMinutes(11));
            watch.poke();
            assertThat(held.entered().await(20, TimeUnit.SECONDS)).isTrue();

            CompletableFuture<Void> closing = CompletableFuture.runAsync(watch::close);
            Thread.sleep(500);
            assertThat(closing).isNotDone();
            held.release().countDown();
            closing.get(20, TimeUnit.SECONDS);

            assertThat(new ObservationRepository(db).history(DomainName.parse("slow.com"), 5)).hasSize(1);
            assertThat(registry.calls.get()).isEqualTo(1);
        }
    }
}
