package org.lapsewatch.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The normalized view of one RDAP or WHOIS answer (DESIGN.md §7, a contract). A field the
 * registry does not publish is {@code null}, never guessed. {@code reason} says why the state
 * is {@code unknown} or {@code throttled} and is left out of the JSON otherwise. {@code handle} is
 * the registry's own id of this registration (RDAP {@code handle}, WHOIS "Registry Domain ID",
 * the ROID): it survives transfers and renewals and changes only when the name is registered
 * anew; it is left out of the JSON where the registry does not publish one.
 */
@JsonPropertyOrder({"domain", "source", "server", "state", "status", "created", "updated", "expires", "releases",
        "registrar", "nameservers", "dnssec", "handle", "reason"})
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
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) String handle) {

    public enum Source {
        RDAP, WHOIS;

        @com.fasterxml.jackson.annotation.JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    @JsonCreator
    public Registration {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(state, "state");
        status = status == null ? List.of() : List.copyOf(status);
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
    }

    /** A registration without a registry handle (most WHOIS answers and every answer without data). */
    public Registration(String domain, Source source, String server, RegistrationState state, List<String> status,
                        Instant created, Instant updated, Instant expires, Instant releases, String registrar,
                        List<String> nameservers, Boolean dnssec, String reason) {
        this(domain, source, server, state, status, created, updated, expires, releases, registrar, nameservers, dnssec,
                reason, null);
    }

    /** The same answer about another spelling of the name (the one that was asked for). */
    public Registration withDomain(String newDomain) {
        return new Registration(newDomain, source, server, state, status, created, updated, expires, releases, registrar,
                nameservers, dnssec, reason, handle);
    }

    /** The same facts read as another state, with the reason for that reading (null for none). */
    public Registration withState(RegistrationState newState, String newReason) {
        return new Registration(domain, source, server, newState, status, created, updated, expires, releases, registrar,
                nameservers, dnssec, newReason, handle);
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
