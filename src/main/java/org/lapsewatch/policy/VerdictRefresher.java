package org.lapsewatch.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.lapsewatch.health.HealthCheck;
import org.lapsewatch.health.Moment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Rebuilds the verdict table from the inputs every interval and swaps it in atomically. When a
 * reload fails (database down), the last good table stays in force and the failure is logged
 * and counted ({@code lapsewatch.policy.refresh.failures}): mail keeps being stopped for the
 * domains already known to be lost.
 */
public final class VerdictRefresher implements Supplier<VerdictTable>, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VerdictRefresher.class);

    private final VerdictInputs inputs;
    private final VerdictPolicy policy;
    private final AtomicReference<VerdictTable> current = new AtomicReference<>(VerdictTable.empty());
    private final Counter failures;
    /** When the table in force was loaded. */
    private volatile Moment loaded = Moment.now();
    private volatile Duration interval;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().name("lapsewatch-verdict-refresh").daemon().unstarted(r));

    public VerdictRefresher(VerdictInputs inputs, VerdictPolicy policy, MeterRegistry registry) {
        this.inputs = inputs;
        this.policy = policy;
        this.failures = Counter.builder("lapsewatch.policy.refresh.failures").register(registry);
    }

    /** Loads once now (throwing when that fails) and then every {@code interval}. */
    public void start(Duration interval) {
        this.interval = interval;
        current.set(load());
        loaded = Moment.now();
        long millis = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::refresh, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Reloads now; keeps the old table when loading fails. */
    public void refresh() {
        try {
            VerdictTable next = load();
            VerdictTable previous = current.getAndSet(next);
            loaded = Moment.now();
            if (!previous.verdicts().equals(next.verdicts())) {
                log.info("verdicts reloaded: {} domains with a non-allow verdict", next.verdicts().size());
            }
        } catch (RuntimeException e) {
            failures.increment();
            log.error("verdict reload failed; keeping the previous {} verdicts: {}", current.get().verdicts().size(),
                    e.toString());
        }
    }

    /**
     * What is wrong when the verdicts in force are older than three reload intervals: every reload
     * since has failed, so domains lost since then are not stopped. Empty otherwise.
     */
    public Optional<String> staleness() {
        Moment since = loaded;
        Duration age = since.age();
        return interval == null || age.compareTo(interval.multipliedBy(3)) < 0 ? Optional.empty()
                : Optional.of("verdicts: not reloaded for " + HealthCheck.minutes(age) + " (in force since " + since.at()
                + "; the log has the error)");
    }

    private VerdictTable load() {
        return VerdictTable.build(inputs.inventory(), inputs.openFindings(), policy);
    }

    @Override
    public VerdictTable get() {
        return current.get();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
