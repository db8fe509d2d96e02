package org.lapsewatch.web;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Observed;
import org.lapsewatch.rules.PointOfNoReturn;
import org.lapsewatch.store.StoredFinding;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The overview: what is in danger and by when. */
public record Overview(Map<Severity, Long> bySeverity, Map<Lifecycle, Long> byLifecycle, List<Deadline> deadlines,
                       List<String> unknownDeadlines) {

    /** A domain's point of no return, for the overview and the timeline. */
    public record Deadline(DomainName domain, Lifecycle lifecycle, Instant at, String explanation, String state) {
        public long daysLeft(Instant now) {
            return Math.max(0, Duration.between(now, at).toDays());
        }
    }

    static Overview of(WebServices s, Instant now) {
        Map<Severity, Long> bySeverity = new EnumMap<>(Severity.class);
        for (Severity sev : Severity.values()) {
            bySeverity.put(sev, 0L);
        }
        for (StoredFinding f : s.findings().unresolved()) {
            bySeverity.merge(f.finding().severity(), 1L, Long::sum);
        }
        Map<Lifecycle, Long> byLifecycle = new EnumMap<>(Lifecycle.class);
        for (Lifecycle l : Lifecycle.values()) {
            byLifecycle.put(l, 0L);
        }
        List<Deadline> deadlines = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (InventoryEntry e : s.inventory().list()) {
            byLifecycle.merge(e.lifecycle(), 1L, Long::sum);
            if (e.lifecycle() == Lifecycle.DECOMMISSIONED) {
                continue;
            }
            List<Observed> history = s.observations().history(e.name(), 10);
            if (history.isEmpty()) {
                unknown.add(e.name().display());
                continue;
            }
            switch (PointOfNoReturn.of(history.getFirst(), history.subList(1, history.size()), s.policies().policyFor(e.name()), now)) {
                case PointOfNoReturn.Known k -> deadlines.add(new Deadline(e.name(), e.lifecycle(), k.at(), k.explanation(),
                        history.getFirst().registration().state().wireName()));
                case PointOfNoReturn.Unknown u -> unknown.add(e.name().display());
            }
        }
        deadlines.sort(Comparator.comparing(Deadline::at).thenComparing(d -> d.domain().ascii()));
        return new Overview(bySeverity, byLifecycle, deadlines, unknown);
    }

    public long openFindings() {
        return bySeverity.values().stream().mapToLong(Long::longValue).sum();
    }
}
