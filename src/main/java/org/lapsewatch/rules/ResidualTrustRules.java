package org.lapsewatch.rules;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding.Confidence;
import org.lapsewatch.rules.ZoneFacts.NameserverProbe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The residual-trust rules (DESIGN.md §6, "from live zones"): names our zones point at whose
 * registrable domain is unregistered or lapsing, lame delegations, parent/child NS mismatch,
 * MX targets that do not exist, SPF limits, and the hardening of retired domains. Pure: the DNS
 * facts, the registration evidence per target and the provider table come in as values.
 */
public final class ResidualTrustRules {
    private final Set<DomainName> ownDomains;
    private final Set<DomainName> activeDomains;
    private final NameserverProviders providers;

    /**
     * @param ownDomains    every inventory domain (references to them are not checked)
     * @param activeDomains the inventory's active domains (where DMARC reports of retired domains should go)
     * @param providers     the nameserver-provider signatures
     */
    public ResidualTrustRules(Set<DomainName> ownDomains, Set<DomainName> activeDomains, NameserverProviders providers) {
        this.ownDomains = Set.copyOf(ownDomains);
        this.activeDomains = Set.copyOf(activeDomains);
        this.providers = providers;
    }

    /** The registrable domains that {@code zone}'s references need evidence for: every target not our own. */
    public Set<DomainName> targetsToCheck(ZoneFacts zone) {
        Set<DomainName> out = new TreeSet<>();
        for (DnsReference r : zone.references()) {
            r.registrableTarget().filter(d -> !ownDomains.contains(d)).ifPresent(out::add);
        }
        return out;
    }

    public List<Finding> evaluate(ZoneFacts zone, Map<DomainName, TargetEvidence> evidence, Instant now) {
        List<Finding> findings = new ArrayList<>();
        findings.addAll(targets(zone, evidence, now));
        findings.addAll(mxNxdomain(zone, evidence, now));
        findings.addAll(spfLimits(zone));
        findings.addAll(lameDelegation(zone));
        parentChildMismatch(zone).ifPresent(findings::add);
        if (zone.lifecycle() == Lifecycle.RETIRED) {
            findings.addAll(hardening(zone));
        }
        return findings;
    }

    private List<Finding> targets(ZoneFacts zone, Map<DomainName, TargetEvidence> evidence, Instant now) {
        Map<List<String>, Finding> byChain = new LinkedHashMap<>();
        Map<DomainName, Finding> unverified = new LinkedHashMap<>();
        for (DnsReference r : zone.references()) {
            Optional<DomainName> target = r.registrableTarget();
            if (target.isEmpty() || ownDomains.contains(target.get())) {
                continue;
            }
            DomainName domain = target.get();
            TargetEvidence e = evidence.get(domain);
            TargetEvidence.Verdict verdict = e == null
                    ? new TargetEvidence.Verdict(TargetEvidence.Status.UNVERIFIED, "could not verify: not checked")
                    : e.verdict(now);
            List<String> chain = new ArrayList<>(r.chain());
            chain.add(domain.ascii() + " (" + verdict.label() + ")");
            List<String> facts = e == null ? List.of() : evidenceOf(e);
            switch (verdict.status()) {
                case UNREGISTERED -> byChain.putIfAbsent(chain, new Finding(r.kind().unregisteredRule(), zone.domain(),
                        r.kind().unregisteredSeverity(r.owner()), Confidence.HIGH,
                        r.kind().label() + " of " + r.owner() + " points at " + r.target() + ", whose domain "
                                + domain.display() + " is unregistered: anyone can register it and receive what is sent there",
                        chain, facts));
                case LAPSING -> byChain.putIfAbsent(chain, new Finding(r.kind().lapsingRule(), zone.domain(), Severity.HIGH,
                        Confidence.HIGH, r.kind().label() + " of " + r.owner() + " points at " + r.target()
                        + ", whose domain " + domain.display() + " is lapsing (" + verdict.label() + ")", chain, facts));
                case UNVERIFIED -> unverified.putIfAbsent(domain, new Finding(RuleIds.TARGET_UNVERIFIED, zone.domain(),
                        Severity.INFO, Confidence.LOW, "could not verify the registration of " + domain.display()
                        + ", referenced by " + r.kind().label() + " of " + r.owner() + " (" + verdict.label() + ")",
                        chain, facts));
                case REGISTERED -> {
                    if (r.kind() == ReferenceKind.WILDCARD && r.resolution() == DnsReference.Resolution.NXDOMAIN) {
                        byChain.putIfAbsent(chain, new Finding(RuleIds.WILDCARD_DANGLING, zone.domain(), Severity.MEDIUM,
                                Confidence.HIGH, "wildcard " + r.owner() + " points at " + r.target()
                                + ", which does not exist: every name under " + zone.domain().ascii() + " dangles",
                                append(r.chain(), r.target() + " (NXDOMAIN)"), facts));
                    }
                }
            }
        }
        List<Finding> out = new ArrayList<>(byChain.values());
        out.addAll(unverified.values());
        return out;
    }

