package org.lapsewatch.alert;

import org.lapsewatch.sim.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lapsewatch.config.AlertSettings;
import org.lapsewatch.config.AlertSettings.WebhookSettings;
import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.FindingTransition;
import org.lapsewatch.store.InventoryRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Findings reach the outbox with their transition, and the outbox reaches the receiver. */
class AlertServiceTest {
    private static final Instant T0 = Instant.parse("2026-11-29T10:00:00Z");
    private static final DomainName OLD = DomainName.parse("bjzutrecht.example");
    private final WebhookReceiver receiver = new WebhookReceiver();
    private Database db;
    private VirtualClock clock;
    private AlertService alerts;
    private FindingRepository findings;

    @BeforeEach
    void start() {
        receiver.start();
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;" + DatabaseSettings.H2_MODE, null, null, 4, null);
        clock = new VirtualClock(T0);
        new InventoryRepository(db, clock).add(new InventoryEntry(OLD, Lifecycle.RETIRED, null, "it@samenveilig.example", null,
                List.of("youth-care"), null, null, null, List.of()));
        AlertSettings settings = new AlertSettings(null, null,
                List.of(new WebhookSettings("ops", receiver.url(), null, null, Duration.ofSeconds(5))), null, null, "off", null,
                null, Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(1), null);
        alerts = new AlertService(db, settings, Channels.fromSettings(settings, clock), clock);
        findings = new FindingRepository(db, alerts);
    }

    @AfterEach
    void stop() {
        receiver.stop();
        db.close();
    }

    @Test
    void an_opened_finding_is_delivered_once_and_its_resolution_sends_a_recovery() {
        findings.reconcile(OLD, Set.of(RuleIds.QUARANTINE), List.of(new Finding(RuleIds.QUARANTINE, OLD, Severity.CRITICAL,
                        Finding.Confidence.HIGH, "in quarantine", List.of(), List.of())), Set.of(), null, T0);
        assertThat(alerts.tick()).isEqualTo(1);
        assertThat(alerts.tick()).isZero();
        assertThat(receiver.received()).singleElement().satisfies(r -> assertThat(r.body()).contains("\"kind\":\"opened\"",
                "bjzutrecht.example"));

        clock.advance(Duration.ofDays(1));
        findings.reconcile(OLD, Set.of(RuleIds.QUARANTINE), List.of(), Set.of(), null, clock.instant());
        alerts.tick();
        assertThat(receiver.received()).hasSize(2);
        assertThat(receiver.received().get(1).body()).contains("\"kind\":\"recovered\"");
    }

    @Test
    void a_rolled_back_transition_leaves_no_notification() {
        try {
            db.jdbi().useTransaction(h -> {
                findings.reconcile(h, OLD, Set.of(RuleIds.QUARANTINE), List.of(new Finding(RuleIds.QUARANTINE, OLD, Severity.CRITICAL,
                                Finding.Confidence.HIGH, "in quarantine", List.of(), List.of())), Set.of(), null, T0,
                        FindingTransition.Context.NONE);
                throw new IllegalStateException("the check failed after the finding changed");
            });
        } catch (IllegalStateException expected) {
            // the notification goes with the transition
        }
        assertThat(new Outbox(db.jdbi()).depth()).isZero();
        assertThat(alerts.tick()).isZero();
    }

    @Test
    void a_channel_failing_longer_than_failing_after_becomes_a_finding_and_clears_when_it_recovers() {
        receiver.failWith(500);
        findings.reconcile(OLD, Set.of(RuleIds.QUARANTINE), List.of(new Finding(RuleIds.QUARANTINE, OLD, Severity.CRITICAL,
                Finding.Confidence.HIGH, "in quarantine", List.of(), List.of())), Set.of(), null, T0);
        for (int minute = 0; minute <= 60; minute += 5) {
            alerts.tick();
            clock.advance(Duration.ofMinutes(5));
        }
        DomainName self = DomainName.registrableOf(RuleIds.SELF);
        assertThat(findings.forSubject(self)).singleElement().satisfies(f -> {
            assertThat(f.finding().rule()).isEqualTo(RuleIds.ALERT_CHANNEL_FAILING);
            assertThat(f.finding().summary()).contains("ops", "HTTP 500");
            assertThat(f.state().wireName()).isEqualTo("open");
        });
        receiver.recover();
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofMinutes(5));
            alerts.tick();
        }
        assertThat(findings.forSubject(self).getFirst().state().wireName()).isEqualTo("resolved");
        assertThat(receiver.acceptedByKey().keySet()).anyMatch(k -> k.contains("/opened/"));
    }

    @Test
    void a_tick_stuck_in_one_delivery_is_reported_until_the_delivery_ends() throws Exception {
        receiver.delayAnswers(2000);
        findings.reconcile(OLD, Set.of(RuleIds.QUARANTINE), List.of(new Finding(RuleIds.QUARANTINE, OLD, Severity.CRITICAL,
                Finding.Confidence.HIGH, "in quarantine", List.of(), List.of())), Set.of(), null, T0);
        assertThat(alerts.stall(Duration.ZERO)).as("no tick running").isEmpty();
        Thread ticking = Thread.ofVirtual().start(alerts::tick);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (receiver.received().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(receiver.received()).as("the delivery reached the receiver, which holds it for 2 s").hasSize(1);
        Instant deliveryStarted = Instant.now();

        clock.advance(Duration.ofDays(1));
        assertThat(alerts.stall(Duration.ofMinutes(1))).as("the data's clock moving is not the tick taking long").isEmpty();
        Thread.sleep(500);
        assertThat(alerts.stall(Duration.ofMillis(400))).hasValueSatisfying(problem -> {
            assertThat(problem).matches("alerts: no progress for \\d+ s \\(since \\S+Z\\)");
            Instant since = Instant.parse(problem.substring(problem.indexOf("since ") + 6, problem.length() - 1));
            assertThat(since).as("the last step before the delivery, in the machine's time")
                    .isBetween(deliveryStarted.minusSeconds(5), deliveryStarted);
        });

        ticking.join(Duration.ofSeconds(10));
        assertThat(ticking.isAlive()).isFalse();
        assertThat(alerts.stall(Duration.ZERO)).as("between ticks nothing can be stuck").isEmpty();
    }
}
