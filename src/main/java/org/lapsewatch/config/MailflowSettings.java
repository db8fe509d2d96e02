package org.lapsewatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code mailflow:} — which mail logs {@code serve} follows and what it keeps.
 *
 * @param logs            log files to follow in {@code serve} (rotation is followed). Default: none.
 * @param format          {@code auto}, {@code postfix}, {@code exim} or {@code exchange}. Default: auto.
 * @param sampleAddresses sample recipient addresses kept per domain. Default: 5.
 * @param hashLocalParts  keep only a salted SHA-256 prefix of each local part. Default: false.
 * @param hashSalt        the salt for {@code hashLocalParts}; from an environment variable in
 *                        practice. Default: none, then one is generated once and kept in
 *                        {@code <home>/mailflow-salt}.
 * @param maxOpenMessages messages a log reader tracks at once before dropping the oldest. Default: 100000.
 * @param maxOpenAge      how long (log time) a message may stay open before it is dropped. Default: 7d.
 * @param pollInterval    how often a followed log is checked for new lines and rotation. Default: 1s.
 * @param storeInterval   how often followed exposures are written to the store. Default: 1m.
 */
public record MailflowSettings(List<String> logs, String format, Integer sampleAddresses, Boolean hashLocalParts,
                               String hashSalt, Integer maxOpenMessages, Duration maxOpenAge, Duration pollInterval,
                               Duration storeInterval) {
    public MailflowSettings {
        logs = logs == null ? List.of() : List.copyOf(logs);
        format = format == null ? "auto" : format.strip().toLowerCase(Locale.ROOT);
        sampleAddresses = sampleAddresses == null ? 5 : sampleAddresses;
        hashLocalParts = hashLocalParts != null && hashLocalParts;
        hashSalt = hashSalt == null || hashSalt.isBlank() ? null : hashSalt;
        maxOpenMessages = maxOpenMessages == null ? 100_000 : maxOpenMessages;
        maxOpenAge = maxOpenAge == null ? Duration.ofDays(7) : maxOpenAge;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        storeInterval = storeInterval == null ? Duration.ofMinutes(1) : storeInterval;
        if (!List.of("auto", "postfix", "exim", "exchange").contains(format)) {
            throw new IllegalArgumentException("format must be auto, postfix, exim or exchange, got '" + format + "'");
        }
        Settings.requireAtLeast("sampleAddresses", sampleAddresses, 0);
        Settings.requireAtLeast("maxOpenMessages", maxOpenMessages, 1);
        Settings.requirePositive("maxOpenAge", maxOpenAge);
        Settings.requirePositive("pollInterval", pollInterval);
        Settings.requirePositive("storeInterval", storeInterval);
    }

    public static MailflowSettings defaults() {
        return new MailflowSettings(null, null, null, null, null, null, null, null, null);
    }
}
