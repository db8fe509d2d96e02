package org.lapsewatch.rules;

import java.util.Objects;

/**
 * What the TLD's authoritative servers said about a name: the second source behind "available".
 *
 * @param answer what they said
 * @param detail the servers asked and what they answered, for evidence and reasons
 */
public record TldDelegation(Answer answer, String detail) {

    public enum Answer {
        /** The TLD's servers say the name does not exist (NXDOMAIN). */
        NXDOMAIN,
        /** The TLD's servers delegate the name (a referral or NS answer). */
        DELEGATED,
        /** No usable answer: timeout, SERVFAIL, no TLD servers found. */
        NO_ANSWER
    }

    public TldDelegation {
        Objects.requireNonNull(answer, "answer");
        Objects.requireNonNull(detail, "detail");
    }
}
