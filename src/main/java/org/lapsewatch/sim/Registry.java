package org.lapsewatch.sim;

import java.time.Duration;

/**
 * One TLD's registry in a scenario: whether it has RDAP, which WHOIS dialect it speaks, and the
 * lifecycle a lapsed name goes through.
 */
record Registry(String tld, boolean rdap, WhoisStyle whois, LapseRules lapse) {

    /** The WHOIS text format a registry answers in; {@code NONE} means no port-43 service. */
    enum WhoisStyle { NL, GTLD, BE, NONE }

    /**
     * What happens after a name is cancelled or expires. Quarantine registries (.nl, .be, .eu)
     * hold a cancelled name for {@code quarantine}; gTLD registries auto-renew on expiry and
     * give {@code autoRenewGrace}, then {@code redemption}, then {@code pendingDelete}.
     */
    record LapseRules(boolean quarantineStyle, Duration quarantine, Duration autoRenewGrace, Duration redemption,
                      Duration pendingDelete) {
    }
}
