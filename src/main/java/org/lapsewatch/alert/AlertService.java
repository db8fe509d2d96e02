package org.lapsewatch.alert;

import org.jdbi.v3.core.Handle;
import org.lapsewatch.config.AlertSettings;
import org.lapsewatch.health.Heartbeat;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.DomainStatusRepository;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.FindingTransition;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.StoredFinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Alerting wired to the findings: as a {@link FindingListener} it writes the notifications for a
 * finding's opening, reopening and resolution into the outbox inside the transaction that makes
 * the change; {@link #tick()} plans reminders, escalations and digests, turns a channel that keeps
 * failing into a finding of its own, and delivers what is due.
 */
public final class AlertService implements FindingListener, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final AlertSettings settings;
    private final AlertPlanner planner;
    private final Outbox outbox;
    private final OutboxDispatcher dispatcher;
    private final InventoryRepository inventory;
    private final DomainStatusRepository statuses;
    private final FindingRepository findings;
    private final Clock clock;
    private final Heartbeat heartbeat;
    private ScheduledExecutorService ticker;

    public AlertService(Database db, AlertSettings settings, Map<String, Channel> channels, Clock clock) {
        this.settings = settings;
        this.planner = new AlertPlanner(settings);
        this.outbox = new Outbox(db.jdbi());
        this.dispatcher = new OutboxDispatcher(outbox, channels, settings, clock);
        this.inventory = new InventoryRepository(db, clock);
        this.statuses = new DomainStatusRepository(db.jdbi());
        this.findings = new FindingRepository(db, this);
        this.clock = clock;
        this.heartbeat = new Heartbeat("alerts");
    }

    @Override
    public void onTransition(Handle handle, FindingTransition t) {
        Message.Kind kind = switch (t.kind()) {
            case OPENED -> Message.Kind.OPENED;
            case REOPENED -> Message.Kind.REOPENED;
            case RESOLVED -> Message.Kind.RECOVERED;
            case CHANGED, ACKNOWLEDGED -> null;
        };
        if (kind == null) {
            return;
        }
        AlertFinding f = alertFinding(t.finding(), t.at(), t.context().registrationState(), t.context().pointOfNoReturn());
        outbox.enqueue(handle, planner.onTransition(f, kind, t.at()), t.at());
    }

    /** Plans what is due now (reminders, escalations, digest), raises or clears the channel-failing finding, delivers. */
    public int tick() {
        heartbeat.progressed();
        try {
            Instant now = clock.instant();
            List<AlertFinding> open = new ArrayList<>();
            for (StoredFinding f : findings.unresolved()) {
                var status = statuses.find(f.finding().subject());
                open.add(alertFinding(f, f.firstSeen(), status.map(s -> s.state().wireName()).orElse(null),
                        status.map(DomainStatusRepository.Status::pointOfNoReturn).orElse(null)));
            }
            heartbeat.progressed();
            outbox.enqueue(planner.periodic(open, now), now);
            heartbeat.progressed();
            checkChannels(now);
            heartbeat.progressed();
            return dispatcher.dispatchDue(heartbeat::progressed);
        } finally {
            heartbeat.passEnded();
        }
    }

    /** What is wrong when the running tick has made no progress for {@code stallAfter}; empty otherwise. */
    public Optional<String> stall(Duration stallAfter) {
        return heartbeat.stall(stallAfter);
    }

    private void checkChannels(Instant now) {
        List<String> failing = outbox.channelHealth().stream()
                .filter(h -> h.failingSince().isPresent() && Duration.between(h.failingSince().get(), now).compareTo(settings.failingAfter()) >= 0)
                .map(h -> h.channel() + " (since " + h.failingSince().get() + ": " + h.lastError() + ")")
                .toList();
        DomainName self = DomainName.registrableOf(RuleIds.SELF);
        List<Finding> current = failing.isEmpty() ? List.of() : List.of(new Finding(RuleIds.ALERT_CHANNEL_FAILING, self, Severity.HIGH,
                Finding.Confidence.HIGH, "Alerts cannot be delivered through " + String.join("; ", failing)
                + ". Fix the channel's configuration or the receiver; nothing is lost, deliveries resume by themselves.",
                List.of("alert channels"), failing));
        findings.reconcile(self, Set.of(RuleIds.ALERT_CHANNEL_FAILING), current, Set.of(), null, now);
    }

    private AlertFinding alertFinding(StoredFinding f, Instant openedAt, String registrationState, Instant pointOfNoReturn) {
        Optional<InventoryEntry> entry = f.finding().subject().ascii().equals(RuleIds.SELF) ? Optional.empty()
                : inventory.find(f.finding().subject());
        AlertFinding.Status status = switch (f.state()) {
            case OPEN -> AlertFinding.Status.OPEN;
            case ACKNOWLEDGED -> AlertFinding.Status.ACKNOWLEDGED;
            case RESOLVED -> AlertFinding.Status.RESOLVED;
        };
        return new AlertFinding(f.id(), f.finding(), status, openedAt, entry.map(InventoryEntry::lifecycle).orElse(null),
                entry.map(InventoryEntry::tags).orElse(List.of()), entry.map(InventoryEntry::ownerEmail).orElse(null),
                registrationState, pointOfNoReturn);
    }

    /** Runs {@link #tick()} every {@code every} until closed; a failing tick is logged and the next one runs. */
    public AlertService start(Duration every) {
        ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("lapsewatch-alerts").factory());
        ticker.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.error("alert tick failed; retrying at the next one", e);
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdown();
            try {
                ticker.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
