package org.lapsewatch.registration;

import org.lapsewatch.model.Registration;

/** Turns a port-43 WHOIS answer into the normalized Registration. Pure: no I/O. */
public final class WhoisParser {
    private WhoisParser() {
    }

    /**
     * @param text   the decoded response
     * @param server the WHOIS server that answered; selects the registry's dialect
     * @param domain the domain asked about, or null to take it from the text
     * @return the normalized registration; throttled for a rate-limit reply, unknown with a
     *         reason when nothing can be read. Never throws.
     */
    public static Registration parse(String text, String server, String domain) {
        throw new UnsupportedOperationException("WHOIS parsing lands with the registration-parsers branch");
    }
}
