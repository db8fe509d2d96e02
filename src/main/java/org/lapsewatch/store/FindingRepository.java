package org.lapsewatch.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.store.FindingTransition.Kind;
import org.lapsewatch.store.StoredFinding.State;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.lapsewatch.store.ObservationRepository.utc;

/**
 * Findings with their life cycle (tables {@code finding} and {@code finding_event}): one row per
 * (rule, subject) that moves between open, acknowledged and resolved; every move is an event,
 * and the {@link FindingListener} hears it inside the same transaction.
 */
public final class FindingRepository {
    private static final String COLUMNS = "id, rule, subject, severity, confidence, summary, trigger_chain, evidence,"
            + " observation_id, state, first_seen, last_seen, resolved_at, acknowledged_by, acknowledged_at";

    private final Jdbi jdbi;
    private final FindingListener listener;

    public FindingRepository(Database database, FindingListener listener) {
        this.jdbi = database.jdbi();
        this.listener = listener;
    }

    /** A recorded event of a finding's history. */
    public record Event(long id, long findingId, Instant at, String kind, Severity severity, String summary, String actor) {
    }

    /**
     * Brings a subject's findings in line with what the rules concluded, in its own transaction.
     *
     * @param subject       the domain the rules looked at
     * @param scope         the rules that were evaluated; findings of other rules are left alone
     * @param current       what the rules raised now
     * @param undecided     rules that could not decide (e.g. the registry gave no answer): their
     *                      findings are neither resolved nor refreshed
     * @param observationId the observation the conclusion rests on, or null
     * @param at            the moment of the check
     * @return the transitions made, in order
     */
    public List<FindingTransition> reconcile(DomainName subject, Set<String> scope, Collection<Finding> current,
                                             Set<String> undecided, Long observationId, Instant at) {
        return jdbi.inTransaction(h -> reconcile(h, subject, scope, current, undecided, observationId, at,
                FindingTransition.Context.NONE));
    }

    /**
     * As {@link #reconcile(DomainName, Set, Collection, Set, Long, Instant)}, inside the caller's
     * transaction, with what the check knew about the subject passed on to every transition.
     */
    public List<FindingTransition> reconcile(Handle h, DomainName subject, Set<String> scope, Collection<Finding> current,
                                             Set<String> undecided, Long observationId, Instant at,
                                             FindingTransition.Context context) {
        Map<String, StoredFinding> stored = new HashMap<>();
        h.createQuery("select " + COLUMNS + " from finding where subject = :subject").bind("subject", subject.ascii())
                .map((rs, ctx) -> read(rs)).forEach(f -> stored.put(f.finding().rule(), f));
        List<FindingTransition> transitions = new ArrayList<>();
        Set<String> raised = new java.util.HashSet<>();
        for (Finding finding : current) {
            if (!finding.subject().equals(subject)) {
                throw new IllegalArgumentException("finding " + finding.rule() + " is about " + finding.subject()
                        + ", not " + subject);
            }
            raised.add(finding.rule());
            StoredFinding old = stored.get(finding.rule());
            if (old == null) {
                long id = h.createUpdate("insert into finding (rule, subject, severity, confidence, summary, trigger_chain,"
                                + " evidence, observation_id, state, first_seen, last_seen) values (:rule, :subject, :severity,"
                                + " :confidence, :summary, :chain, :evidence, :obs, 'open', :at, :at)")
                        .bind("rule", finding.rule()).bind("subject", subject.ascii())
                        .bind("severity", finding.severity().name()).bind("confidence", finding.confidence().name())
                        .bind("summary", finding.summary())
                        .bind("chain", RegistrationJson.write(finding.triggerChain()))
                        .bind("evidence", RegistrationJson.write(finding.evidence()))
                        .bind("obs", observationId).bind("at", utc(at))
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
                transitions.add(transition(h, id, Kind.OPENED, at, null, context));
                continue;
            }
            boolean reopen = old.state() == State.RESOLVED;
            h.createUpdate("update finding set severity = :severity, confidence = :confidence, summary = :summary,"
                            + " trigger_chain = :chain, evidence = :evidence, observation_id = :obs, last_seen = :at"
                            + (reopen ? ", state = 'open', resolved_at = null, acknowledged_by = null, acknowledged_at = null" : "")
                            + " where id = :id")
                    .bind("severity", finding.severity().name()).bind("confidence", finding.confidence().name())
                    .bind("summary", finding.summary())
                    .bind("chain", RegistrationJson.write(finding.triggerChain()))
                    .bind("evidence", RegistrationJson.write(finding.evidence()))
                    .bind("obs", observationId).bind("at", utc(at)).bind("id", old.id()).execute();
            if (reopen) {
                transitions.add(transition(h, old.id(), Kind.REOPENED, at, null, context));
            } else if (old.finding().severity() != finding.severity()) {
                transitions.add(transition(h, old.id(), Kind.CHANGED, at, null, context));
            }
        }
        for (StoredFinding old : stored.values()) {
            String rule = old.finding().rule();
            if (scope.contains(rule) && !undecided.contains(rule) && !raised.contains(rule) && old.state() != State.RESOLVED) {
                h.createUpdate("update finding set state = 'resolved', resolved_at = :at where id = :id")
                        .bind("at", utc(at)).bind("id", old.id()).execute();
                transitions.add(transition(h, old.id(), Kind.RESOLVED, at, null, context));
            }
        }
        return transitions;
    }

