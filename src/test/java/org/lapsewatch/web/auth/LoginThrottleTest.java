package org.lapsewatch.web.auth;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTest {
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void five_failures_are_free_then_waits_double() {
        TestClock clock = new TestClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 5; i++) {
            assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isZero();
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(1));
        throttle.failed("admin", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        // another address guessing the same user waits too; the same address guessing another user waits too
        assertThat(throttle.waitBeforeAttempt("admin", "10.9.9.9")).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.waitBeforeAttempt("viewer", "10.0.0.1")).isEqualTo(Duration.ofSeconds(2));
        clock.now = clock.now.plusSeconds(2);
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isZero();
    }

    @Test
    void success_clears_the_count_and_waits_are_capped() {
        TestClock clock = new TestClock();
        LoginThrottle throttle = new LoginThrottle(clock);
        for (int i = 0; i < 40; i++) {
            throttle.failed("admin", "10.0.0.1");
        }
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isEqualTo(Duration.ofMinutes(15));
        throttle.succeeded("admin", "10.0.0.1");
        assertThat(throttle.waitBeforeAttempt("admin", "10.0.0.1")).isZero();
    }
}
