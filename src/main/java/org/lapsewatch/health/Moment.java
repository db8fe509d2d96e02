package org.lapsewatch.health;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A point in the machine's time: {@link System#nanoTime()} to measure how long ago it was (immune
 * to clock steps), and the wall-clock second to tell people when it was.
 */
public record Moment(long nanos, Instant at) {

    public static Moment now() {
        return new Moment(System.nanoTime(), Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    /** How long ago this moment was. */
    public Duration age() {
        return Duration.ofNanos(System.nanoTime() - nanos);
    }
}
