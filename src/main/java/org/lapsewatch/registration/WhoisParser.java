package org.lapsewatch.registration;

import org.lapsewatch.model.Registration;
import org.lapsewatch.model.Registration.Source;
import org.lapsewatch.model.RegistrationState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a port-43 WHOIS answer into the normalized Registration. Pure: no I/O.
 *
 * <p>One tolerant reader serves every registry: {@link WhoisFields} finds the key-value pairs
 * in any layout, and the tables below say which keys mean what ({@link WhoisVocabulary}),
 * which lines are a registry's free marker, throttle or refusal, and which status words mean
 * which lifecycle state ({@link StatusVocabulary}). Registries differ in vocabulary far more
 * than in structure, so a new layout usually needs a table entry, not code.
 */
public final class WhoisParser {
    private static final Pattern HOST = Pattern.compile(
            "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-_]*[\\p{L}\\p{N}])?(?:\\.[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-_]*[\\p{L}\\p{N}])?)+");
    /** A zone-file line as a value: {@code example.pt NS ns1.example.com.}. */
    private static final Pattern NS_RECORD = Pattern.compile("\\s(?:IN\\s+)?NS\\s+(\\S+)");
    /** What follows a registrar's name: its trading name, Nominet tag, registry id or link in parentheses. */
    private static final Pattern REGISTRAR_DECORATION = Pattern.compile(
            "\\s+(?:t/a|trading as)\\s+.*$|\\s*\\[tag\\s*=.*$|\\s*\\((?=[^)]*\\d)[\\w-]+\\)$|\\s*\\(\\s*https?://[^)]*\\)$",
            Pattern.CASE_INSENSITIVE);

    private WhoisParser() {
    }

    /**
     * @param text   the decoded response
     * @param server the WHOIS server that answered, kept in the result (the layout is recognized
     *               from the text itself, so a registry that moves servers needs no change)
     * @param domain the domain asked about, or null to take it from the text
     * @return the normalized registration; throttled for a rate-limit reply, unknown with a
     *         reason when nothing can be read. Never throws.
     */
    public static Registration parse(String text, String server, String domain) {
        String asked = RdapParser.hostName(domain);
        if (text == null || text.isBlank()) {
            return Registration.unknown(asked, Source.WHOIS, server, RegistrationState.UNKNOWN, "empty WHOIS response");
        }
        try {
            return read(text, server, asked);
        } catch (RuntimeException e) {
            // A layout the reader cannot cope with is an unreadable answer, not a fact about the domain.
            return Registration.unknown(asked, Source.WHOIS, server, RegistrationState.UNKNOWN,
                    "unreadable WHOIS response: " + e);
        }
    }

    private static Registration read(String text, String server, String asked) {
        WhoisFields fields = WhoisFields.read(text);
        String domain = asked != null ? asked : domainOf(fields.first(WhoisVocabulary.DOMAIN));
        Instant created = date(fields, WhoisVocabulary.CREATED, WhoisVocabulary.CREATED_WORDS);
        Instant updated = date(fields, WhoisVocabulary.UPDATED, WhoisVocabulary.UPDATED_WORDS);
        Instant expires = date(fields, WhoisVocabulary.EXPIRES, WhoisVocabulary.EXPIRES_WORDS);
        Instant releases = date(fields.all(WhoisVocabulary.RELEASES));
        String registrar = registrar(fields.first(WhoisVocabulary.REGISTRAR));
        List<String> nameservers = nameservers(fields.all(WhoisVocabulary.NAMESERVERS), domain);
        if (nameservers.isEmpty()) {
            nameservers = nameservers(fields.allWhere(WhoisVocabulary.NAMESERVER_WORDS, WhoisVocabulary.NOT_NAMESERVER), domain);
        }
        List<String> status = status(fields.all(WhoisVocabulary.STATUS));
        Boolean dnssec = dnssec(fields.first(WhoisVocabulary.DNSSEC));
        String handle = handle(fields.first(WhoisVocabulary.HANDLE));

        boolean hasData = created != null || expires != null || registrar != null || !nameservers.isEmpty();
        // What the answer says as a whole (throttle, free marker...) only matters without data.
        WhoisVocabulary.Reply reply = hasData ? WhoisVocabulary.Reply.NONE : WhoisVocabulary.replyOf(fields.lines());
        if (!hasData && reply == WhoisVocabulary.Reply.THROTTLED) {
            return Registration.unknown(domain, Source.WHOIS, server, RegistrationState.THROTTLED,
                    "rate limited: " + WhoisVocabulary.replyLine(fields.lines(), reply));
        }
        if (!hasData && reply == WhoisVocabulary.Reply.UNAVAILABLE) {
            return Registration.unknown(domain, Source.WHOIS, server, RegistrationState.UNKNOWN,
                    "service unavailable: " + WhoisVocabulary.replyLine(fields.lines(), reply));
        }
        RegistrationState implied = StatusVocabulary.stateOf(status);
        RegistrationState state;
        if (implied == RegistrationState.INVALID || implied == RegistrationState.RESERVED) {
            state = implied;
        } else if (!hasData && (implied == RegistrationState.AVAILABLE || implied == null && reply == WhoisVocabulary.Reply.FREE)) {
            state = RegistrationState.AVAILABLE;
        } else if (!hasData && implied == null && reply == WhoisVocabulary.Reply.RESERVED) {
            state = RegistrationState.RESERVED;
        } else if (!hasData && implied == null && reply == WhoisVocabulary.Reply.INVALID) {
            state = RegistrationState.INVALID;
        } else if (implied != null && implied != RegistrationState.AVAILABLE) {
            state = implied;
        } else if (hasData || !status.isEmpty() || updated != null) {
            state = RegistrationState.REGISTERED;
        } else {
            return Registration.unknown(domain, Source.WHOIS, server, RegistrationState.UNKNOWN,
                    "no registration data or known marker in the WHOIS response");
        }
        if (state == RegistrationState.AVAILABLE) {
            return new Registration(domain, Source.WHOIS, server, state, status, null, null, null, null, null, List.of(), null, null);
        }
        boolean ending = state == RegistrationState.QUARANTINE || state == RegistrationState.REDEMPTION
                || state == RegistrationState.PENDING_DELETE;
        return new Registration(domain, Source.WHOIS, server, state, status, created, updated, expires,
                ending ? releases : null, registrar, nameservers, dnssec, null, handle);
    }

