package org.lapsewatch.rules;

import org.lapsewatch.model.DomainName;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The table of registry policies: the built-in one ({@code tld-policies.txt}, shipped with the
 * code) with the operator's additions on top. TLDs not in the table get the gTLD default.
 */
public final class TldPolicies {
    private static final String RESOURCE = "tld-policies.txt";
    private final Map<String, TldPolicy> byTld;

    private TldPolicies(Map<String, TldPolicy> byTld) {
        this.byTld = Map.copyOf(byTld);
        Objects.requireNonNull(byTld.get("*"), "the table needs a '*' (gTLD default) line");
    }

    /** The built-in table. */
    public static TldPolicies builtIn() {
        return builtIn(Map.of());
    }

    /**
     * The built-in table with additions and replacements, each given as
     * {@code expiry-public grace redemption pending-delete quarantine release-window}.
     */
    public static TldPolicies builtIn(Map<String, String> overrides) {
        Map<String, TldPolicy> table = new HashMap<>();
        try (var in = TldPolicies.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in TLD policy table " + RESOURCE + " is missing from the build");
            }
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")) {
                    continue;
                }
                String[] split = text.split("\\s+", 2);
                table.put(split[0], TldPolicy.parse(split[0], split[1]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        overrides.forEach((tld, spec) -> {
            String key = tld.strip().toLowerCase(Locale.ROOT);
            key = key.startsWith(".") ? key.substring(1) : key;
            table.put(key, TldPolicy.parse(key, spec));
        });
        return new TldPolicies(table);
    }

    /** The policy for a domain: its public suffix if listed (e.g. co.uk), else its TLD, else the gTLD default. */
    public TldPolicy policyFor(DomainName domain) {
        TldPolicy bySuffix = byTld.get(domain.suffix());
        if (bySuffix != null) {
            return bySuffix;
        }
        return byTld.getOrDefault(domain.tld(), byTld.get("*"));
    }
}
