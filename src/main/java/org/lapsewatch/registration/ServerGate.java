package org.lapsewatch.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The politeness rules for one server host: a token bucket without burst (queries start at
 * least {@code 1/rate} apart), a pause the server asked for (HTTP 429 {@code Retry-After}, a
 * WHOIS throttle reply), and exponential backoff with jitter after failures (5xx, timeouts).
 *
 * <p>A caller that would have to wait longer than it may ({@code maxWait}, its query timeout)
 * is refused at once rather than queued: it gets the reason and the server is not asked.
 * Waiting shorter than that is done here, on the caller's thread.
 */
final class ServerGate {
    private final String host;
    private final Duration interval;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    private Instant nextSlot = Instant.MIN;
    private Instant pausedUntil = Instant.MIN;
    private String pauseReason = "";
    private int failures;

    ServerGate(String host, double queriesPerSecond, Duration backoffBase, Duration backoffMax, Clock clock,
               Sleeper sleeper, DoubleSupplier jitter) {
        this.host = host;
        this.interval = Duration.ofNanos((long) (1_000_000_000L / queriesPerSecond));
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    /**
     * Takes this server's next query slot, sleeping until it comes.
     *
     * @return empty when the query may go now; else why it may not (the wait exceeds {@code maxWait})
     */
    Optional<String> acquire(Duration maxWait) throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant start = latest(now, nextSlot, pausedUntil);
            wait = Duration.between(now, start);
            if (wait.compareTo(maxWait) > 0) {
                boolean paused = !pausedUntil.isBefore(start);
                return Optional.of(paused
                        ? host + " " + pauseReason + ": not asked again before " + pausedUntil
                        : "local rate limit for " + host + " (" + interval.toMillis() + " ms between queries): next slot "
                          + start + " is more than " + maxWait.toMillis() + " ms away");
            }
            nextSlot = start.plus(interval);
        }
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
        return Optional.empty();
    }

    /** The server asked not to be queried for {@code pause}. */
    synchronized void pause(Duration pause, String reason) {
        Instant until = clock.instant().plus(pause);
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
            pauseReason = reason;
        }
    }

    /** A 5xx or timeout: back off {@code base * 2^(n-1)}, capped, times a jitter in [0.5, 1). */
    synchronized void failed() {
        failures++;
        long factor = 1L << Math.min(failures - 1, 30);
        Duration backoff = backoffBase.multipliedBy(factor);
        if (backoff.compareTo(backoffMax) > 0 || backoff.isNegative()) {
            backoff = backoffMax;
        }
        long nanos = (long) (backoff.toNanos() * (0.5 + jitter.getAsDouble() / 2));
        pause(Duration.ofNanos(nanos), "backing off after " + failures + " failure" + (failures == 1 ? "" : "s"));
    }

    synchronized void succeeded() {
        failures = 0;
    }

    private static Instant latest(Instant a, Instant b, Instant c) {
        Instant ab = a.isAfter(b) ? a : b;
        return ab.isAfter(c) ? ab : c;
    }
}