    /** A registry id such as {@code 2138514_DOMAIN_COM-VRSN}; placeholders and prose are not ids. */
    private static String handle(String value) {
        if (value == null) {
            return null;
        }
        String id = value.strip();
        return id.isEmpty() || id.contains(" ") || WhoisVocabulary.isPlaceholder(id) ? null : id;
    }

    /** The first date under a known alias, else under any key that names such a date. */
    private static Instant date(WhoisFields fields, List<String> aliases, Pattern words) {
        Instant known = date(fields.all(aliases));
        return known != null ? known : date(fields.allWhere(words, WhoisVocabulary.NOT_DOMAIN_DATE));
    }

    private static Instant date(List<String> values) {
        for (String value : values) {
            Instant parsed = RegistryDates.parse(value);
            if (parsed != null) {
                return parsed;
            }
        }
        return null;
    }

    private static String domainOf(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = HOST.matcher(value.strip());
        return m.lookingAt() ? RdapParser.hostName(m.group()) : null;
    }

    private static String registrar(String value) {
        if (value == null) {
            return null;
        }
        String name = REGISTRAR_DECORATION.matcher(value).replaceAll("").strip();
        return name.isEmpty() || WhoisVocabulary.isPlaceholder(name) ? null : name;
    }

    /** Host names from values such as {@code ns1.example.nl 192.0.2.1} or {@code NS1.EXAMPLE.NL.}. */
    private static List<String> nameservers(List<String> values, String domain) {
        List<String> hosts = new ArrayList<>();
        for (String value : values) {
            Matcher record = NS_RECORD.matcher(value);
            String listed = record.find() ? record.group(1) : value;
            for (String part : listed.split("[,;]")) {
                // "ns1.example.nl 192.0.2.1", "NS1.EXAMPLE.COM   NS2.EXAMPLE.COM", "...ns1.example.com."
                for (String token : part.strip().split("\\s+")) {
                    String host = RdapParser.hostName(token.replaceAll("^[.(\\[]+|[)\\]]+$", ""));
                    if (host != null && HOST.matcher(host).matches() && !host.matches("[0-9.]+")
                            && !WhoisVocabulary.isPlaceholder(host) && !host.equals(domain) && !hosts.contains(host)) {
                        hosts.add(host);
                    }
                }
            }
        }
        return hosts;
    }

    private static List<String> status(List<String> values) {
        List<String> words = new ArrayList<>();
        for (String value : values) {
            String normalized = StatusVocabulary.normalize(value);
            if (!normalized.isEmpty() && !words.contains(normalized)) {
                words.add(normalized);
            }
        }
        return words;
    }

    private static Boolean dnssec(String value) {
        if (value == null) {
            return null;
        }
        String v = value.toLowerCase(Locale.ROOT);
        // "unsigned", "no", "N" (SWITCH), "inactive"; "signedDelegation", "yes", "Y", "active".
        if (v.startsWith("unsigned") || v.startsWith("no") || v.equals("n") || v.startsWith("inactive") || v.startsWith("false")) {
            return false;
        }
        if (v.startsWith("signed") || v.startsWith("yes") || v.equals("y") || v.startsWith("active") || v.startsWith("true")) {
            return true;
        }
        return null;
    }
}
