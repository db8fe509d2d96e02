package org.lapsewatch.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Slows password guessing: after 5 failures for a user name or a client address, each further
 * attempt must wait twice as long as the last (1 s, 2 s, 4 s … up to 15 minutes). The waits
 * are kept in memory; a restart forgets them, which costs an attacker a restart per burst.
 */
public final class LoginThrottle {
    private static final int FREE_FAILURES = 5;
    private static final Duration MAX_WAIT = Duration.ofMinutes(15);

    private record Failures(int count, Instant last) {
    }

    private final Clock clock;
    private final Cache<String, Failures> failures;

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        this.failures = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(1))
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L).build();
    }

    /** How long the caller must still wait before trying this user from this address; zero when allowed. */
    public Duration waitBeforeAttempt(String username, String address) {
        Instant now = clock.instant();
        Duration byUser = wait(failures.getIfPresent("u:" + username), now);
        Duration byAddress = wait(failures.getIfPresent("a:" + address), now);
        return byUser.compareTo(byAddress) >= 0 ? byUser : byAddress;
    }

    public void failed(String username, String address) {
        Instant now = clock.instant();
        for (String key : new String[]{"u:" + username, "a:" + address}) {
            failures.asMap().merge(key, new Failures(1, now), (a, b) -> new Failures(a.count() + 1, now));
        }
    }

    public void succeeded(String username, String address) {
        failures.invalidate("u:" + username);
        failures.invalidate("a:" + address);
    }

    private static Duration wait(Failures f, Instant now) {
        if (f == null || f.count() < FREE_FAILURES) {
            return Duration.ZERO;
        }
        int excess = f.count() - FREE_FAILURES;
        Duration wait = excess >= 20 ? MAX_WAIT : Duration.ofSeconds(1L << excess);
        if (wait.compareTo(MAX_WAIT) > 0) {
            wait = MAX_WAIT;
        }
        Duration left = Duration.between(now, f.last().plus(wait));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
