package org.lapsewatch.rules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A DMARC record (RFC 7489 §6.3) as its tags, with the report addresses that matter to residual
 * trust: aggregate ({@code rua}) and failure ({@code ruf}) reports go wherever these point.
 *
 * @param tags tag name (lower case) to value, in order
 */
public record DmarcRecord(Map<String, String> tags) {

    public DmarcRecord {
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** Picks the DMARC record out of {@code _dmarc} TXT strings: exactly one starting with {@code v=DMARC1}. */
    public static Optional<DmarcRecord> select(List<String> txt) {
        List<String> records = txt.stream().filter(t -> t.strip().toLowerCase(Locale.ROOT).startsWith("v=dmarc1")).toList();
        return records.size() == 1 ? Optional.of(parse(records.getFirst())) : Optional.empty();
    }

    /** Parses {@code v=DMARC1; p=reject; rua=mailto:a@b.example}; tags without {@code =} are ignored. */
    public static DmarcRecord parse(String text) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (String part : text.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), part.substring(eq + 1).strip());
            }
        }
        return new DmarcRecord(tags);
    }

    /** The policy ({@code p=}), lower case, or empty. */
    public String policy() {
        return tags.getOrDefault("p", "").toLowerCase(Locale.ROOT);
    }

    /** Domains of the {@code mailto:} addresses in {@code rua} (tag "rua") or {@code ruf}; size limits ({@code !10m}) dropped. */
    public List<String> reportDomains(String tag) {
        List<String> domains = new ArrayList<>();
        String value = tags.get(tag);
        if (value == null) {
            return domains;
        }
        for (String uri : value.split(",")) {
            String u = uri.strip();
            int bang = u.indexOf('!');
            if (bang >= 0) {
                u = u.substring(0, bang);
            }
            if (u.toLowerCase(Locale.ROOT).startsWith("mailto:")) {
                int at = u.lastIndexOf('@');
                if (at > 0 && at < u.length() - 1) {
                    domains.add(u.substring(at + 1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return domains;
    }
}
