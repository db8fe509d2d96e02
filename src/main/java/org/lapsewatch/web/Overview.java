package org.lapsewatch.web;

import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.store.DomainStatusRepository;

import java.util.List;
import java.util.Map;

/**
 * The overview: what is in danger and by when. Read from a handful of indexed queries (finding
 * counts, lifecycle counts, the next deadlines from {@code domain_status}), so it stays fast
 * with a hundred thousand domains.
 */
public record Overview(Map<Severity, Long> bySeverity, Map<Lifecycle, Long> byLifecycle,
                       List<DomainStatusRepository.Deadline> deadlines, List<String> unknownDeadlines, long unknownCount) {

    static final int DEADLINES_SHOWN = 10;
    static final int TIMELINE_SHOWN = 200;

    static Overview of(WebServices s, int deadlines) {
        return new Overview(s.findings().countUnresolvedBySeverity(), s.statuses().countByLifecycle(),
                s.statuses().nextDeadlines(deadlines), s.statuses().unknownDeadlines(20), s.statuses().countUnknownDeadlines());
    }

    public long openFindings() {
        return bySeverity.values().stream().mapToLong(Long::longValue).sum();
    }
}
