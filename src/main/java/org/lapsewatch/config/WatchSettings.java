package org.lapsewatch.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code watch:} — when domains are checked and what counts as close.
 *
 * @param expiryWarningDays days before expiry at which findings are raised; the smallest window
 *                          is the most severe. Default: 60, 30, 14, 7.
 * @param quietInterval     check interval for a quiet domain. Default: 1d.
 * @param nearInterval      within 14 days of a deadline or in any grace/quarantine state. Default: 1h.
 * @param unknownAlertAfter unknown for this long becomes a finding. Default: 3d.
 * @param releaseInterval   check interval in the hour around a published release time. Default: 5m.
 * @param unknownRetry      first retry after an unknown or throttled answer; doubles with each
 *                          further unknown, up to {@code quietInterval}. Default: 10m.
 * @param workers           checks running at once (each registry server's own rate limit still
 *                          applies). Default: 4.
 * @param shutdownGrace     on shutdown, how long running checks may take to finish and be
 *                          stored. Default: 30s.
 * @param tldPolicies       registry policies for TLDs the built-in table does not know, or to
 *                          replace its lines: TLD → {@code "expiry-public grace redemption
 *                          pending-delete quarantine release-window"}, e.g.
 *                          {@code xyz: "yes 45d 30d 5d 0d 0m"}. Default: none.
 */
public record WatchSettings(List<Integer> expiryWarningDays, Duration quietInterval, Duration nearInterval,
                            Duration unknownAlertAfter, Duration releaseInterval, Duration unknownRetry,
                            Integer workers, Duration shutdownGrace, Map<String, String> tldPolicies) {
    public WatchSettings {
        expiryWarningDays = expiryWarningDays == null ? List.of(60, 30, 14, 7) : List.copyOf(expiryWarningDays);
        quietInterval = quietInterval == null ? Duration.ofDays(1) : quietInterval;
        nearInterval = nearInterval == null ? Duration.ofHours(1) : nearInterval;
        unknownAlertAfter = unknownAlertAfter == null ? Duration.ofDays(3) : unknownAlertAfter;
        releaseInterval = releaseInterval == null ? Duration.ofMinutes(5) : releaseInterval;
        unknownRetry = unknownRetry == null ? Duration.ofMinutes(10) : unknownRetry;
        workers = workers == null ? 4 : workers;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(30) : shutdownGrace;
        tldPolicies = tldPolicies == null ? Map.of() : Map.copyOf(tldPolicies);
        if (expiryWarningDays.isEmpty()) {
            throw new IllegalArgumentException("expiryWarningDays needs at least one window");
        }
        for (int d : expiryWarningDays) {
            Settings.requireAtLeast("expiryWarningDays", d, 1);
        }
        Settings.requirePositive("quietInterval", quietInterval);
        Settings.requirePositive("nearInterval", nearInterval);
        Settings.requirePositive("unknownAlertAfter", unknownAlertAfter);
        Settings.requirePositive("releaseInterval", releaseInterval);
        Settings.requirePositive("unknownRetry", unknownRetry);
        Settings.requireAtLeast("workers", workers, 1);
        Settings.requirePositive("shutdownGrace", shutdownGrace);
    }

    public static WatchSettings defaults() {
        return new WatchSettings(null, null, null, null, null, null, null, null, null);
    }

    /** The same settings with other registry policies. */
    public WatchSettings withTldPolicies(Map<String, String> newTldPolicies) {
        return new WatchSettings(expiryWarningDays, quietInterval, nearInterval, unknownAlertAfter, releaseInterval, unknownRetry,
                workers, shutdownGrace, newTldPolicies);
    }
}
