package org.lapsewatch.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One SPF record (RFC 7208) split into its terms. Only the terms that name other hosts matter to
 * residual trust; {@code ip4}, {@code ip6} and {@code all} are kept so that a record can be
 * compared with {@code v=spf1 -all}.
 *
 * @param terms the mechanisms and modifiers in order
 */
public record SpfRecord(List<Term> terms) {

    /** The kinds of term, with whether each costs one DNS lookup against the limit of ten (RFC 7208 §4.6.4). */
    public enum Mechanism {
        ALL(false), INCLUDE(true), A(true), MX(true), PTR(true), IP4(false), IP6(false), EXISTS(true),
        REDIRECT(true), EXP(false), UNKNOWN_MODIFIER(false);

        private final boolean costsLookup;

        Mechanism(boolean costsLookup) {
            this.costsLookup = costsLookup;
        }

        public boolean costsLookup() {
            return costsLookup;
        }
    }

    /**
     * One term.
     *
     * @param qualifier  {@code + - ~ ?} ('+' when absent; ' ' for modifiers)
     * @param mechanism  the kind
     * @param domainSpec the domain it names, or null for {@code a}/{@code mx}/{@code ptr} without one and for ip/all
     * @param text       the term as written
     */
    public record Term(char qualifier, Mechanism mechanism, String domainSpec, String text) {
        /** True when the domain-spec contains a macro ({@code %{i}}) and cannot be looked up ahead of time. */
        public boolean hasMacro() {
            return domainSpec != null && domainSpec.contains("%{");
        }
    }

    public SpfRecord {
        terms = List.copyOf(terms);
    }

    /** Picks the SPF record out of a name's TXT strings: exactly one starting with {@code v=spf1}, else empty. */
    public static Optional<String> select(List<String> txt) {
        List<String> spf = txt.stream().filter(SpfRecord::isSpf).toList();
        return spf.size() == 1 ? Optional.of(spf.getFirst()) : Optional.empty();
    }

    /** How many TXT strings claim to be SPF records (more than one is a permerror). */
    public static long count(List<String> txt) {
        return txt.stream().filter(SpfRecord::isSpf).count();
    }

    static boolean isSpf(String txt) {
        String t = txt.strip().toLowerCase(Locale.ROOT);
        return t.equals("v=spf1") || t.startsWith("v=spf1 ");
    }

    /**
     * Parses a record that starts with {@code v=spf1}.
     *
     * @throws IllegalArgumentException naming the term that is not SPF syntax
     */
    public static SpfRecord parse(String record) {
        if (!isSpf(record)) {
            throw new IllegalArgumentException("not an SPF record (does not start with v=spf1): '" + record + "'");
        }
        List<Term> terms = new ArrayList<>();
        String[] parts = record.strip().split("\\s+");
        for (int i = 1; i < parts.length; i++) {
            terms.add(parseTerm(parts[i]));
        }
        return new SpfRecord(terms);
    }

    private static Term parseTerm(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        int eq = lower.indexOf('=');
        int colon = lower.indexOf(':');
        if (eq > 0 && (colon < 0 || eq < colon)) {
            String name = lower.substring(0, eq);
            String value = text.substring(eq + 1);
            return switch (name) {
                case "redirect" -> new Term(' ', Mechanism.REDIRECT, requireDomain(text, value), text);
                case "exp" -> new Term(' ', Mechanism.EXP, value, text);
                default -> new Term(' ', Mechanism.UNKNOWN_MODIFIER, null, text);
            };
        }
        char qualifier = '+';
        String body = text;
        if ("+-~?".indexOf(body.charAt(0)) >= 0) {
            qualifier = body.charAt(0);
            body = body.substring(1);
        }
        String name = body.toLowerCase(Locale.ROOT);
        String argument = null;
        int sep = indexOfAny(name, ":/");
        if (sep >= 0) {
            argument = body.substring(sep);
            name = name.substring(0, sep);
        }
        Mechanism mechanism = switch (name) {
            case "all" -> Mechanism.ALL;
            case "include" -> Mechanism.INCLUDE;
            case "a" -> Mechanism.A;
            case "mx" -> Mechanism.MX;
            case "ptr" -> Mechanism.PTR;
            case "ip4" -> Mechanism.IP4;
            case "ip6" -> Mechanism.IP6;
            case "exists" -> Mechanism.EXISTS;
            default -> throw new IllegalArgumentException("unknown SPF mechanism '" + text + "'");
        };
        String domain = null;
        if (argument != null && argument.startsWith(":")) {
            String spec = argument.substring(1);
            int cidr = spec.indexOf('/');
            domain = mechanism == Mechanism.IP4 || mechanism == Mechanism.IP6 || cidr < 0 ? spec : spec.substring(0, cidr);
            if (mechanism == Mechanism.IP4 || mechanism == Mechanism.IP6) {
                domain = null;
            }
        }
        if ((mechanism == Mechanism.INCLUDE || mechanism == Mechanism.EXISTS)) {
            requireDomain(text, domain);
        }
        return new Term(qualifier, mechanism, domain, text);
    }

    private static String requireDomain(String term, String domain) {
        if (domain == null || domain.isBlank()) {
            throw new IllegalArgumentException("SPF term '" + term + "' needs a domain");
        }
        return domain;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** True for exactly {@code v=spf1 -all}: the record a domain that sends no mail publishes. */
    public boolean rejectsAll() {
        return terms.size() == 1 && terms.getFirst().mechanism() == Mechanism.ALL && terms.getFirst().qualifier() == '-';
    }
}
