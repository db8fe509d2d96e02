package org.lapsewatch.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Expands a domain's SPF policy recursively ({@code include:}, {@code redirect=}, {@code a:},
 * {@code mx:}, {@code exists:}; {@code ptr} is noted) and collects every host it trusts, with
 * the RFC 7208 §4.6.4 limits: at most 10 terms that cost a DNS lookup and at most 2 void
 * lookups. The DNS is a parameter, so the expansion itself is pure.
 */
public final class SpfExpander {

    /** The questions an SPF evaluation asks. */
    public interface Lookups {
        LookupResult txt(String name);

        /** MX host names of {@code name}. */
        LookupResult mx(String name);

        /** A and AAAA of {@code name}, void only when both are. */
        LookupResult address(String name);
    }

    /** A host the policy trusts and how it was reached, e.g. {@code [example.nl SPF, include:_spf.vendor.com]}. */
    public record Target(String host, List<String> chain) {
        public Target {
            chain = List.copyOf(chain);
        }
    }

    /**
     * The result.
     *
     * @param targets     every host named, in the order met
     * @param lookups     terms that cost a lookup (the limit is 10)
     * @param voidLookups the names whose lookup was void (the limit is 2)
     * @param problems    permanent errors: limits exceeded, missing or unparseable records
     * @param unknown     lookups that failed (SERVFAIL, timeout): the expansion is incomplete
     * @param notes       things worth saying that are not errors ({@code ptr} in use, macros)
     */
    public record Expansion(List<Target> targets, int lookups, List<String> voidLookups, List<String> problems,
                            List<String> unknown, List<String> notes) {
        public static final int MAX_LOOKUPS = 10;
        public static final int MAX_VOID_LOOKUPS = 2;

        public boolean exceedsLookupLimit() {
            return lookups > MAX_LOOKUPS;
        }

        public boolean exceedsVoidLimit() {
            return voidLookups.size() > MAX_VOID_LOOKUPS;
        }
    }

    private final Lookups dns;
    private final List<Target> targets = new ArrayList<>();
    private final List<String> voids = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> unknown = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Set<String> visiting = new HashSet<>();
    private int lookups;

    private SpfExpander(Lookups dns) {
        this.dns = dns;
    }

    /** Expands the SPF policy of {@code domain}. Returns an empty expansion when it publishes no SPF record. */
    public static Expansion expand(String domain, Lookups dns) {
        SpfExpander expander = new SpfExpander(dns);
        expander.visit(normalize(domain), List.of(normalize(domain) + " SPF"), true);
        return new Expansion(expander.targets, expander.lookups, expander.voids, expander.problems, expander.unknown,
                expander.notes);
    }

    private void visit(String domain, List<String> chain, boolean top) {
        if (!visiting.add(domain)) {
            problems.add("SPF loop: " + domain + " is reached again via " + String.join(" → ", chain));
            return;
        }
        try {
            Optional<SpfRecord> record = fetch(domain, chain, top);
            record.ifPresent(r -> evaluate(domain, r, chain));
        } finally {
            visiting.remove(domain);
        }
    }

    private Optional<SpfRecord> fetch(String domain, List<String> chain, boolean top) {
        LookupResult txt = dns.txt(domain);
        switch (txt) {
            case LookupResult.Failed f -> {
                unknown.add("TXT " + domain + ": " + f.reason());
                return Optional.empty();
            }
            case LookupResult.Void v -> {
                if (!top) {
                    voids.add(domain);
                    problems.add("no SPF record at " + domain + " (" + (v.nxdomain() ? "NXDOMAIN" : "no TXT") + "), reached via "
                            + String.join(" → ", chain));
                }
                return Optional.empty();
            }
            case LookupResult.Found found -> {
                long count = SpfRecord.count(found.values());
                if (count > 1) {
                    problems.add(domain + " publishes " + count + " SPF records (permerror)");
                    return Optional.empty();
                }
                Optional<String> text = SpfRecord.select(found.values());
                if (text.isEmpty()) {
                    if (!top) {
                        problems.add("no SPF record at " + domain + ", reached via " + String.join(" → ", chain));
                    }
                    return Optional.empty();
                }
                try {
                    return Optional.of(SpfRecord.parse(text.get()));
                } catch (IllegalArgumentException e) {
                    problems.add("unparseable SPF record at " + domain + ": " + e.getMessage());
                    return Optional.empty();
                }
            }
        }
    }

