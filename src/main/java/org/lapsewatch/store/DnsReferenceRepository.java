package org.lapsewatch.store;

import org.jdbi.v3.core.Jdbi;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.Reference;
import org.lapsewatch.rules.ReferenceKind;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The latest DNS references per source zone, in table {@code dns_reference}. Saving a zone's
 * references replaces that zone's rows. References whose target has no registrable domain (an IP
 * literal, a bare label) are not stored: nothing can ask for them.
 */
public final class DnsReferenceRepository {
    private final Jdbi jdbi;

    public DnsReferenceRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    /**
     * One stored reference.
     *
     * @param sourceZone the inventory zone that holds it
     * @param reference  what it points at and how
     * @param seenAt     when the walk that found it ran
     */
    public record Stored(DomainName sourceZone, DnsReference reference, Instant seenAt) {
        /** As the watch's "legacy referenced" rule takes it: kind DNS, the trigger chain as description. */
        public Reference asReference() {
            return new Reference(Reference.Kind.DNS, reference.describe(), seenAt);
        }
    }

    /** Makes {@code references} the stored state of {@code zone}, in one transaction. */
    public void replaceZone(DomainName zone, Collection<DnsReference> references, Instant at) {
        jdbi.useTransaction(h -> {
            h.createUpdate("delete from dns_reference where source_zone = :zone").bind("zone", zone.ascii()).execute();
            for (DnsReference r : references) {
                Optional<DomainName> target = r.registrableTarget();
                if (target.isEmpty()) {
                    continue;
                }
                h.createUpdate("insert into dns_reference (source_zone, kind, owner_name, target_host, target_domain, chain, "
                                + "resolution, seen_at) values (:zone, :kind, :owner, :host, :domain, :chain, :resolution, :at)")
                        .bind("zone", zone.ascii())
                        .bind("kind", r.kind().name())
                        .bind("owner", r.owner())
                        .bind("host", r.target())
                        .bind("domain", target.get().ascii())
                        .bind("chain", String.join("\n", r.chain()))
                        .bind("resolution", r.resolution().name())
                        .bind("at", at.atOffset(ZoneOffset.UTC))
                        .execute();
            }
        });
    }

    /** Every stored reference whose target lies in {@code target}'s registrable domain, by zone and chain. */
    public List<Stored> referencesTo(DomainName target) {
        return query("target_domain = :domain", target);
    }

    /** Every stored reference the zone {@code zone} makes (what it points at), by kind and chain. */
    public List<Stored> referencesFrom(DomainName zone) {
        return query("source_zone = :domain", zone);
    }

    private List<Stored> query(String where, DomainName domain) {
        return jdbi.withHandle(h -> h.createQuery("select source_zone, kind, owner_name, target_host, chain, resolution, seen_at "
                        + "from dns_reference where " + where + " order by source_zone, kind, chain")
                .bind("domain", domain.ascii())
                .map((rs, ctx) -> new Stored(DomainName.parse(rs.getString("source_zone")),
                        new DnsReference(ReferenceKind.valueOf(rs.getString("kind")), rs.getString("owner_name"),
                                rs.getString("target_host"), List.of(rs.getString("chain").split("\n")),
                                DnsReference.Resolution.valueOf(rs.getString("resolution"))),
                        rs.getTimestamp("seen_at").toInstant()))
                .list());
    }
}
