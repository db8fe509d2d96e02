package org.lapsewatch.config;

import java.time.Duration;
import java.util.List;

/**
 * {@code watch:} — when domains are checked and what counts as close.
 *
 * @param expiryWarningDays days before expiry at which findings are raised. Default: 60, 30, 14, 7.
 * @param quietInterval     check interval for a quiet domain. Default: 1d.
 * @param nearInterval      within 14 days of a deadline or in any grace/quarantine state. Default: 1h.
 * @param unknownAlertAfter unknown for this long becomes a finding. Default: 3d.
 */
public record WatchSettings(List<Integer> expiryWarningDays, Duration quietInterval, Duration nearInterval,
                            Duration unknownAlertAfter) {
    public WatchSettings {
        expiryWarningDays = expiryWarningDays == null ? List.of(60, 30, 14, 7) : List.copyOf(expiryWarningDays);
        quietInterval = quietInterval == null ? Duration.ofDays(1) : quietInterval;
        nearInterval = nearInterval == null ? Duration.ofHours(1) : nearInterval;
        unknownAlertAfter = unknownAlertAfter == null ? Duration.ofDays(3) : unknownAlertAfter;
        for (int d : expiryWarningDays) {
            Settings.requireAtLeast("expiryWarningDays", d, 1);
        }
        Settings.requirePositive("quietInterval", quietInterval);
        Settings.requirePositive("nearInterval", nearInterval);
        Settings.requirePositive("unknownAlertAfter", unknownAlertAfter);
    }

    public static WatchSettings defaults() {
        return new WatchSettings(null, null, null, null);
    }
}