    private void evaluate(String domain, SpfRecord record, List<String> chain) {
        SpfRecord.Term redirect = null;
        boolean hasAll = false;
        for (SpfRecord.Term term : record.terms()) {
            switch (term.mechanism()) {
                case REDIRECT -> redirect = term;
                case ALL -> hasAll = true;
                case PTR -> {
                    notes.add("ptr in use at " + domain + " (deprecated by RFC 7208 §5.5)");
                    count(term);
                }
                case INCLUDE, A, MX, EXISTS -> follow(domain, term, chain);
                default -> {
                }
            }
        }
        // RFC 7208 §6.1: redirect is ignored when the record has an "all" mechanism.
        if (redirect != null && !hasAll) {
            follow(domain, redirect, chain);
        }
    }

    private void follow(String domain, SpfRecord.Term term, List<String> chain) {
        boolean withinLimit = count(term);
        String host = term.domainSpec() == null ? domain : normalize(term.domainSpec());
        List<String> next = append(chain, term.text());
        if (term.hasMacro()) {
            notes.add("macro in " + term.text() + " at " + domain + ": not expanded");
            literalSuffix(host).ifPresent(h -> targets.add(new Target(h, next)));
            return;
        }
        if (term.domainSpec() != null) {
            targets.add(new Target(host, next));
        }
        if (!withinLimit) {
            return;
        }
        switch (term.mechanism()) {
            case INCLUDE, REDIRECT -> visit(host, next, false);
            case A, EXISTS -> noteVoid(host, dns.address(host), "A/AAAA");
            case MX -> {
                LookupResult mx = dns.mx(host);
                noteVoid(host, mx, "MX");
                if (mx instanceof LookupResult.Found found) {
                    for (String exchange : found.values()) {
                        if (!exchange.isEmpty()) {
                            targets.add(new Target(normalize(exchange), append(next, normalize(exchange))));
                        }
                    }
                }
            }
            default -> {
            }
        }
    }

    /** Counts a term against the limit; false once the limit is passed (the evaluation would stop with permerror). */
    private boolean count(SpfRecord.Term term) {
        if (!term.mechanism().costsLookup()) {
            return true;
        }
        lookups++;
        if (lookups == Expansion.MAX_LOOKUPS + 1) {
            problems.add("more than " + Expansion.MAX_LOOKUPS + " DNS lookups (permerror) at " + term.text());
        }
        return lookups <= Expansion.MAX_LOOKUPS;
    }

    private void noteVoid(String host, LookupResult result, String type) {
        switch (result) {
            case LookupResult.Void v -> {
                voids.add(host);
                if (voids.size() == Expansion.MAX_VOID_LOOKUPS + 1) {
                    problems.add("more than " + Expansion.MAX_VOID_LOOKUPS + " void lookups (permerror): " + String.join(", ", voids));
                }
            }
            case LookupResult.Failed f -> unknown.add(type + " " + host + ": " + f.reason());
            case LookupResult.Found found -> {
            }
        }
    }

    /** The part of a macro domain-spec after its last macro label, e.g. {@code %{i}._spf.vendor.com → _spf.vendor.com}. */
    private static Optional<String> literalSuffix(String spec) {
        String[] labels = spec.split("\\.");
        int last = -1;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i].contains("%")) {
                last = i;
            }
        }
        if (labels.length - last - 1 < 2) {
            return Optional.empty();
        }
        return Optional.of(String.join(".", List.of(labels).subList(last + 1, labels.length)));
    }

    private static List<String> append(List<String> chain, String step) {
        List<String> next = new ArrayList<>(chain);
        next.add(step);
        return next;
    }

    private static String normalize(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }
}
