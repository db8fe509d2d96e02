package org.lapsewatch.rules;

import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Facts read from a domain's observation history that no single observation shows. */
final class History {
    private static final Duration YEAR_MIN = Duration.ofDays(300);
    private static final Duration YEAR_MAX = Duration.ofDays(400);

    private History() {
    }

    /** A registration the registry rolled a year ahead on expiry while it waits for payment. */
    record AutoRenew(Instant oldExpiry, Instant graceEnd, Finding.Confidence confidence, String signal) {
    }

    /**
     * Detects the gTLD auto-renew trap: on expiry the registry rolls the date a year ahead and
     * shows the domain as registered while the registrar decides whether to pay. Signals: the
     * state or status says so ("auto renew period"); or the expiry date jumped about a year
     * after the old date had already passed and within the grace period. An explicit renewal
     * before the old date is not a trap and is not reported. "renew period" alone (RFC 3915: set
     * after an explicit, paid renew command) is not taken as a signal either.
     */
    static Optional<AutoRenew> autoRenew(Observed current, List<Observed> earlier, TldPolicy policy, Instant now) {
        Registration reg = current.registration();
        if (policy.grace().isZero() || reg.expires() == null) {
            return Optional.empty();
        }
        Optional<Observed> previous = earlier.stream()
                .filter(o -> !o.registration().state().isUnknown() && o.registration().expires() != null)
                .filter(o -> o.registration().expires().isBefore(reg.expires()))
                .findFirst();
        boolean statusSays = hasStatus(reg, "auto renew period") || reg.state() == RegistrationState.GRACE;
        if (statusSays) {
            Instant oldExpiry;
            if (!reg.expires().isAfter(now)) {
                oldExpiry = reg.expires();
            } else if (previous.isPresent() && isAboutAYear(previous.get().registration().expires(), reg.expires())) {
                oldExpiry = previous.get().registration().expires();
            } else {
                oldExpiry = reg.expires().atZone(java.time.ZoneOffset.UTC).minusYears(1).toInstant();
            }
            String signal = reg.state() == RegistrationState.GRACE && !hasStatus(reg, "auto renew period")
                    ? "the registry reports the grace state" : "status 'auto renew period'";
            return Optional.of(new AutoRenew(oldExpiry, oldExpiry.plus(policy.grace()), Finding.Confidence.HIGH, signal));
        }
        if (previous.isEmpty() || reg.state() != RegistrationState.REGISTERED) {
            return Optional.empty();
        }
        Instant oldExpiry = previous.get().registration().expires();
        Instant graceEnd = oldExpiry.plus(policy.grace());
        boolean jumpedAfterExpiry = isAboutAYear(oldExpiry, reg.expires())
                && !current.firstSeen().isBefore(oldExpiry) && current.firstSeen().isBefore(graceEnd);
        if (jumpedAfterExpiry && now.isBefore(graceEnd)) {
            return Optional.of(new AutoRenew(oldExpiry, graceEnd, Finding.Confidence.MEDIUM,
                    "the expiry date jumped from " + day(oldExpiry) + " to " + day(reg.expires())
                            + " after the old date had passed, with no renewal status"));
        }
        return Optional.empty();
    }

    /**
     * The earliest moment the current state can have begun: the last time a different, known
     * state was seen. Empty when the history has never shown another known state.
     */
    static Optional<Instant> stateBeganAfter(Observed current, List<Observed> earlier) {
        RegistrationState state = current.registration().state();
        return earlier.stream()
                .filter(o -> !o.registration().state().isUnknown())
                .filter(o -> o.registration().state() != state)
                .findFirst()
                .map(Observed::lastConfirmed);
    }

    /** When the current state was first seen, counting back through earlier observations in the same state. */
    static Instant firstSeenInState(Observed current, List<Observed> earlier) {
        RegistrationState state = current.registration().state();
        Instant first = current.firstSeen();
        for (Observed o : earlier) {
            RegistrationState s = o.registration().state();
            if (s.isUnknown()) {
                continue;
            }
            if (s != state) {
                break;
            }
            first = o.firstSeen();
        }
        return first;
    }

    /** When the unbroken run of unknown answers that ends with {@code current} began. */
    static Instant unknownSince(Observed current, List<Observed> earlier) {
        Instant since = current.firstSeen();
        for (Observed o : earlier) {
            if (!o.registration().state().isUnknown()) {
                break;
            }
            since = o.firstSeen();
        }
        return since;
    }

    /** The newest known expiry date: the current one, else the last one seen. */
    static Optional<Instant> lastKnownExpiry(Observed current, List<Observed> earlier) {
        if (current.registration().expires() != null) {
            return Optional.of(current.registration().expires());
        }
        return earlier.stream().map(o -> o.registration().expires()).filter(java.util.Objects::nonNull).findFirst();
    }

    static boolean hasStatus(Registration reg, String status) {
        return reg.status().stream().anyMatch(s -> s.toLowerCase(Locale.ROOT).strip().equals(status));
    }

    private static boolean isAboutAYear(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.compareTo(YEAR_MIN) >= 0 && d.compareTo(YEAR_MAX) <= 0;
    }

    static String day(Instant instant) {
        return instant.toString().substring(0, 10);
    }
}
