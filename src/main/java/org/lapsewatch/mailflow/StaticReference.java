package org.lapsewatch.mailflow;

import java.util.Objects;

/**
 * An address or URL found in a static source: an alias or map file, a {@code .forward}, a Sieve
 * script, or a configuration/code tree.
 *
 * @param file  the file, as given or found
 * @param line  1-based line number
 * @param value the address, URL or domain as written
 * @param host  the host part it refers to (domain of an address, host of a URL)
 * @param kind  what sort of source and reference it is
 */
public record StaticReference(String file, int line, String value, String host, Kind kind) {
    public enum Kind {
        ALIAS, INCLUDE, VIRTUAL_MAP, CANONICAL_MAP, TRANSPORT_MAP, RECIPIENT_MAP, FORWARD, SIEVE_REDIRECT,
        CONFIG_ADDRESS, CONFIG_URL;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public StaticReference {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(kind, "kind");
    }

    /** {@code file:line kind value}, as shown in reports and kept as a sample. */
    public String describe() {
        return file + ":" + line + " " + kind.wireName() + " " + value;
    }
}
