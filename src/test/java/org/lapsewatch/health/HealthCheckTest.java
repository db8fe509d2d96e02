package org.lapsewatch.health;

import org.junit.jupiter.api.Test;
import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.store.Database;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The health check over a real store: what it reports, and that a store that never answers costs only the timeout. */
class HealthCheckTest {
    private static Database h2(int poolSize) {
        return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;" + DatabaseSettings.H2_MODE, null, null,
                poolSize, null);
    }

    @Test
    void a_store_that_answers_and_parts_without_problems_are_healthy() {
        try (Database db = h2(2)) {
            assertThat(new HealthCheck(db.dataSource(), List.of(Optional::empty)).problems()).isEmpty();
        }
    }

    @Test
    void the_stores_problem_comes_first_then_each_parts_in_order() {
        Database db = h2(2);
        db.close();
        var check = new HealthCheck(db.dataSource(), List.of(() -> Optional.of("alerts: stuck"), Optional::empty,
                () -> Optional.of("watch: stuck")));
        assertThat(check.problems()).containsExactly("store: 'select 1' failed (the log has the error)", "alerts: stuck",
                "watch: stuck");
    }

    @Test
    void a_store_whose_connections_are_all_held_is_reported_after_the_timeout_not_the_pools() throws Exception {
        try (Database db = h2(2); Connection held = db.dataSource().getConnection(); Connection alsoHeld = db.dataSource().getConnection()) {
            var check = new HealthCheck(db.dataSource(), List.of(), Duration.ofMillis(300));
            long started = System.nanoTime();
            assertThat(check.problems()).containsExactly("store: no answer to 'select 1' within 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("bounded by the check's timeout, not the pool's 30 s")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(held.isValid(1) && alsoHeld.isValid(1)).as("the held connections were never touched").isTrue();
        }
    }

    @Test
    void a_pass_is_stuck_once_it_has_made_no_progress_for_the_bound() throws InterruptedException {
        Heartbeat heartbeat = new Heartbeat("alerts");
        assertThat(heartbeat.stall(Duration.ZERO)).as("no pass ran yet").isEmpty();

        heartbeat.progressed();
        assertThat(heartbeat.stall(Duration.ofMinutes(1))).isEmpty();
        Thread.sleep(300);
        assertThat(heartbeat.stall(Duration.ofMillis(200))).hasValueSatisfying(problem ->
                assertThat(problem).matches("alerts: no progress for 0 s \\(since \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\\)"));

        heartbeat.progressed();
        assertThat(heartbeat.stall(Duration.ofMillis(200))).as("a step ended").isEmpty();
        heartbeat.passEnded();
        assertThat(heartbeat.stall(Duration.ZERO)).as("the pass ended").isEmpty();
    }

    @Test
    void durations_read_as_minutes_from_one_minute_on() {
        assertThat(HealthCheck.minutes(Duration.ofSeconds(59))).isEqualTo("59 s");
        assertThat(HealthCheck.minutes(Duration.ofSeconds(60))).isEqualTo("1 min");
        assertThat(HealthCheck.minutes(Duration.ofMinutes(90).plusSeconds(59))).isEqualTo("90 min");
    }
}
