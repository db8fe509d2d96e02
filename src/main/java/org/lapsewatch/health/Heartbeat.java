package org.lapsewatch.health;

import java.time.Duration;
import java.util.Optional;

/**
 * The sign of life of a loop that works in passes, such as the alert ticker: a pass that has made
 * no progress for a while is stuck. Why progress and not the length of a pass: a pass that
 * delivers a thousand notifications may take long, but every step in it ends within its
 * channel's timeout, so a step that has not ended in many times that is stuck (seen: an update
 * that H2 spun on for ever after a hard kill, which left alerts silently undelivered).
 *
 * <p>Time here is the machine's, never the data's clock: the demo moves its clock by days, and a
 * pass is no more stuck for that.
 *
 * <p>One thread runs the passes and reports on them; any thread may ask for {@link #stall}.
 */
public final class Heartbeat {
    private final String part;
    /** When the running pass last made progress; null between passes. */
    private volatile Moment last;

    public Heartbeat(String part) {
        this.part = part;
    }

    /** A pass starts, or the running one finished a step. */
    public void progressed() {
        last = Moment.now();
    }

    /** The pass ended, whether it succeeded or failed: nothing runs that could be stuck. */
    public void passEnded() {
        last = null;
    }

    /** What is wrong when the running pass has made no progress for {@code stallAfter}; empty otherwise. */
    public Optional<String> stall(Duration stallAfter) {
        Moment since = last;
        if (since == null) {
            return Optional.empty();
        }
        Duration quiet = since.age();
        return quiet.compareTo(stallAfter) < 0 ? Optional.empty()
                : Optional.of(part + ": no progress for " + HealthCheck.minutes(quiet) + " (since " + since.at() + ")");
    }
}
