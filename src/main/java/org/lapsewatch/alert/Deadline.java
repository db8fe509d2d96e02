package org.lapsewatch.alert;

import org.lapsewatch.model.DomainName;

import java.time.Instant;
import java.util.Objects;

/**
 * A moment that matters for a domain, for the calendar feed.
 *
 * @param domain the domain
 * @param kind   what happens then
 * @param at     when
 * @param owner  the domain's owner e-mail, or null
 * @param detail one line of context (state, registrar)
 */
public record Deadline(DomainName domain, Kind kind, Instant at, String owner, String detail) {
    public enum Kind {
        EXPIRY("expires"), QUARANTINE_RELEASE("leaves quarantine"), POINT_OF_NO_RETURN("point of no return");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public Deadline {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
