package org.lapsewatch.store;

import java.time.Instant;
import java.util.Locale;

/**
 * One change in a finding's life, as recorded in {@code finding_event}.
 *
 * @param finding the finding after the change
 * @param actor   who acknowledged it (null for changes the watch made)
 */
public record FindingTransition(StoredFinding finding, Kind kind, Instant at, String actor) {

    public enum Kind {
        /** First raised. */
        OPENED,
        /** Still open, but its severity changed. */
        CHANGED,
        ACKNOWLEDGED,
        /** The condition cleared. */
        RESOLVED,
        /** The condition returned after it had cleared. */
        REOPENED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
