package org.lapsewatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What the organisation does with a domain in its inventory (DESIGN.md §2). */
public enum Lifecycle {
    /** In use. */
    ACTIVE,
    /** No longer used after a rebrand or merger: kept registered, hardened and watched. */
    RETIRED,
    /** Typo and brand registrations. */
    DEFENSIVE,
    /** Deliberately released after evidence that nothing depends on it. */
    DECOMMISSIONED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a lifecycle name in any case; the message lists the allowed values. */
    public static Lifecycle parse(String text) {
        if (text != null) {
            for (Lifecycle l : values()) {
                if (l.name().equalsIgnoreCase(text.strip())) {
                    return l;
                }
            }
        }
        throw new IllegalArgumentException("unknown lifecycle '" + text + "' (expected active, retired, defensive or decommissioned)");
    }
}