    /**
     * Acknowledges an open finding: someone has seen it. It stays acknowledged until it
     * resolves; if it returns later it is open again.
     *
     * @throws StoreException when there is no such finding or it is not open
     */
    public FindingTransition acknowledge(long id, String by, Instant at) {
        return jdbi.inTransaction(h -> {
            StoredFinding f = find(h, id).orElseThrow(() -> new StoreException("there is no finding #" + id));
            if (f.state() != State.OPEN) {
                throw new StoreException("finding #" + id + " is " + f.state().wireName() + ", not open");
            }
            h.createUpdate("update finding set state = 'acknowledged', acknowledged_by = :by, acknowledged_at = :at where id = :id")
                    .bind("by", by).bind("at", utc(at)).bind("id", id).execute();
            return transition(h, id, Kind.ACKNOWLEDGED, at, by, FindingTransition.Context.NONE);
        });
    }

    public Optional<StoredFinding> find(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    /** Findings about one domain, most severe first. */
    public List<StoredFinding> forSubject(DomainName subject) {
        return sorted(jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from finding where subject = :subject")
                .bind("subject", subject.ascii()).map((rs, ctx) -> read(rs)).list()));
    }

    /** Findings that are open or acknowledged, most severe first. */
    public List<StoredFinding> unresolved() {
        return sorted(jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from finding where state <> 'resolved'")
                .map((rs, ctx) -> read(rs)).list()));
    }

    /** A finding's events, oldest first. */
    public List<Event> events(long findingId) {
        return jdbi.withHandle(h -> h.createQuery("select id, finding_id, at, kind, severity, summary, actor from finding_event"
                        + " where finding_id = :id order by id")
                .bind("id", findingId)
                .map((rs, ctx) -> new Event(rs.getLong("id"), rs.getLong("finding_id"),
                        rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("kind"),
                        Severity.valueOf(rs.getString("severity")), rs.getString("summary"), rs.getString("actor")))
                .list());
    }

    private static List<StoredFinding> sorted(List<StoredFinding> findings) {
        return findings.stream().sorted(java.util.Comparator
                .comparing((StoredFinding f) -> f.finding().severity()).reversed()
                .thenComparing(f -> f.finding().subject())
                .thenComparing(f -> f.finding().rule())).toList();
    }

    private FindingTransition transition(Handle h, long id, Kind kind, Instant at, String actor,
                                         FindingTransition.Context context) {
        StoredFinding now = find(h, id).orElseThrow();
        h.createUpdate("insert into finding_event (finding_id, at, kind, severity, summary, actor)"
                        + " values (:id, :at, :kind, :severity, :summary, :actor)")
                .bind("id", id).bind("at", utc(at)).bind("kind", kind.wireName())
                .bind("severity", now.finding().severity().name()).bind("summary", now.finding().summary())
                .bind("actor", actor).execute();
        FindingTransition transition = new FindingTransition(now, kind, at, actor, context);
        listener.onTransition(h, transition);
        return transition;
    }

    private static Optional<StoredFinding> find(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from finding where id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs)).findOne();
    }

    private static StoredFinding read(ResultSet rs) throws SQLException {
        Finding finding = new Finding(rs.getString("rule"), new DomainName(rs.getString("subject")),
                Severity.valueOf(rs.getString("severity")), Finding.Confidence.valueOf(rs.getString("confidence")),
                rs.getString("summary"), RegistrationJson.readList(rs.getString("trigger_chain")),
                RegistrationJson.readList(rs.getString("evidence")));
        Long obs = rs.getObject("observation_id", Long.class);
        return new StoredFinding(rs.getLong("id"), finding, State.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                instant(rs, "first_seen"), instant(rs, "last_seen"), instant(rs, "resolved_at"),
                rs.getString("acknowledged_by"), instant(rs, "acknowledged_at"), obs);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** How many open or acknowledged findings each severity has (the overview's counts). */
    public Map<Severity, Long> countUnresolvedBySeverity() {
        Map<Severity, Long> counts = new java.util.EnumMap<>(Severity.class);
        for (Severity sev : Severity.values()) {
            counts.put(sev, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("select severity, count(*) from finding where state <> 'resolved' group by severity")
                .map((rs, ctx) -> Map.entry(Severity.valueOf(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }
}
