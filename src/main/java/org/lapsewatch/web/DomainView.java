package org.lapsewatch.web;

import org.lapsewatch.mailflow.DomainExposure;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Registration;
import org.lapsewatch.rules.Observed;
import org.lapsewatch.rules.PointOfNoReturn;
import org.lapsewatch.store.DnsReferenceRepository;
import org.lapsewatch.store.StoredFinding;
import org.lapsewatch.watch.RegistrationDiff;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One domain as its page shows it: inventory facts, the latest registration, the point of no
 * return, the registration history with what changed between observations, findings, mail
 * exposures and the DNS references other zones make to it (as of the last complete zone walk).
 */
public record DomainView(DomainName name, InventoryEntry entry, Registration current, PointOfNoReturn pointOfNoReturn,
                         List<HistoryLine> history, List<StoredFinding> findings, List<DomainExposure> exposures,
                         List<DnsReferenceRepository.Stored> referencedBy, TrustGraph trust) {

    /** One stored observation and what changed from the one before it. */
    public record HistoryLine(long id, Instant firstSeen, Instant lastConfirmed, String state, String source,
                              List<RegistrationDiff.Change> changes) {
    }

    static DomainView of(WebServices s, DomainName name, Instant now) {
        InventoryEntry entry = s.inventory().find(name).orElse(null);
        List<Observed> observed = s.observations().history(name, 50);
        Registration current = observed.isEmpty() ? null : observed.getFirst().registration();
        PointOfNoReturn ponr = observed.isEmpty()
                ? new PointOfNoReturn.Unknown("no registration lookup has been recorded yet")
                : PointOfNoReturn.of(observed.getFirst(), observed.subList(1, observed.size()), s.policies().policyFor(name), now);
        List<HistoryLine> history = new ArrayList<>();
        for (int i = 0; i < observed.size(); i++) {
            Observed o = observed.get(i);
            List<RegistrationDiff.Change> changes = i + 1 < observed.size()
                    ? RegistrationDiff.between(observed.get(i + 1).registration(), o.registration()) : List.of();
            history.add(new HistoryLine(o.id() == null ? 0 : o.id(), o.firstSeen(), o.lastConfirmed(),
                    o.registration().state().wireName(), o.registration().source().wireName() + " " + nullToEmpty(o.registration().server()),
                    changes));
        }
        return new DomainView(name, entry, current, ponr, history, s.findings().forSubject(name), s.exposures().find(name),
                s.dnsReferences().referencesTo(name).stream().filter(r -> !r.sourceZone().equals(name)).toList(),
                TrustGraph.of(s, name));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public String pointOfNoReturnText() {
        return switch (pointOfNoReturn) {
            case PointOfNoReturn.Known k -> k.at() + " (" + k.explanation() + ")";
            case PointOfNoReturn.Unknown u -> "unknown: " + u.reason();
        };
    }
}
