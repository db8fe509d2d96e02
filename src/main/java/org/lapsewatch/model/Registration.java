package org.lapsewatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The normalized view of one RDAP or WHOIS answer (DESIGN.md §7, a contract). A field the
 * registry does not publish is {@code null}, never guessed. {@code reason} says why the state
 * is {@code unknown} or {@code throttled} and is left out of the JSON otherwise.
 */
@JsonPropertyOrder({"domain", "source", "server", "state", "status", "created", "updated", "expires", "releases",
        "registrar", "nameservers", "dnssec", "reason"})
public record Registration(
        String domain,
        Source source,
        String server,
        RegistrationState state,
        List<String> status,
        Instant created,
        Instant updated,
        Instant expires,
        Instant releases,
        String registrar,
        List<String> nameservers,
        Boolean dnssec,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason) {

    public enum Source {
        RDAP, WHOIS;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Registration {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        status = status == null ? List.of() : List.copyOf(status);
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    }

    /** An answer that says nothing about the domain: the reason is kept, every fact is null. */
    public static Registration unknown(String domain, Source source, String server, RegistrationState state, String reason) {
        if (!state.isUnknown()) {
            throw new IllegalArgumentException("not an unknown state: " + state);
        }
        return new Registration(domain, source, server, state, List.of(), null, null, null, null, null, List.of(), null,
                Objects.requireNonNull(reason, "reason"));
    }
}
