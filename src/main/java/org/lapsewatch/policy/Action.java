package org.lapsewatch.policy;

import java.util.Locale;

/** What Lapsewatch wants done with mail to a recipient domain, weakest first. */
public enum Action {
    /** Nothing to say: Postfix decides as usual. */
    ALLOW,
    /** Deliver, but log a warning (report mode for a roll-out). */
    WARN,
    /** Keep the message in the hold queue until a person looks at it. */
    HOLD,
    /** Refuse for now (4xx); the sender retries. */
    DEFER,
    /** Refuse for good (5xx). */
    REJECT;

    /** The stronger of two actions. */
    public Action max(Action other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a configuration value in any case. */
    public static Action parse(String text) {
        for (Action a : values()) {
            if (a.name().equalsIgnoreCase(text.strip())) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action '" + text + "' (expected allow, warn, hold, defer or reject)");
    }
}
