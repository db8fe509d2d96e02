package org.lapsewatch.store;

import org.lapsewatch.rules.Finding;

import java.time.Instant;
import java.util.Locale;

/**
 * A finding as the store keeps it: the rule's value plus identity, state and times.
 *
 * @param observationId the observation it was last concluded from, or null
 */
public record StoredFinding(long id, Finding finding, State state, Instant firstSeen, Instant lastSeen,
                            Instant resolvedAt, String acknowledgedBy, Instant acknowledgedAt, Long observationId) {

    public enum State {
        OPEN, ACKNOWLEDGED, RESOLVED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