    private static List<String> evidenceOf(TargetEvidence e) {
        List<String> facts = new ArrayList<>();
        facts.add("registry (" + e.registration().source().wireName()
                + (e.registration().server() == null ? "" : " " + e.registration().server()) + "): "
                + e.registration().state().wireName()
                + (e.registration().expires() == null ? "" : ", expires " + e.registration().expires())
                + (e.registration().reason() == null ? "" : ", " + e.registration().reason()));
        facts.add("TLD servers: " + e.tld().name().toLowerCase(java.util.Locale.ROOT)
                + (e.tldDetail() == null ? "" : " (" + e.tldDetail() + ")"));
        return facts;
    }

    /**
     * MX hosts that do not exist: mail to the zone bounces, or goes to whoever creates the name.
     * Not repeated when the host's domain is itself unregistered (that finding says more).
     */
    private List<Finding> mxNxdomain(ZoneFacts zone, Map<DomainName, TargetEvidence> evidence, Instant now) {
        List<Finding> out = new ArrayList<>();
        for (DnsReference r : zone.references()) {
            boolean unregistered = r.registrableTarget().map(evidence::get)
                    .map(e -> e.verdict(now).status() == TargetEvidence.Status.UNREGISTERED).orElse(false);
            if (r.kind() == ReferenceKind.MX && r.resolution() == DnsReference.Resolution.NXDOMAIN && !unregistered) {
                out.add(new Finding(RuleIds.MX_TARGET_NXDOMAIN, zone.domain(), Severity.MEDIUM, Confidence.HIGH,
                        "MX of " + r.owner() + " points at " + r.target() + ", which does not exist (NXDOMAIN)",
                        append(r.chain(), r.target() + " (NXDOMAIN)"), List.of()));
            }
        }
        return out;
    }

    private List<Finding> spfLimits(ZoneFacts zone) {
        SpfExpander.Expansion spf = zone.spf();
        List<Finding> out = new ArrayList<>();
        if (spf == null) {
            return out;
        }
        String apex = zone.domain().ascii();
        if (!spf.voidLookups().isEmpty()) {
            boolean permerror = spf.exceedsVoidLimit();
            out.add(new Finding(RuleIds.SPF_VOID_LOOKUPS, zone.domain(), permerror ? Severity.MEDIUM : Severity.LOW,
                    Confidence.HIGH, "SPF of " + apex + " makes " + spf.voidLookups().size() + " void lookup(s)"
                    + (permerror ? ", more than the " + SpfExpander.Expansion.MAX_VOID_LOOKUPS + " RFC 7208 allows: receivers return permerror"
                    : ": the names they point at no longer exist"),
                    append(List.of(apex + " SPF"), String.join(", ", spf.voidLookups())), spf.problems()));
        }
        if (spf.exceedsLookupLimit()) {
            out.add(new Finding(RuleIds.SPF_TOO_MANY_LOOKUPS, zone.domain(), Severity.MEDIUM, Confidence.HIGH,
                    "SPF of " + apex + " needs " + spf.lookups() + " DNS lookups, more than the "
                            + SpfExpander.Expansion.MAX_LOOKUPS + " RFC 7208 allows: receivers return permerror",
                    List.of(apex + " SPF"), spf.problems()));
        }
        return out;
    }

    /**
     * Lame delegations: suppressed for providers that verify ownership, HIGH for providers that let
     * anyone claim the zone (CRITICAL when every delegated nameserver is such a lame one), MEDIUM
     * for providers not in the table. A probe that timed out says nothing.
     */
    private List<Finding> lameDelegation(ZoneFacts zone) {
        List<NameserverProbe> lame = zone.probes().stream().filter(p -> p.outcome() == NameserverProbe.Outcome.LAME).toList();
        long claimableLame = lame.stream().filter(p -> providers.providerOf(p.nameserver()).map(NameserverProviders.Provider::claimable).orElse(false)).count();
        boolean allClaimable = !zone.probes().isEmpty() && claimableLame == zone.probes().size();
        List<Finding> out = new ArrayList<>();
        for (NameserverProbe probe : lame) {
            Optional<NameserverProviders.Provider> provider = providers.providerOf(probe.nameserver());
            if (provider.isPresent() && !provider.get().claimable()) {
                continue;
            }
            Severity severity = provider.isEmpty() ? Severity.MEDIUM : allClaimable ? Severity.CRITICAL : Severity.HIGH;
            String who = provider.map(p -> " at " + p.name() + ", which lets anyone add a zone for any domain").orElse("");
            out.add(new Finding(RuleIds.LAME_DELEGATION, zone.domain(), severity, Confidence.HIGH,
                    zone.domain().ascii() + " is delegated to " + probe.nameserver() + who + ", which does not serve it ("
                            + probe.detail() + ")",
                    List.of(zone.domain().ascii() + " NS", probe.nameserver() + " (lame: " + probe.detail() + ")"),
                    List.of("non-recursive SOA query to " + probe.nameserver() + ": " + probe.detail())));
        }
        return out;
    }

