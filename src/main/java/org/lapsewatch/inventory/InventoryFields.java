package org.lapsewatch.inventory;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The inventory's external field names (CSV columns, YAML keys, JSON keys) and the checks that
 * turn their text into an {@link InventoryEntry}. Import files and {@code domains add} share them,
 * so a value is accepted or refused the same way wherever it comes from.
 */
public final class InventoryFields {
    public static final String NAME = "name";
    public static final String LIFECYCLE = "lifecycle";
    public static final String OWNER_NAME = "owner_name";
    public static final String OWNER_EMAIL = "owner_email";
    public static final String NOTES = "notes";
    public static final String TAGS = "tags";
    public static final String RETIRED_SINCE = "retired_since";
    public static final String REPLACEMENT = "replacement";
    public static final String EXPECTED_REGISTRAR = "expected_registrar";
    public static final String EXPECTED_NAMESERVERS = "expected_nameservers";

    /** Every field, in the order export writes them. */
    public static final List<String> ALL = List.of(NAME, LIFECYCLE, OWNER_NAME, OWNER_EMAIL, NOTES, TAGS,
            RETIRED_SINCE, REPLACEMENT, EXPECTED_REGISTRAR, EXPECTED_NAMESERVERS);

    /** Tags and nameservers may be separated by spaces, commas or semicolons in one text value. */
    private static final Pattern LIST_SEPARATOR = Pattern.compile("[\\s;,]+");
    private static final Pattern TAG = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._:/-]*");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@([^@\\s]+)");

    private InventoryFields() {
    }

    /** A registrable domain; a subdomain is refused with the registrable domain named. */
    public static DomainName domain(String field, String text) {
        String value = required(field, text);
        try {
            return DomainName.parse(value);
        } catch (InvalidDomainException e) {
            throw new FieldException(field, e.getMessage());
        }
    }

    public static Lifecycle lifecycle(String field, String text) {
        try {
            return Lifecycle.parse(required(field, text));
        } catch (IllegalArgumentException e) {
            throw new FieldException(field, e.getMessage());
        }
    }

    /** An ISO date ({@code 2015-01-01}), or null for a blank value. */
    public static LocalDate date(String field, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new FieldException(field, "'" + value + "' is not a date (write YYYY-MM-DD)");
        }
    }

    /** An e-mail address whose domain part is a valid host name, or null for a blank value. */
    public static String email(String field, String text) {
        String value = blankToNull(text);
        if (value == null) {
            return null;
        }
        var m = EMAIL.matcher(value);
        if (!m.matches()) {
            throw new FieldException(field, "'" + value + "' is not an e-mail address");
        }
        try {
            String host = DomainName.toAscii(m.group(1));
            if (!host.contains(".")) {
                throw new FieldException(field, "'" + value + "' is not an e-mail address (no domain after @)");
            }
        } catch (InvalidDomainException e) {
            throw new FieldException(field, "'" + value + "' is not an e-mail address: " + e.getMessage());
        }
        return value;
    }

    public static List<String> tags(String field, List<String> values) {
        List<String> tags = split(values);
        for (String tag : tags) {
            if (!TAG.matcher(tag).matches()) {
                throw new FieldException(field, "'" + tag + "' is not a tag (letters, digits and . _ : / - only)");
            }
        }
        return tags;
    }

    /** Host names, normalized to lower-case A-labels without trailing dot. */
    public static List<String> hostNames(String field, List<String> values) {
        List<String> hosts = new ArrayList<>();
        for (String host : split(values)) {
            try {
                hosts.add(DomainName.toAscii(host));
            } catch (InvalidDomainException e) {
                throw new FieldException(field, e.getMessage());
            }
        }
        return hosts;
    }

    /** Free text, stripped, or null when blank; longer than {@code max} characters is refused. */
    public static String text(String field, String text, int max) {
        String value = blankToNull(text);
        if (value != null && value.length() > max) {
            throw new FieldException(field, "is " + value.length() + " characters long; at most " + max + " fit");
        }
        return value;
    }

    /** The store's column sizes (V1__inventory.sql), checked here so that a long value gets a message, not a database error. */
    private static final int SHORT_TEXT = 200;
    private static final int EMAIL_LENGTH = 320;
    private static final int LIST_LENGTH = 2000;
    private static final int NOTES_LENGTH = 100_000;

    private static void requireListFits(String field, List<String> values) {
        int length = String.join(" ", values).length();
        if (length > LIST_LENGTH) {
            throw new FieldException(field, "holds " + length + " characters; at most " + LIST_LENGTH + " fit");
        }
    }

    /**
     * Builds an entry from raw field values. Every value is a list of texts: one text for plain
     * fields; tags and nameservers may come as several texts or as one separated text.
     *
     * @throws FieldException for the first field that cannot be used, or an unknown field
     */
    public static InventoryEntry entry(Map<String, List<String>> raw) {
        for (String key : raw.keySet()) {
            if (!ALL.contains(key)) {
                throw new FieldException(key, "unknown field (known: " + String.join(", ", ALL) + ")");
            }
        }
        DomainName name = domain(NAME, single(raw, NAME));
        String lifecycleText = blankToNull(single(raw, LIFECYCLE));
        Lifecycle lifecycle = lifecycleText == null ? Lifecycle.ACTIVE : lifecycle(LIFECYCLE, lifecycleText);
        String ownerName = text(OWNER_NAME, single(raw, OWNER_NAME), SHORT_TEXT);
        String ownerEmail = text(OWNER_EMAIL, email(OWNER_EMAIL, single(raw, OWNER_EMAIL)), EMAIL_LENGTH);
        String notes = text(NOTES, single(raw, NOTES), NOTES_LENGTH);
        List<String> tags = tags(TAGS, raw.getOrDefault(TAGS, List.of()));
        requireListFits(TAGS, tags);
        LocalDate retiredSince = date(RETIRED_SINCE, single(raw, RETIRED_SINCE));
        String replacementText = blankToNull(single(raw, REPLACEMENT));
        DomainName replacement = replacementText == null ? null : domain(REPLACEMENT, replacementText);
        if (name.equals(replacement)) {
            throw new FieldException(REPLACEMENT, "a domain cannot replace itself");
        }
        String registrar = text(EXPECTED_REGISTRAR, single(raw, EXPECTED_REGISTRAR), SHORT_TEXT);
        List<String> nameservers = hostNames(EXPECTED_NAMESERVERS, raw.getOrDefault(EXPECTED_NAMESERVERS, List.of()));
        requireListFits(EXPECTED_NAMESERVERS, nameservers);
        return new InventoryEntry(name, lifecycle, ownerName, ownerEmail, notes, tags, retiredSince, replacement,
                registrar, nameservers);
    }

    /**
     * The entry's fields as plain values (strings and lists of strings), in {@link #ALL} order,
     * without empty ones; export and {@code --json} write this.
     */
    public static Map<String, Object> values(InventoryEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(NAME, e.name().ascii());
        m.put(LIFECYCLE, e.lifecycle().wireName());
        putIfPresent(m, OWNER_NAME, e.ownerName());
        putIfPresent(m, OWNER_EMAIL, e.ownerEmail());
        putIfPresent(m, NOTES, e.notes());
        if (!e.tags().isEmpty()) {
            m.put(TAGS, e.tags());
        }
        putIfPresent(m, RETIRED_SINCE, e.retiredSince() == null ? null : e.retiredSince().toString());
        putIfPresent(m, REPLACEMENT, e.replacement() == null ? null : e.replacement().ascii());
        putIfPresent(m, EXPECTED_REGISTRAR, e.expectedRegistrar());
        if (!e.expectedNameservers().isEmpty()) {
            m.put(EXPECTED_NAMESERVERS, e.expectedNameservers());
        }
        return m;
    }

    private static void putIfPresent(Map<String, Object> m, String key, String value) {
        if (value != null) {
            m.put(key, value);
        }
    }

    private static String single(Map<String, List<String>> raw, String field) {
        List<String> values = raw.get(field);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new FieldException(field, "expected one value, got a list");
        }
        return values.get(0);
    }

    private static List<String> split(List<String> values) {
        return values.stream()
                .filter(v -> v != null)
                .flatMap(v -> Arrays.stream(LIST_SEPARATOR.split(v.strip())))
                .filter(v -> !v.isEmpty())
                .toList();
    }

    private static String required(String field, String text) {
        String value = blankToNull(text);
        if (value == null) {
            throw new FieldException(field, "is required");
        }
        return value;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
