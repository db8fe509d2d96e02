package org.lapsewatch.dns;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.DmarcRecord;
import org.lapsewatch.rules.LookupResult;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.ReferenceKind;
import org.lapsewatch.rules.SpfExpander;
import org.lapsewatch.rules.SpfRecord;
import org.lapsewatch.rules.ZoneFacts;
import org.lapsewatch.rules.ZoneFacts.NameserverProbe;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Collects every name one of our zones points at (NS, MX, CNAME chains of the well-known and
 * configured host names, a wildcard, SRV, SPF expanded, DMARC rua/ruf, DKIM selector CNAMEs,
 * CAA iodef, configured MTA-STS mx patterns) and, when it has a {@link Resolver}, the parent's
 * and the zone's NS sets and one lameness probe per delegated nameserver. Host names are
 * followed by their addresses ({@link Lookup#addresses}: A, then AAAA for a name without A), so
 * that an IPv6-only name resolves. Every question that got no answer is noted in
 * {@link ZoneFacts#unanswered()}. Independent lookups run in parallel; the transport bounds how
 * many queries are in flight.
 */
public final class ZoneWalker {
    /** Host names followed in every zone besides the apex and {@code dns.hostnames}. */
    public static final List<String> WELL_KNOWN_HOSTS = List.of("www", "mail", "autodiscover", "mta-sts");
    /** SRV owner prefixes followed in every zone. */
    public static final List<String> SRV_SERVICES = List.of("_autodiscover._tcp", "_submission._tcp", "_imap._tcp",
            "_imaps._tcp", "_pop3s._tcp", "_sip._tcp", "_sips._tcp", "_sip._udp", "_caldav._tcp", "_caldavs._tcp",
            "_carddav._tcp", "_carddavs._tcp", "_xmpp-client._tcp", "_xmpp-server._tcp");
    /** A label no zone defines: if it resolves, the zone has a wildcard. */
    static final String WILDCARD_PROBE_LABEL = "lapsewatch-wildcard-probe-7f3a";

    private final Lookup source;
    private final Resolver resolver;
    private final List<String> hostnames;
    private final List<String> dkimSelectors;
    private final Map<String, List<String>> mtaStsMx;

    /**
     * @param source        where records come from (the network, or a zone file with the network behind it)
     * @param resolver      for delegation and lameness; null to skip them (zone files read offline)
     * @param hostnames     extra host names relative to each zone
     * @param dkimSelectors DKIM selectors to follow
     * @param mtaStsMx      MTA-STS policy mx patterns per zone (the policy file itself is not fetched)
     */
    public ZoneWalker(Lookup source, Resolver resolver, List<String> hostnames, List<String> dkimSelectors,
                      Map<String, List<String>> mtaStsMx) {
        this.source = source;
        this.resolver = resolver;
        this.hostnames = List.copyOf(hostnames);
        this.dkimSelectors = List.copyOf(dkimSelectors);
        this.mtaStsMx = Map.copyOf(mtaStsMx);
    }

    /** Walks the well-known names of the zone. */
    public ZoneFacts walk(DomainName domain, Lifecycle lifecycle) {
        return walk(new NotingLookup(source), domain, lifecycle, List.of());
    }

    /**
     * Walks the zone as {@link #walk} does and adds {@code recordReferences} (e.g. every record of a
     * zone file or transfer), each target resolved, {@code parallelism} at a time. A reference the
     * walk found too keeps the walk's version.
     */
    public ZoneFacts walkWithRecordReferences(DomainName domain, Lifecycle lifecycle, List<DnsReference> recordReferences,
                                              int parallelism) {
        NotingLookup lookup = new NotingLookup(source);
        return walk(lookup, domain, lifecycle, resolveTargets(lookup, recordReferences, parallelism));
    }

    private ZoneFacts walk(NotingLookup lookup, DomainName domain, Lifecycle lifecycle, List<DnsReference> extra) {
        String apex = domain.ascii();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Optional<Delegation>> delegation = pool.submit(() -> Optional.ofNullable(resolver).map(r -> r.delegation(apex)));
            Future<Answer> childNs = pool.submit(() -> lookup.lookup(apex, Type.NS));
            Future<Answer> mx = pool.submit(() -> lookup.lookup(apex, Type.MX));
            Future<Answer> txt = pool.submit(() -> lookup.lookup(apex, Type.TXT));
            Future<Answer> dmarc = pool.submit(() -> lookup.lookup("_dmarc." + apex, Type.TXT));
            Future<Answer> caa = pool.submit(() -> lookup.lookup(apex, Type.CAA));
            Future<List<DnsReference>> hosts = pool.submit(() -> hostReferences(lookup, pool, apex));
            Future<List<DnsReference>> srv = pool.submit(() -> srvReferences(lookup, pool, apex));
            Future<List<DnsReference>> dkim = pool.submit(() -> dkimReferences(lookup, pool, apex));
            Future<SpfExpander.Expansion> spf = pool.submit(() -> SpfExpander.expand(apex, spfLookups(lookup)));

            List<DnsReference> refs = new ArrayList<>();
            List<String> childSet = nsNames(get(childNs));
            childSet.forEach(ns -> refs.add(new DnsReference(ReferenceKind.NS, apex, ns, List.of(apex + " NS", ns))));
            List<String> parentSet = null;
            List<NameserverProbe> probes = List.of();
            Optional<Delegation> parent = get(delegation);
            if (parent.isPresent() && parent.get() instanceof Delegation.Unknown u) {
                lookup.note("delegation of " + apex + ": " + u.reason());
            }
            if (parent.isPresent() && parent.get() instanceof Delegation.Delegated d) {
                if (d.fromParent()) {
                    parentSet = d.nameservers();
                    d.nameservers().stream().filter(ns -> !childSet.contains(ns))
                            .forEach(ns -> refs.add(new DnsReference(ReferenceKind.NS, apex, ns, List.of(apex + " NS (parent)", ns))));
                }
                probes = new LamenessProbe(resolver).probe(apex, d.nameservers(), d.glue());
            }
            refs.addAll(mxReferences(lookup, pool, apex, get(mx)));
            refs.addAll(withoutWildcardCopies(get(hosts), get(dkim)));
            refs.addAll(get(srv));
            SpfExpander.Expansion expansion = get(spf);
            expansion.targets().forEach(t -> refs.add(new DnsReference(ReferenceKind.SPF, apex, t.host(), t.chain())));
            Answer dmarcAnswer = get(dmarc);
            refs.addAll(dmarcReferences(apex, dmarcAnswer));
            refs.addAll(caaReferences(apex, get(caa)));
            for (String pattern : mtaStsMx.getOrDefault(apex, List.of())) {
                String host = pattern.startsWith("*.") ? pattern.substring(2) : pattern;
                refs.add(new DnsReference(ReferenceKind.MTA_STS_MX, "mta-sts." + apex, host,
                        List.of("mta-sts." + apex + " policy mx (configured)", pattern)));
            }
            SpfExpander.Expansion spfOrNull = expansion.targets().isEmpty() && expansion.lookups() == 0
                    && expansion.problems().isEmpty() ? null : expansion;
            return new ZoneFacts(domain, lifecycle, eachOnce(refs, extra), spfOrNull, parentSet,
                    get(childNs) instanceof Answer.Unknown ? null : childSet, probes,
                    mxValues(get(mx)), txtValues(get(txt)), txtValues(dmarcAnswer), lookup.unanswered());
        }
    }

    /**
     * Host and DKIM references, minus those the zone's wildcard synthesized: a name answered by
     * the wildcard follows the same chain, which is reported once, as the wildcard's.
     */
    private static List<DnsReference> withoutWildcardCopies(List<DnsReference> hosts, List<DnsReference> dkim) {
        List<List<String>> wildcardTails = hosts.stream().filter(r -> r.kind() == ReferenceKind.WILDCARD)
                .map(r -> r.chain().subList(1, r.chain().size())).toList();
        List<DnsReference> out = new ArrayList<>();
        for (DnsReference r : concat(hosts, dkim)) {
            boolean copy = r.kind() != ReferenceKind.WILDCARD && wildcardTails.contains(r.chain().subList(1, r.chain().size()));
            if (!copy) {
                out.add(r);
            }
        }
        return out;
    }

    private static List<DnsReference> concat(List<DnsReference> a, List<DnsReference> b) {
        List<DnsReference> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** The walk's references and {@code extra}, each (kind and chain) once: a reference the walk found keeps the walk's version. */
    private static List<DnsReference> eachOnce(List<DnsReference> walked, List<DnsReference> extra) {
        Map<List<Object>, DnsReference> byKey = new LinkedHashMap<>();
        for (DnsReference r : concat(walked, extra)) {
            byKey.putIfAbsent(List.of(r.kind(), r.chain()), r);
        }
        return List.copyOf(byKey.values());
    }

    /**
     * Looks up the address of every reference's target, {@code parallelism} at a time, and returns
     * the references with their resolution. Bounding the lookups (not only the queries) matters:
     * thousands of lookups started at once would all ask the root before any referral is cached.
     */
    public static List<DnsReference> resolveTargets(Lookup lookup, List<DnsReference> references, int parallelism) {
        java.util.concurrent.Semaphore slots = new java.util.concurrent.Semaphore(parallelism);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DnsReference>> resolved = new ArrayList<>();
            for (DnsReference r : references) {
                resolved.add(pool.submit(() -> {
                    slots.acquire();
                    try {
                        return new DnsReference(r.kind(), r.owner(), r.target(), r.chain(), resolution(lookup.addresses(r.target())));
                    } finally {
                        slots.release();
                    }
                }));
            }
            return resolved.stream().map(ZoneWalker::get).toList();
        }
    }

    private static List<DnsReference> mxReferences(Lookup lookup, ExecutorService pool, String apex, Answer mx) {
        List<Future<DnsReference>> out = new ArrayList<>();
        if (mx instanceof Answer.Records records) {
            for (Record r : records.records()) {
                String host = Resolver.normalize(((MXRecord) r).getTarget().toString());
                if (host.isEmpty()) {
                    continue; // null MX (RFC 7505): points nowhere
                }
                out.add(pool.submit(() -> new DnsReference(ReferenceKind.MX, apex, host, List.of(apex + " MX", host),
                        resolution(lookup.addresses(host)))));
            }
        }
        return out.stream().map(ZoneWalker::get).toList();
    }

    private List<DnsReference> hostReferences(Lookup lookup, ExecutorService pool, String apex) {
        List<String> names = new ArrayList<>();
        names.add(apex);
        WELL_KNOWN_HOSTS.forEach(h -> names.add(h + "." + apex));
        hostnames.forEach(h -> names.add(h + "." + apex));
        List<Future<List<DnsReference>>> futures = new ArrayList<>();
        for (String name : names.stream().distinct().toList()) {
            futures.add(pool.submit(() -> cnameReferences(ReferenceKind.CNAME, name, name, lookup.addresses(name))));
        }
        futures.add(pool.submit(() -> cnameReferences(ReferenceKind.WILDCARD, "*." + apex, "*." + apex,
                lookup.addresses(WILDCARD_PROBE_LABEL + "." + apex))));
        return futures.stream().flatMap(f -> get(f).stream()).toList();
    }

    private List<DnsReference> dkimReferences(Lookup lookup, ExecutorService pool, String apex) {
        List<Future<List<DnsReference>>> futures = new ArrayList<>();
        for (String selector : dkimSelectors) {
            String name = selector + "._domainkey." + apex;
            futures.add(pool.submit(() -> cnameReferences(ReferenceKind.DKIM, name, name, lookup.lookup(name, Type.TXT))));
        }
        return futures.stream().flatMap(f -> get(f).stream()).toList();
    }

    /** One reference per CNAME hop, each with the chain up to it; the last hop carries how the chain ended. */
    private static List<DnsReference> cnameReferences(ReferenceKind kind, String owner, String shownOwner, Answer answer) {
        List<String> chain = answer.cnameChain();
        List<DnsReference> out = new ArrayList<>();
        for (int i = 1; i < chain.size(); i++) {
            List<String> trigger = new ArrayList<>();
            trigger.add(shownOwner + " CNAME");
            trigger.addAll(chain.subList(1, i + 1));
            DnsReference.Resolution resolution = i == chain.size() - 1 ? resolution(answer) : DnsReference.Resolution.RESOLVES;
            out.add(new DnsReference(kind, owner, chain.get(i), trigger, resolution));
        }
        return out;
    }

    private static List<DnsReference> srvReferences(Lookup lookup, ExecutorService pool, String apex) {
        List<Future<List<DnsReference>>> futures = new ArrayList<>();
        for (String service : SRV_SERVICES) {
            String owner = service + "." + apex;
            futures.add(pool.submit(() -> {
                List<DnsReference> refs = new ArrayList<>();
                if (lookup.lookup(owner, Type.SRV) instanceof Answer.Records records) {
                    for (Record r : records.records()) {
                        String target = Resolver.normalize(((SRVRecord) r).getTarget().toString());
                        if (!target.isEmpty()) {
                            refs.add(new DnsReference(ReferenceKind.SRV, owner, target, List.of(owner + " SRV", target)));
                        }
                    }
                }
                return refs;
            }));
        }
        return futures.stream().flatMap(f -> get(f).stream()).toList();
    }

    private static List<DnsReference> dmarcReferences(String apex, Answer dmarc) {
        List<DnsReference> out = new ArrayList<>();
        if (txtValues(dmarc) instanceof LookupResult.Found found) {
            DmarcRecord.select(found.values()).ifPresent(record -> {
                record.reportDomains("rua").forEach(d -> out.add(new DnsReference(ReferenceKind.DMARC_RUA, "_dmarc." + apex, d,
                        List.of("_dmarc." + apex + " rua", "mailto:…@" + d))));
                record.reportDomains("ruf").forEach(d -> out.add(new DnsReference(ReferenceKind.DMARC_RUF, "_dmarc." + apex, d,
                        List.of("_dmarc." + apex + " ruf", "mailto:…@" + d))));
            });
        }
        return out;
    }

    private static List<DnsReference> caaReferences(String apex, Answer caa) {
        List<DnsReference> out = new ArrayList<>();
        if (caa instanceof Answer.Records records) {
            for (Record r : records.records()) {
                CAARecord c = (CAARecord) r;
                if (!c.getTag().equalsIgnoreCase("iodef")) {
                    continue;
                }
                iodefHost(c.getValue()).ifPresent(host -> out.add(new DnsReference(ReferenceKind.CAA_IODEF, apex, host,
                        List.of(apex + " CAA iodef", c.getValue()))));
            }
        }
        return out;
    }

    static Optional<String> iodefHost(String uri) {
        String u = uri.strip();
        if (u.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
            int at = u.lastIndexOf('@');
            return at > 0 && at < u.length() - 1 ? Optional.of(u.substring(at + 1)) : Optional.empty();
        }
        try {
            return Optional.ofNullable(URI.create(u).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static SpfExpander.Lookups spfLookups(Lookup lookup) {
        return new SpfExpander.Lookups() {
            @Override
            public LookupResult txt(String name) {
                return txtValues(lookup.lookup(name, Type.TXT));
            }

            @Override
            public LookupResult mx(String name) {
                return switch (lookup.lookup(name, Type.MX)) {
                    case Answer.Records r -> new LookupResult.Found(r.records().stream()
                            .map(rec -> Resolver.normalize(((MXRecord) rec).getTarget().toString())).toList());
                    case Answer answer -> voidOrFailed(answer);
                };
            }

            @Override
            public LookupResult address(String name) {
                Answer a = lookup.addresses(name);
                return a instanceof Answer.Records r ? new LookupResult.Found(List.of(String.valueOf(r.records().size()))) : voidOrFailed(a);
            }
        };
    }

    static LookupResult txtValues(Answer answer) {
        if (answer instanceof Answer.Records r) {
            return new LookupResult.Found(r.records().stream().filter(rec -> rec instanceof TXTRecord)
                    .map(rec -> String.join("", ((TXTRecord) rec).getStrings())).toList());
        }
        return voidOrFailed(answer);
    }

    static LookupResult mxValues(Answer answer) {
        if (answer instanceof Answer.Records r) {
            return new LookupResult.Found(r.records().stream().map(rec -> (MXRecord) rec)
                    .map(mx -> mx.getPriority() + " " + mx.getTarget()).toList());
        }
        return voidOrFailed(answer);
    }

    private static LookupResult voidOrFailed(Answer answer) {
        return switch (answer) {
            case Answer.NxDomain nx -> new LookupResult.Void(true);
            case Answer.NoData nd -> new LookupResult.Void(false);
            case Answer.Unknown u -> new LookupResult.Failed(u.reason());
            case Answer.Records r -> new LookupResult.Found(List.of());
        };
    }

    private static DnsReference.Resolution resolution(Answer answer) {
        return switch (answer) {
            case Answer.Records r -> DnsReference.Resolution.RESOLVES;
            case Answer.NxDomain nx -> DnsReference.Resolution.NXDOMAIN;
            case Answer.NoData nd -> DnsReference.Resolution.NODATA;
            case Answer.Unknown u -> DnsReference.Resolution.UNKNOWN;
        };
    }

    private static List<String> nsNames(Answer answer) {
        TreeSet<String> out = new TreeSet<>();
        if (answer instanceof Answer.Records r) {
            r.records().forEach(rec -> out.add(Resolver.normalize(((NSRecord) rec).getTarget().toString())));
        }
        return List.copyOf(out);
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while walking a zone", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

}
