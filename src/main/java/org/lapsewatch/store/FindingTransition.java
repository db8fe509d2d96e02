package org.lapsewatch.store;

import java.time.Instant;
import java.util.Locale;

/**
 * One change in a finding's life, as recorded in {@code finding_event}.
 *
 * @param finding the finding after the change
 * @param actor   who acknowledged it (null for changes the watch made)
 * @param context what the check that made the change knew about the subject (empty for acknowledgements)
 */
public record FindingTransition(StoredFinding finding, Kind kind, Instant at, String actor, Context context) {

    /**
     * The subject's situation when the transition was made, for routing and message text.
     *
     * @param registrationState the registration state in words (e.g. "quarantine"), or null
     * @param pointOfNoReturn   the earliest moment someone else could own the domain, or null when unknown
     */
    public record Context(String registrationState, Instant pointOfNoReturn) {
        public static final Context NONE = new Context(null, null);
    }

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
