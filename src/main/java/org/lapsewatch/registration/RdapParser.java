package org.lapsewatch.registration;

import org.lapsewatch.model.Registration;

/** Turns an RDAP domain object (RFC 9083) into the normalized Registration. Pure: no I/O. */
public final class RdapParser {
    private RdapParser() {
    }

    /**
     * @param json   the response body
     * @param server the host that answered (kept in the result)
     * @return the normalized registration; state unknown with a reason when the text is not a
     *         readable domain object. Never throws.
     */
    public static Registration parse(String json, String server) {
        throw new UnsupportedOperationException("RDAP parsing lands with the registration-parsers branch");
    }
}
