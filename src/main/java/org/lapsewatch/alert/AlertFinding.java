package org.lapsewatch.alert;

import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.Finding;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A stored finding as the alerting sees it: the rule's result plus its identity, state and the
 * inventory facts that routing needs.
 *
 * @param id              the stored finding's id (part of every idempotency key)
 * @param finding         what the rule said
 * @param status          open, acknowledged or resolved
 * @param openedAt        when it was opened or last reopened
 * @param lifecycle       the subject's lifecycle, or null when it is not in the inventory
 * @param tags            the subject's inventory tags
 * @param ownerEmail      the subject's owner, or null
 * @param registrationState the last known registration state in words (e.g. "quarantine"), or null
 * @param pointOfNoReturn the earliest moment someone else could own the domain, or null when unknown
 */
public record AlertFinding(long id, Finding finding, Status status, Instant openedAt, Lifecycle lifecycle,
                           List<String> tags, String ownerEmail, String registrationState, Instant pointOfNoReturn) {

    public enum Status { OPEN, ACKNOWLEDGED, RESOLVED }

    public AlertFinding {
        Objects.requireNonNull(finding, "finding");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(openedAt, "openedAt");
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
