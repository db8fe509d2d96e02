package org.lapsewatch.registration;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The key-value pairs of a WHOIS answer, whatever its layout: {@code Key: value} lines (dots or
 * padding before the colon allowed), JPRS {@code [Key] value} lines, and sections — a header
 * ({@code Registrar:} with no value, or a bare {@code Registrar} followed by indented lines)
 * whose lines become {@code registrar/name} pairs or plain values of {@code registrar}. Keys
 * are lower case with {@code -} and {@code _} read as spaces. Order is kept; nothing is
 * required.
 */
final class WhoisFields {
    /**
     * One value: {@code key} is the normalized key, with its section as {@code section/key};
     * {@code leaf} is the key without its section; {@code inContact} says the section is a
     * contact's or registrar's block, whose leaves do not stand for the domain's own fields.
     */
    record Field(String key, String value, String leaf, boolean inContact) {
        static Field of(String key, String value) {
            int slash = key.lastIndexOf('/');
            return slash < 0 ? new Field(key, value, key, false)
                    : new Field(key, value, key.substring(slash + 1), isContactSection(key.substring(0, slash)));
        }
    }

    private static final Pattern BRACKET = Pattern.compile("^(?:[a-z]\\.?\\s*)?\\[([^\\]]{1,60})\\]\\s*(.*)$");
    /** {@code Domain-name         example.sk}: a one-word key, then two or more spaces. */
    private static final Pattern SPACED = Pattern.compile("^([\\p{L}][\\p{L}\\p{N}_.\\-]{1,30}[\\p{L}\\p{N}])(?:\\s{3,})(\\S.*)$");
    /** {@code Record expires on 2011-11-09}: a short phrase ending in "on", then a date. */
    private static final Pattern ON_PHRASE = Pattern.compile("^((?:\\p{L}+ ){1,4}on)\\s+(\\S.*\\d{4}.*)$");
    private static final Pattern PARENTHESES = Pattern.compile("\\([^)]*\\)");
    private static final Pattern DOTTED = Pattern.compile("\\p{Alnum}\\.\\p{L}{2,}\\b.*\\s|\\d\\.\\d");
    private static final Pattern HOST_LIKE = Pattern.compile(".*\\.\\p{L}{2,}");
    private static final Pattern NUMBERED = Pattern.compile("\\s+\\d{1,2}$");
    private static final Set<String> BLOCK_KEYS = Set.of("name", "org", "organization",
            "organisation", "url", "www", "website", "email", "e mail", "phone", "fax", "handle", "id", "type",
            "address", "street", "city", "country", "postal code");
    private static final Pattern KEY = Pattern.compile("^([\\p{L}][\\p{L}\\p{N} _\\-./'()&]{0,60}?)[\\s.]*:(?!//)\\s*(.*)$");
    private static final Pattern DIACRITICS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");
    private static final Pattern COMMENT = Pattern.compile("^(?:%+|#+|>>>|;+)\\s*");
    private static final Pattern DECORATION = Pattern.compile("^\\*+\\s*");

    private final List<Field> fields;
    private final List<String> lines;

    private WhoisFields(List<Field> fields, List<String> lines) {
        this.fields = fields;
        this.lines = lines;
    }

