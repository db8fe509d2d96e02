package org.lapsewatch.sim;

import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

import java.util.Locale;

/** Conversions between host-name text (no trailing dot) and dnsjava {@link Name}s. */
final class Names {
    private Names() {
    }

    static Name absolute(String host) {
        String h = host.endsWith(".") ? host : host + ".";
        try {
            return Name.fromString(h.toLowerCase(Locale.ROOT));
        } catch (TextParseException e) {
            throw new IllegalArgumentException("not a host name: " + host, e);
        }
    }

    /** Lower case, without the trailing dot; the root is the empty string. */
    static String host(Name name) {
        String text = name.toString(true).toLowerCase(Locale.ROOT);
        return text.equals("@") ? "" : text;
    }

    /** The registrable part (last two labels) of a name under {@code tld}, or null for the TLD itself. */
    static String domainUnderTld(Name name) {
        int labels = name.labels() - 1; // without the root label
        if (labels < 2) {
            return null;
        }
        return host(new Name(name, labels - 2));
    }

    static String tldOf(Name name) {
        int labels = name.labels() - 1;
        return labels < 1 ? null : host(new Name(name, labels - 1));
    }
}
