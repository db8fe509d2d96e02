package org.lapsewatch.registration;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;

/**
 * Asks the registries about one domain. Never throws for a registry's failure: a timeout, rate
 * limit or unreadable answer comes back as a Registration in state unknown or throttled with
 * the reason.
 */
@FunctionalInterface
public interface RegistrationLookup {
    Registration lookup(DomainName domain);

    /**
     * The answer with the registry's own words, kept as evidence. Lookups that cannot give the
     * words (fakes, wrappers) answer without them.
     */
    default Answer ask(DomainName domain) {
        return new Answer(lookup(domain), null);
    }

    /**
     * A normalized answer and the response body it was read from.
     *
     * @param raw the RDAP JSON or WHOIS text as received (a WHOIS referral: each server's answer
     *            under a {@code % Lapsewatch: answer from HOST} line), at most {@link #MAX_RAW_CHARS}
     *            characters; null when no body came (timeout, refused, rate limit before asking)
     */
    record Answer(Registration registration, String raw) {
        /** Bodies are capped well above any real registry answer, so a hostile server cannot fill the database. */
        public static final int MAX_RAW_CHARS = 256 * 1024;

        public Answer {
            if (registration == null) {
                throw new IllegalArgumentException("registration is required");
            }
            if (raw != null && raw.isEmpty()) {
                raw = null;
            } else if (raw != null && raw.length() > MAX_RAW_CHARS) {
                raw = raw.substring(0, MAX_RAW_CHARS) + "\n% Lapsewatch: truncated at " + MAX_RAW_CHARS + " characters\n";
            }
        }
    }
}