    static WhoisFields read(String text) {
        List<String> lines = List.of(text.split("\\r?\\n|\\r", -1));
        List<Field> fields = new ArrayList<>();
        String section = null;
        int sectionIndent = 0;
        boolean colonHeader = false;
        String lastKey = null;
        int lastIndent = 0;
        boolean sectionEmpty = false;
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).replace("\t", "    ");
            String content = raw.strip();
            // ">>> Last update of WHOIS database: ... <<<" is about the server, like a comment.
            if (content.isEmpty() || COMMENT.matcher(content).lookingAt()) {
                // A header such as "Name Servers Information:" may be followed by one blank line.
                if (!(content.isEmpty() && section != null && sectionEmpty)) {
                    section = null;
                }
                lastKey = null;
                continue;
            }
            content = DECORATION.matcher(content).replaceAll("").strip();
            if (content.isEmpty()) {
                continue;
            }
            int indent = indentOf(raw);
            String[] kv = keyValue(content, section == null);
            if (section != null && (indent > sectionIndent || colonHeader && (kv == null || joinsFlushSection(section, kv[0])))) {
                sectionEmpty = false;
                if (kv != null) {
                    fields.add(Field.of(section + "/" + kv[0], kv[1]));
                } else {
                    fields.add(Field.of(section, content));
                }
                continue;
            }
            section = null;
            if (kv == null && lastKey != null && indent > lastIndent) {
                // A continuation line: "nameservers:  ns1.example.pl." then "               ns2.example.pl."
                fields.add(Field.of(lastKey, content));
                continue;
            }
            lastKey = null;
            if (kv != null && !kv[1].isEmpty()) {
                fields.add(Field.of(kv[0], kv[1]));
                lastKey = kv[0];
                lastIndent = indent;
            } else if (kv != null) {
                section = kv[0];
                sectionIndent = indent;
                colonHeader = true;
                sectionEmpty = true;
            } else if (content.length() <= 40 && nextIsIndentedDeeper(lines, i, indent)) {
                section = normalizeKey(content);
                sectionIndent = indent;
                colonHeader = false;
                sectionEmpty = true;
            }
        }
        return new WhoisFields(fields, lines);
    }

    List<String> lines() {
        return lines;
    }

    /**
     * The first value for the first alias that has one: aliases are in order of preference. An
     * alias matches a key exactly, or the leaf of a key in a section that is not a contact's.
     */
    String first(List<String> aliases) {
        for (String alias : aliases) {
            for (Field f : fields) {
                if (matches(f, alias) && !f.value().isBlank()) {
                    return f.value().strip();
                }
            }
        }
        return null;
    }

    /** Every value of any of the aliases, in document order. */
    List<String> all(List<String> aliases) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            for (String alias : aliases) {
                if (matches(f, alias)) {
                    values.add(f.value().strip());
                    break;
                }
            }
        }
        return values;
    }

    /**
     * Every value whose key (or, inside a section that is not a contact's, whose leaf) contains
     * {@code words} and not {@code excluded}, in document order.
     */
    List<String> allWhere(Pattern words, Pattern excluded) {
        List<String> values = new ArrayList<>();
        for (Field f : fields) {
            if (!f.inContact() && words.matcher(f.leaf()).find() && !excluded.matcher(f.leaf()).find()) {
                values.add(f.value().strip());
            }
        }
        return values;
    }

    private static boolean matches(Field f, String alias) {
        if (f.key().equals(alias)) {
            return true;
        }
        // A leaf inside a non-contact section ("relevant dates/registered on") stands for itself.
        return f.key().indexOf('/') >= 0 && !f.inContact() && f.leaf().equals(alias) && alias.indexOf('/') < 0;
    }

    private static boolean isContactSection(String section) {
        return section.contains("registrant") || section.contains("admin") || section.contains("tech")
                || section.contains("contact") || section.contains("billing") || section.contains("owner")
                || section.contains("holder") || section.contains("registrar") || section.contains("reseller")
                || section.contains("domicile") || section.contains("abuse");
    }

    /**
     * True when a {@code key: value} line at the header's own indent still belongs to it, as in
     * {@code Registrar:} followed by flush {@code name: Example OÜ}: only for a contact's or
     * registrar's section and only for the keys such a block has.
     */
    private static boolean joinsFlushSection(String section, String key) {
        return isContactSection(section) && BLOCK_KEYS.contains(key);
    }

    private static String[] keyValue(String content, boolean topLevel) {
        Matcher b = BRACKET.matcher(content);
        if (b.matches()) {
            return new String[]{normalizeKey(b.group(1)), b.group(2).strip()};
        }
        Matcher m = KEY.matcher(content);
        if (m.matches()) {
            String key = normalizeKey(m.group(1));
            // "ns2.example.net  192.0.2.2  2001:db8::2" is a value with an IPv6 address, not a key.
            if (!key.isEmpty() && key.split(" ").length <= 8 && !DOTTED.matcher(m.group(1)).find()) {
                return new String[]{key, m.group(2).strip()};
            }
        }
        Matcher phrase = ON_PHRASE.matcher(content);
        if (topLevel && phrase.matches()) {
            return new String[]{normalizeKey(phrase.group(1)), phrase.group(2).strip()};
        }
        Matcher spaced = SPACED.matcher(content);
        if (topLevel && spaced.matches() && !HOST_LIKE.matcher(spaced.group(1)).matches()) {
            return new String[]{normalizeKey(spaced.group(1)), spaced.group(2).strip()};
        }
        return null;
    }

    static String normalizeKey(String key) {
        String k = key.strip();
        while (k.endsWith(".") || k.endsWith(":")) {
            k = k.substring(0, k.length() - 1);
        }
        k = DIACRITICS.matcher(Normalizer.normalize(k, Normalizer.Form.NFD)).replaceAll("");
        k = PARENTHESES.matcher(k).replaceAll(" ").replace('/', ' ');
        k = SEPARATORS.matcher(k.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        // "Name Server 1", "ns_name_01": numbered repeats of one key.
        return NUMBERED.matcher(k).replaceAll("");
    }

    private static boolean nextIsIndentedDeeper(List<String> lines, int i, int indent) {
        for (int j = i + 1; j < lines.size(); j++) {
            String next = lines.get(j).replace("\t", "    ");
            if (!next.isBlank()) {
                return indentOf(next) > indent;
            }
            return false;
        }
        return false;
    }

    private static int indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
