package org.lapsewatch.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.rules.PointOfNoReturn;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Each domain's latest state and point of no return (table {@code domain_status}), kept by the
 * watch after every check; the overview, timeline, calendar and metrics read it.
 */
public final class DomainStatusRepository {
    /** One domain's status. {@code pointOfNoReturn} is null when unknown; {@code explanation} then says why. */
    public record Status(DomainName domain, RegistrationState state, Instant expires, Instant releases, Instant pointOfNoReturn,
                         String explanation, Instant checkedAt) {
    }

    /** A status joined with the inventory, for deadline lists. */
    public record Deadline(Status status, Lifecycle lifecycle, String ownerEmail) {
    }

    private final Jdbi jdbi;

    public DomainStatusRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records the status a check concluded, in the caller's transaction. */
    public void record(Handle h, DomainName domain, Registration registration, PointOfNoReturn ponr, Instant at) {
        Instant point = ponr instanceof PointOfNoReturn.Known k ? k.at() : null;
        String explanation = switch (ponr) {
            case PointOfNoReturn.Known k -> k.explanation();
            case PointOfNoReturn.Unknown u -> u.reason();
        };
        int updated = h.createUpdate("update domain_status set state = :state, expires = :expires, releases = :releases,"
                        + " point_of_no_return = :ponr, explanation = :explanation, checked_at = :at where domain = :domain")
                .bindMap(params(domain, registration, point, explanation, at)).execute();
        if (updated == 0) {
            h.createUpdate("insert into domain_status (domain, state, expires, releases, point_of_no_return, explanation, checked_at)"
                            + " values (:domain, :state, :expires, :releases, :ponr, :explanation, :at)")
                    .bindMap(params(domain, registration, point, explanation, at)).execute();
        }
    }

    public void record(DomainName domain, Registration registration, PointOfNoReturn ponr, Instant at) {
        jdbi.useTransaction(h -> record(h, domain, registration, ponr, at));
    }

    private static Map<String, Object> params(DomainName domain, Registration r, Instant ponr, String explanation, Instant at) {
        Map<String, Object> m = new java.util.HashMap<>();
        m.put("domain", domain.ascii());
        m.put("state", r.state().wireName());
        m.put("expires", utc(r.expires()));
        m.put("releases", utc(r.releases()));
        m.put("ponr", utc(ponr));
        m.put("explanation", explanation.length() > 1000 ? explanation.substring(0, 1000) : explanation);
        m.put("at", utc(at));
        return m;
    }

    public Optional<Status> find(DomainName domain) {
        return jdbi.withHandle(h -> h.createQuery("select domain, state, expires, releases, point_of_no_return, explanation, checked_at"
                        + " from domain_status where domain = :d").bind("d", domain.ascii())
                .map((rs, ctx) -> readStatus(rs)).findOne());
    }

    /** The next points of no return of domains still in use (not decommissioned), soonest first. */
    public List<Deadline> nextDeadlines(int limit) {
        return jdbi.withHandle(h -> h.createQuery("select s.domain, s.state, s.expires, s.releases, s.point_of_no_return,"
                        + " s.explanation, s.checked_at, i.lifecycle, i.owner_email from domain_status s"
                        + " join inventory_domain i on i.name = s.domain"
                        + " where s.point_of_no_return is not null and i.lifecycle <> 'decommissioned'"
                        + " order by s.point_of_no_return, s.domain limit :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new Deadline(readStatus(rs), Lifecycle.parse(rs.getString("lifecycle")), rs.getString("owner_email")))
                .list());
    }

    /** Inventory domains in use whose point of no return is unknown (never checked, or not knowable), first {@code limit} by name. */
    public List<String> unknownDeadlines(int limit) {
        return jdbi.withHandle(h -> h.createQuery("select i.name from inventory_domain i left join domain_status s on s.domain = i.name"
                        + " where i.lifecycle <> 'decommissioned' and s.point_of_no_return is null order by i.name limit :limit")
                .bind("limit", limit).mapTo(String.class).list());
    }

    public long countUnknownDeadlines() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from inventory_domain i left join domain_status s on s.domain = i.name"
                + " where i.lifecycle <> 'decommissioned' and s.point_of_no_return is null").mapTo(Long.class).one());
    }

    /** How many inventory domains each lifecycle has. */
    public Map<Lifecycle, Long> countByLifecycle() {
        Map<Lifecycle, Long> counts = new EnumMap<>(Lifecycle.class);
        for (Lifecycle l : Lifecycle.values()) {
            counts.put(l, 0L);
        }
        jdbi.useHandle(h -> h.createQuery("select lifecycle, count(*) from inventory_domain group by lifecycle")
                .map((rs, ctx) -> Map.entry(Lifecycle.parse(rs.getString(1)), rs.getLong(2)))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }

    /** Every status, for the metrics. */
    public List<Status> all() {
        return jdbi.withHandle(h -> h.createQuery("select domain, state, expires, releases, point_of_no_return, explanation, checked_at"
                + " from domain_status order by domain").map((rs, ctx) -> readStatus(rs)).list());
    }

    private static Status readStatus(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Status(DomainName.registrableOf(rs.getString("domain")), RegistrationState.fromWireName(rs.getString("state")),
                instant(rs.getObject("expires", OffsetDateTime.class)), instant(rs.getObject("releases", OffsetDateTime.class)),
                instant(rs.getObject("point_of_no_return", OffsetDateTime.class)), rs.getString("explanation"),
                instant(rs.getObject("checked_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}
