package org.lapsewatch.rules;

import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What one registry does after a registration ends (DESIGN.md §8).
 *
 * @param tld            the TLD without dot, or {@code *} for the gTLD default
 * @param expiryPublic   whether the registry publishes the expiry date
 * @param grace          auto-renew (or suspension) grace after the expiry date
 * @param redemption     redemption after deletion: the old holder can still restore it
 * @param pendingDelete  pending delete: nobody can restore it, nobody can register it yet
 * @param quarantine     quarantine after a cancellation (ccTLDs without a public expiry date)
 * @param releaseWindow  how long after a published release time the name is actually freed
 */
public record TldPolicy(String tld, boolean expiryPublic, Duration grace, Duration redemption, Duration pendingDelete,
                        Duration quarantine, Duration releaseWindow) {

    public TldPolicy {
        Objects.requireNonNull(tld, "tld");
        tld = tld.toLowerCase(Locale.ROOT);
        for (Duration d : new Duration[]{grace, redemption, pendingDelete, quarantine, releaseWindow}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("TLD policy for '" + tld + "': durations must be zero or more");
            }
        }
    }

    /** Parses {@code expiry-public grace redemption pending-delete quarantine release-window}, e.g. {@code yes 45d 30d 5d 0d 0m}. */
    public static TldPolicy parse(String tld, String spec) {
        String[] f = spec.strip().split("\\s+");
        if (f.length != 6) {
            throw new IllegalArgumentException("TLD policy for '" + tld + "': expected 'expiry-public grace redemption"
                    + " pending-delete quarantine release-window' (e.g. 'yes 45d 30d 5d 0d 0m'), got '" + spec + "'");
        }
        boolean expiryPublic = switch (f[0].toLowerCase(Locale.ROOT)) {
            case "yes", "true" -> true;
            case "no", "false" -> false;
            default -> throw new IllegalArgumentException("TLD policy for '" + tld + "': expiry-public must be yes or no, got '" + f[0] + "'");
        };
        return new TldPolicy(tld, expiryPublic, duration(tld, f[1]), duration(tld, f[2]), duration(tld, f[3]),
                duration(tld, f[4]), duration(tld, f[5]));
    }

    private static Duration duration(String tld, String text) {
        if (text.length() >= 2) {
            try {
                long n = Long.parseLong(text.substring(0, text.length() - 1));
                switch (text.charAt(text.length() - 1)) {
                    case 'd' -> { return Duration.ofDays(n); }
                    case 'h' -> { return Duration.ofHours(n); }
                    case 'm' -> { return Duration.ofMinutes(n); }
                    default -> { }
                }
            } catch (NumberFormatException ignored) {
                // falls through to the message below
            }
        }
        throw new IllegalArgumentException("TLD policy for '" + tld + "': '" + text + "' is not a duration like 45d, 1h or 30m");
    }

    /** The TLD as people write it: {@code .nl}, or {@code gTLD default}. */
    String label() {
        return tld.equals("*") ? "gTLD" : "." + tld;
    }

    /**
     * An observation in this registry's own terms. A registry without redemption but with a
     * quarantine (.nl and registries run like it) reports its quarantine in RDAP as "redemption
     * period"; that is its quarantine, with the quarantine's rules and countdown.
     */
    Observed interpret(Observed observed) {
        Registration r = observed.registration();
        if (r.state() != RegistrationState.REDEMPTION || !redemption.isZero() || quarantine.isZero()) {
            return observed;
        }
        Registration quarantined = r.withState(RegistrationState.QUARANTINE, r.reason());
        return new Observed(observed.id(), quarantined, observed.firstSeen(), observed.lastConfirmed());
    }

    /** Total time from the expiry date until the name can be registered by someone else. */
    Duration afterExpiry() {
        return grace.plus(redemption).plus(pendingDelete);
    }
}
