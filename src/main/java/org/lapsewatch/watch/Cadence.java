package org.lapsewatch.watch;

import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.rules.Evaluation;
import org.lapsewatch.rules.Observed;
import org.lapsewatch.rules.RuleIds;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a domain is checked next, from what the last check found: daily when quiet, hourly near a
 * deadline or in any grace/hold/quarantine state, every few minutes around a published release
 * time, and with a growing back-off while the registry gives no answer. A small per-domain jitter
 * spreads the work so that domains checked together do not stay together.
 */
public final class Cadence {
    /** A deadline this close makes a domain "near". */
    static final Duration NEAR = Duration.ofDays(14);
    /** How long before and after the point of no return the release interval applies. */
    static final Duration RELEASE_BEFORE = Duration.ofHours(1);
    static final Duration RELEASE_AFTER = Duration.ofHours(2);
    private static final double JITTER = 0.1;

    private final WatchSettings settings;

    public Cadence(WatchSettings settings) {
        this.settings = settings;
    }

    /** The next check after one that saw {@code current} at {@code now}. */
    public Instant next(DomainName domain, Observed current, List<Observed> earlier, Evaluation evaluation, Instant now) {
        Registration reg = current.registration();
        if (reg.state().isUnknown()) {
            Instant since = current.firstSeen();
            for (Observed o : earlier) {
                if (!o.registration().state().isUnknown()) {
                    break;
                }
                since = o.firstSeen();
            }
            Duration elapsed = Duration.between(since, now);
            Duration backoff = clamp(elapsed, settings.unknownRetry(), settings.quietInterval());
            return now.plus(backoff).plus(jitter(domain, backoff, now));
        }
        Instant pnr = evaluation.pointOfNoReturn().atOrNull();
        if (pnr != null && !now.isBefore(pnr.minus(RELEASE_BEFORE)) && now.isBefore(pnr.plus(RELEASE_AFTER))) {
            return now.plus(settings.releaseInterval());
        }
        Duration interval = near(reg, evaluation, pnr, now) ? settings.nearInterval() : settings.quietInterval();
        Instant next = now.plus(interval).plus(jitter(domain, interval, now));
        if (pnr != null && now.isBefore(pnr.minus(RELEASE_BEFORE)) && next.isAfter(pnr.minus(RELEASE_BEFORE))) {
            return pnr.minus(RELEASE_BEFORE);
        }
        return next;
    }

    /** When a domain never checked before is first due: soon, spread over a few minutes. */
    public Instant first(DomainName domain, Instant now) {
        Duration spread = clamp(settings.quietInterval(), Duration.ZERO, Duration.ofMinutes(10));
        return now.plusMillis(Math.floorMod(domain.ascii().hashCode(), Math.max(1, spread.toMillis())));
    }

    private static boolean near(Registration reg, Evaluation evaluation, Instant pnr, Instant now) {
        if (reg.state().isEnding() || reg.state() == RegistrationState.AVAILABLE
                || evaluation.findings().stream().anyMatch(f -> f.rule().equals(RuleIds.AUTO_RENEW_GRACE))) {
            return true;
        }
        return within(reg.expires(), now) || within(pnr, now);
    }

    private static boolean within(Instant deadline, Instant now) {
        return deadline != null && Duration.between(now, deadline).compareTo(NEAR) <= 0;
    }

    private static Duration clamp(Duration d, Duration min, Duration max) {
        return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
    }

    /** Up to a tenth of the interval, fixed per domain and hour so that runs are reproducible. */
    private static Duration jitter(DomainName domain, Duration interval, Instant now) {
        long bucket = now.getEpochSecond() / 3600;
        int hash = (domain.ascii() + "/" + bucket).hashCode();
        double fraction = Math.floorMod(hash, 1000) / 1000.0 * JITTER;
        return Duration.ofMillis((long) (interval.toMillis() * fraction));
    }
}
