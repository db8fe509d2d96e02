package org.lapsewatch.rules;

import java.util.List;
import java.util.Objects;

/**
 * What one DNS question returned, reduced to what the pure rules need: the values found, a void
 * answer (NXDOMAIN or no data, which RFC 7208 counts as a void lookup), or a failure that says
 * nothing about existence.
 */
public sealed interface LookupResult {

    /** Values of the answer, as presentation text (TXT strings joined, host names without trailing dot). */
    record Found(List<String> values) implements LookupResult {
        public Found {
            values = List.copyOf(values);
        }
    }

    /** The name does not exist ({@code nxdomain}) or has no record of the asked type. */
    record Void(boolean nxdomain) implements LookupResult {
    }

    /** SERVFAIL, REFUSED, a timeout: existence is not known. */
    record Failed(String reason) implements LookupResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
