package org.lapsewatch.rules;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Lifecycle;

import java.util.List;
import java.util.Objects;

/**
 * What the DNS showed about one of our zones: the input of {@link ResidualTrustRules}.
 *
 * @param domain        the inventory domain
 * @param lifecycle     its lifecycle (hardening applies to retired domains)
 * @param references    every name the zone points at
 * @param spf           the apex SPF expansion (null when the apex publishes no SPF or it was not expanded)
 * @param parentNs      the NS set the parent (TLD) delegates to, lower case; null when unknown
 * @param childNs       the NS set the zone itself publishes; null when unknown
 * @param probes        one non-recursive SOA probe per delegated nameserver
 * @param apexMx        apex MX as {@code "preference host"} ({@code "0 ."} for a null MX)
 * @param apexTxt       apex TXT strings
 * @param dmarcTxt      {@code _dmarc} TXT strings
 * @param unanswered    the walk's questions that got no answer (a timeout, SERVFAIL…), each with its reason;
 *                      where there is any, {@code references} may lack what those answers would have shown
 */
public record ZoneFacts(DomainName domain, Lifecycle lifecycle, List<DnsReference> references, SpfExpander.Expansion spf,
                        List<String> parentNs, List<String> childNs, List<NameserverProbe> probes,
                        LookupResult apexMx, LookupResult apexTxt, LookupResult dmarcTxt, List<String> unanswered) {

    /** The outcome of asking one delegated nameserver, without recursion, for the zone's SOA. */
    public record NameserverProbe(String nameserver, Outcome outcome, String detail) {
        public enum Outcome { AUTHORITATIVE, LAME, UNKNOWN }

        public NameserverProbe {
            Objects.requireNonNull(nameserver, "nameserver");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    public ZoneFacts {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(lifecycle, "lifecycle");
        references = List.copyOf(references);
        parentNs = parentNs == null ? null : List.copyOf(parentNs);
        childNs = childNs == null ? null : List.copyOf(childNs);
        probes = List.copyOf(probes);
        Objects.requireNonNull(apexMx, "apexMx");
        Objects.requireNonNull(apexTxt, "apexTxt");
        Objects.requireNonNull(dmarcTxt, "dmarcTxt");
        unanswered = List.copyOf(unanswered);
    }

    /** Whether every question of the walk was answered, so that the references are all the zone has. */
    public boolean complete() {
        return unanswered.isEmpty();
    }
}
