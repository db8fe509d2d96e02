package org.lapsewatch.registration;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
    /** One value: {@code key} is the normalized key, with its section as {@code section/key}. */
    record Field(String key, String value) {
        /** The key without its section. */
        String leaf() {
            int slash = key.lastIndexOf('/');
            return slash < 0 ? key : key.substring(slash + 1);
        }

        String section() {
            int slash = key.lastIndexOf('/');
            return slash < 0 ? "" : key.substring(0, slash);
        }
    }

    private static final Pattern BRACKET = Pattern.compile("^(?:[a-z]\\.\\s*)?\\[([^\\]]{1,60})\\]\\s*(.*)$");
    private static final Pattern KEY = Pattern.compile("^([\\p{L}][\\p{L}\\p{N} _\\-./'()&]{0,60}?)[\\s.]*:(?!//)\\s*(.*)$");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");
    private static final Pattern COMMENT = Pattern.compile("^(?:%+|#+|>>>|;+)\\s*");

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
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i).replace("\t", "    ");
            String content = raw.strip();
            if (content.isEmpty() || COMMENT.matcher(content).lookingAt() && !content.startsWith(">>>")) {
                section = null;
                continue;
            }
            content = content.replace("<<<", "").replace(">>>", "").strip();
            int indent = indentOf(raw);
            String[] kv = keyValue(content);
            if (section != null && (indent > sectionIndent || colonHeader && kv == null)) {
                if (kv != null) {
                    fields.add(new Field(section + "/" + kv[0], kv[1]));
                } else {
                    fields.add(new Field(section, content));
                }
                continue;
            }
            section = null;
            if (kv != null && !kv[1].isEmpty()) {
                fields.add(new Field(kv[0], kv[1]));
            } else if (kv != null) {
                section = kv[0];
                sectionIndent = indent;
                colonHeader = true;
            } else if (content.length() <= 40 && nextIsIndentedDeeper(lines, i, indent)) {
                section = normalizeKey(content);
                sectionIndent = indent;
                colonHeader = false;
            }
        }
        return new WhoisFields(fields, lines);
    }

    List<Field> fields() {
        return fields;
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

    private static boolean matches(Field f, String alias) {
        if (f.key().equals(alias)) {
            return true;
        }
        if (alias.indexOf('/') >= 0 || f.key().indexOf('/') < 0) {
            return false;
        }
        String section = f.section();
        return f.leaf().equals(alias) && !isContactSection(section);
    }

    private static boolean isContactSection(String section) {
        return section.contains("registrant") || section.contains("admin") || section.contains("tech")
                || section.contains("contact") || section.contains("billing") || section.contains("owner")
                || section.contains("holder") || section.contains("registrar") || section.contains("reseller")
                || section.contains("domicile") || section.contains("abuse");
    }

    private static String[] keyValue(String content) {
        Matcher b = BRACKET.matcher(content);
        if (b.matches()) {
            return new String[]{normalizeKey(b.group(1)), b.group(2).strip()};
        }
        Matcher m = KEY.matcher(content);
        if (m.matches()) {
            String key = normalizeKey(m.group(1));
            if (!key.isEmpty() && key.split(" ").length <= 8) {
                return new String[]{key, m.group(2).strip()};
            }
        }
        return null;
    }

    static String normalizeKey(String key) {
        String k = key.strip();
        while (k.endsWith(".") || k.endsWith(":")) {
            k = k.substring(0, k.length() - 1);
        }
        return SEPARATORS.matcher(k.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
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