    private Optional<Finding> parentChildMismatch(ZoneFacts zone) {
        if (zone.parentNs() == null || zone.childNs() == null || zone.childNs().isEmpty()) {
            return Optional.empty();
        }
        Set<String> onlyParent = new TreeSet<>(zone.parentNs());
        zone.childNs().forEach(onlyParent::remove);
        Set<String> onlyChild = new TreeSet<>(zone.childNs());
        zone.parentNs().forEach(onlyChild::remove);
        if (onlyParent.isEmpty() && onlyChild.isEmpty()) {
            return Optional.empty();
        }
        String apex = zone.domain().ascii();
        return Optional.of(new Finding(RuleIds.NS_PARENT_CHILD_MISMATCH, zone.domain(), Severity.MEDIUM, Confidence.HIGH,
                "the parent delegates " + apex + " to " + new TreeSet<>(zone.parentNs()) + " but the zone publishes "
                        + new TreeSet<>(zone.childNs()),
                List.of(apex + " NS (parent)", apex + " NS (zone)"),
                List.of("only at the parent: " + onlyParent, "only in the zone: " + onlyChild)));
    }

    /** A retired domain publishes a null MX, {@code v=spf1 -all} and DMARC {@code p=reject} reporting to us. */
    private List<Finding> hardening(ZoneFacts zone) {
        String apex = zone.domain().ascii();
        List<Finding> out = new ArrayList<>();
        if (zone.apexMx() instanceof LookupResult.Found mx ? !isNullMx(mx.values()) : zone.apexMx() instanceof LookupResult.Void) {
            out.add(hardeningFinding(zone, apex + ". IN MX 0 .", "a null MX (RFC 7505), so that nobody can deliver mail to it",
                    "MX: " + describe(zone.apexMx())));
        }
        if (zone.apexTxt() instanceof LookupResult.Found txt
                ? SpfRecord.select(txt.values()).map(s -> !parses(s) || !SpfRecord.parse(s).rejectsAll()).orElse(true)
                : zone.apexTxt() instanceof LookupResult.Void) {
            out.add(hardeningFinding(zone, apex + ". IN TXT \"v=spf1 -all\"", "an SPF record that authorises no sender",
                    "SPF: " + describe(zone.apexTxt())));
        }
        if (!(zone.dmarcTxt() instanceof LookupResult.Failed)) {
            Optional<DmarcRecord> dmarc = zone.dmarcTxt() instanceof LookupResult.Found f ? DmarcRecord.select(f.values()) : Optional.empty();
            boolean reject = dmarc.map(d -> d.policy().equals("reject")).orElse(false);
            List<String> rua = dmarc.map(d -> d.reportDomains("rua")).orElse(List.of());
            boolean reportsToUs = !rua.isEmpty() && rua.stream().allMatch(d -> registrableOf(d).map(activeDomains::contains).orElse(false));
            if (!reject || !reportsToUs) {
                String reportDomain = activeDomains.stream().sorted().findFirst().map(DomainName::ascii).orElse("<a domain you control>");
                out.add(hardeningFinding(zone, "_dmarc." + apex + ". IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc-reports@" + reportDomain + "\"",
                        "DMARC p=reject with reports to a domain the organisation controls"
                                + (reject ? " (the current record reports to " + (rua.isEmpty() ? "nobody" : String.join(", ", rua)) + ")" : ""),
                        "DMARC: " + describe(zone.dmarcTxt())));
            }
        }
        return out;
    }

    private Finding hardeningFinding(ZoneFacts zone, String record, String what, String observed) {
        return new Finding(RuleIds.HARDENING_MISSING, zone.domain(), Severity.MEDIUM, Confidence.HIGH,
                "retired domain " + zone.domain().ascii() + " lacks " + what + "; publish: " + record,
                List.of(zone.domain().ascii() + " (retired)", record), List.of(observed));
    }

    private static boolean isNullMx(List<String> mx) {
        return mx.size() == 1 && mx.getFirst().strip().matches("0\\s+\\.?");
    }

    private static boolean parses(String spf) {
        try {
            SpfRecord.parse(spf);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String describe(LookupResult r) {
        return switch (r) {
            case LookupResult.Found f -> f.values().toString();
            case LookupResult.Void v -> v.nxdomain() ? "NXDOMAIN" : "none";
            case LookupResult.Failed f -> "unknown (" + f.reason() + ")";
        };
    }

    private static Optional<DomainName> registrableOf(String host) {
        try {
            return Optional.of(DomainName.registrableOf(host));
        } catch (InvalidDomainException e) {
            return Optional.empty();
        }
    }

    private static List<String> append(List<String> chain, String step) {
        List<String> out = new ArrayList<>(chain);
        out.add(step);
        return out;
    }
}
