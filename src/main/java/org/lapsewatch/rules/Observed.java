package org.lapsewatch.rules;

import org.lapsewatch.model.Registration;

import java.time.Instant;
import java.util.Objects;

/**
 * One registration observation as the store keeps it: what was seen, when it was first seen and
 * when an identical answer last confirmed it.
 *
 * @param id            the store's observation id, or null before it is stored
 * @param registration  the normalized answer
 * @param firstSeen     when this answer was first seen
 * @param lastConfirmed when an identical answer was last seen (never before firstSeen)
 */
public record Observed(Long id, Registration registration, Instant firstSeen, Instant lastConfirmed) {
    public Observed {
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(firstSeen, "firstSeen");
        lastConfirmed = lastConfirmed == null ? firstSeen : lastConfirmed;
        if (lastConfirmed.isBefore(firstSeen)) {
            throw new IllegalArgumentException("lastConfirmed " + lastConfirmed + " is before firstSeen " + firstSeen);
        }
    }

    /** An observation seen once, not yet stored. */
    public static Observed at(Registration registration, Instant seen) {
        return new Observed(null, registration, seen, seen);
    }

    /** How a finding cites it as evidence. */
    String evidenceLabel() {
        return (id == null ? "observation" : "observation #" + id) + " (" + registration.source().wireName() + " "
                + (registration.server() == null ? "" : registration.server() + " ") + firstSeen + ")";
    }
}
