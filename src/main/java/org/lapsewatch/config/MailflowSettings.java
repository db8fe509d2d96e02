package org.lapsewatch.config;

import java.util.List;

/**
 * {@code mailflow:} — which mail logs {@code serve} follows and what it keeps.
 *
 * @param logs            log files to follow in {@code serve}. Default: none.
 * @param sampleAddresses sample recipient addresses kept per domain. Default: 5.
 * @param hashLocalParts  keep only a hash of each sample's local part. Default: false.
 */
public record MailflowSettings(List<String> logs, Integer sampleAddresses, Boolean hashLocalParts) {
    public MailflowSettings {
        logs = logs == null ? List.of() : List.copyOf(logs);
        sampleAddresses = sampleAddresses == null ? 5 : sampleAddresses;
        hashLocalParts = hashLocalParts != null && hashLocalParts;
        Settings.requireAtLeast("sampleAddresses", sampleAddresses, 0);
    }

    public static MailflowSettings defaults() {
        return new MailflowSettings(null, null, null);
    }
}
