package org.lapsewatch.health;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What {@code /health} reports: whether the store answers a query, and whether a background part
 * (the alert ticker, the watch) is stuck. A process that is up but does no work must not look
 * healthy: its alerts would stop without anyone being told.
 *
 * <p>Problems are told without names or error texts (no domain, no database address): anyone
 * who can reach {@code /health} may read them. The store's error goes to the log.
 */
public final class HealthCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);
    /** How long a step of background work may go without ending before it counts as stuck. */
    public static final Duration STALL_AFTER = Duration.ofMinutes(15);
    /** How long the store may take to answer {@code select 1}. */
    static final Duration STORE_TIMEOUT = Duration.ofSeconds(5);

    /** A background part that can say what keeps it from working. */
    public interface Part {
        /** What is wrong with it now; empty when nothing is. */
        Optional<String> problem();
    }

    private final DataSource store;
    private final List<Part> parts;
    private final Duration storeTimeout;

    public HealthCheck(DataSource store, List<Part> parts) {
        this(store, parts, STORE_TIMEOUT);
    }

    HealthCheck(DataSource store, List<Part> parts, Duration storeTimeout) {
        this.store = store;
        this.parts = List.copyOf(parts);
        this.storeTimeout = storeTimeout;
    }

    /** What {@code /health} answers: 200 and {@code ok}, or 503, {@code failing} and a line per problem. */
    public record Answer(int status, String body) {
    }

    /** Checks now and phrases the result as {@code /health} answers it. */
    public Answer answer() {
        List<String> problems = problems();
        return problems.isEmpty() ? new Answer(200, "ok") : new Answer(503, "failing\n" + String.join("\n", problems) + "\n");
    }

    /** Every problem found now, the store's first; empty when all is well. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        storeProblem().ifPresent(problems::add);
        for (Part part : parts) {
            part.problem().ifPresent(problems::add);
        }
        return problems;
    }

    /**
     * Runs the query on its own thread so that a store that never answers (a pool whose
     * connections are all held by stuck work waits 30 s for one) costs the caller the timeout only.
     */
    private Optional<String> storeProblem() {
        FutureTask<Void> query = new FutureTask<>(() -> {
            try (Connection c = store.getConnection(); Statement s = c.createStatement()) {
                s.execute("select 1");
            }
            return null;
        });
        Thread.ofVirtual().name("lapsewatch-health-store").start(query);
        try {
            query.get(storeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.empty();
        } catch (TimeoutException e) {
            query.cancel(true);
            return Optional.of("store: no answer to 'select 1' within " + storeTimeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            LOG.warn("health: the store did not answer 'select 1'", e.getCause());
            return Optional.of("store: 'select 1' failed (the log has the error)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            query.cancel(true);
            return Optional.of("store: not checked (interrupted)");
        }
    }

    /** A duration as people read it in a health report: whole minutes from one minute on, seconds below. */
    public static String minutes(Duration d) {
        return d.toMinutes() >= 1 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
