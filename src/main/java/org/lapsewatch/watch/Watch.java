package org.lapsewatch.watch;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.FailedToScheduleBatchException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.health.HealthCheck;
import org.lapsewatch.health.Moment;
import org.lapsewatch.model.DomainName;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.InventoryRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The continuous watch: one db-scheduler task instance per inventory domain ({@code
 * registration-check/<domain>}) that runs a check and reschedules itself at the time the
 * {@link Cadence} gives; a recurring task adds newly imported domains. Because the schedule
 * lives in the database, a restart continues where it stopped.
 *
 * <p>{@link #close()} stops taking new work and waits up to {@code watch.shutdownGrace} for
 * running checks, so a check that has started is stored unless it overruns that bound.
 */
public final class Watch implements AutoCloseable {
    static final String CHECK_TASK = "registration-check";
    static final String SYNC_TASK = "inventory-sync";
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final int BATCH = 1000;

    private final Scheduler scheduler;
    private final Database database;
    private final InventoryRepository inventory;
    private final Cadence cadence;
    private final Clock clock;
    private final CustomTask<Void> checkTask;
    private final AtomicLong completed = new AtomicLong();
    /** The checks running now, each with when it started. */
    private final Map<DomainName, Moment> checksRunningSince = new ConcurrentHashMap<>();

    private Watch(Database database, CheckRunner runner, Cadence cadence, WatchSettings settings, Clock clock, Duration poll) {
        this.database = database;
        this.inventory = new InventoryRepository(database, clock);
        this.cadence = cadence;
        this.clock = clock;
        this.checkTask = Tasks.custom(CHECK_TASK, Void.class)
                .onFailure(new FailureHandler.ExponentialBackoffFailureHandler<>(settings.unknownRetry()))
                .execute((instance, context) -> checkOne(runner, instance));
        RecurringTask<Void> syncTask = Tasks.recurring(SYNC_TASK, FixedDelay.of(Duration.ofMinutes(5)))
                .execute((instance, context) -> scheduleInventory());
        this.scheduler = Scheduler.create(database.dataSource(), List.of(checkTask))
                .startTasks(syncTask)
                .threads(settings.workers())
                .pollingInterval(poll)
                .shutdownMaxWait(settings.shutdownGrace())
                .clock(clock::instant)
                .alwaysPersistTimestampInUTC()
                .build();
    }

    /** Starts watching every domain in the inventory. */
    public static Watch start(Database database, CheckRunner runner, Cadence cadence, WatchSettings settings, Clock clock) {
        return start(database, runner, cadence, settings, clock, POLL);
    }

    static Watch start(Database database, CheckRunner runner, Cadence cadence, WatchSettings settings, Clock clock, Duration poll) {
        Watch watch = new Watch(database, runner, cadence, settings, clock, poll);
        watch.scheduleInventory();
        watch.scheduler.start();
        return watch;
    }

    private CompletionHandler<Void> checkOne(CheckRunner runner, TaskInstance<Void> instance) {
        DomainName domain = new DomainName(instance.getId());
        checksRunningSince.put(domain, Moment.now());
        try {
            if (inventory.find(domain).isEmpty()) {
                return (complete, operations) -> operations.remove();
            }
            CheckResult result = runner.check(domain);
            completed.incrementAndGet();
            return (complete, operations) -> operations.reschedule(complete, result.nextCheck());
        } finally {
            checksRunningSince.remove(domain);
        }
    }

    /**
     * Schedules a first check for every inventory domain that has none yet. Streams the names
     * that lack a task (an anti-join against db-scheduler's table) in batches, so a large
     * inventory is never held in memory.
     */
    void scheduleInventory() {
        Instant now = clock.instant();
        List<SchedulableInstance<?>> batch = new ArrayList<>(BATCH);
        database.jdbi().useHandle(h -> h.createQuery("select name from inventory_domain i where not exists"
                        + " (select 1 from scheduled_tasks s where s.task_name = :task and s.task_instance = i.name)")
                .bind("task", CHECK_TASK)
                .setFetchSize(BATCH)
                .mapTo(String.class)
                .forEach(name -> {
                    batch.add(SchedulableInstance.of(checkTask.instance(name), cadence.first(new DomainName(name), now)));
                    if (batch.size() == BATCH) {
                        schedule(batch);
                        batch.clear();
                    }
                }));
        if (!batch.isEmpty()) {
            schedule(batch);
        }
    }

    /**
     * Inserts the batch in one statement. Another instance on the same database, or this one's
     * periodic sync, may have scheduled some of these names since the anti-join read them: then
     * the batch is refused as a whole, and its names are scheduled one by one where still missing.
     */
    private void schedule(List<SchedulableInstance<?>> batch) {
        try {
            scheduler.scheduleBatch(List.copyOf(batch));
        } catch (FailedToScheduleBatchException e) {
            batch.forEach(scheduler::scheduleIfNotExists);
        }
    }

    /** Checks finished since start (for tests and metrics). */
    public long completedChecks() {
        return completed.get();
    }

    /**
     * What is wrong when checks have run for {@code stallAfter} or longer: every registry, WHOIS
     * and DNS call in a check has a timeout, so such a check is stuck, and it holds one of the
     * {@code watch.workers}. Empty when none has. Names no domain (see {@link HealthCheck}). Time
     * is the machine's, not the watch's clock, which the demo moves by days.
     */
    public Optional<String> stall(Duration stallAfter) {
        List<Duration> stuck = checksRunningSince.values().stream()
                .map(Moment::age)
                .filter(d -> d.compareTo(stallAfter) >= 0)
                .toList();
        if (stuck.isEmpty()) {
            return Optional.empty();
        }
        String longest = HealthCheck.minutes(Collections.max(stuck));
        return Optional.of(stuck.size() == 1 ? "watch: a check has run for " + longest
                : "watch: " + stuck.size() + " checks have run for " + HealthCheck.minutes(stallAfter) + " or more, the longest " + longest);
    }

    /** Asks the scheduler to look for due checks now instead of at its next poll. */
    public void poke() {
        scheduler.triggerCheckForDueExecutions();
    }

    /** Stops taking new checks and waits (bounded by {@code watch.shutdownGrace}) for running ones. */
    @Override
    public void close() {
        scheduler.stop();
    }
}
