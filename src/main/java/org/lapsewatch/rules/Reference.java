package org.lapsewatch.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * Evidence that something still uses a domain: a DNS record in one of our zones that points at
 * it, or mail that still flows to it.
 *
 * @param kind        where the use was seen
 * @param description one line a person recognises, e.g. {@code samenveilig.example MX → mx.bjzutrecht.example}
 * @param lastSeen    when the use was last seen
 */
public record Reference(Kind kind, String description, Instant lastSeen) {

    public enum Kind { DNS, MAIL }

    public Reference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }

    /** The description with its kind, as it appears in a trigger chain. */
    String chainLink() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + description + " (last seen " + lastSeen + ")";
    }
}
