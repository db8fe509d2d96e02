package org.lapsewatch.bench;

import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.RuleSettings;
import org.lapsewatch.rules.TldDelegation;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.watch.Cadence;
import org.lapsewatch.watch.CheckRunner;
import org.lapsewatch.watch.ReferenceSource;
import org.lapsewatch.watch.Watch;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;

/**
 * Heap of the watch with a large inventory: loads N inventory rows (default 1,000,000) into a
 * database (an H2 file in a temporary directory, or {@code -Durl=jdbc:postgresql://…}), starts
 * the watch (which schedules one db-scheduler task per domain) and reports the heap in use after
 * a full GC and the peak heap in use (sampled every 10 ms, garbage included), against the goal of 512 MB. Run with {@code -Xmx512m} to prove
 * the fit. Also reports the heap with the whole inventory materialised as a list (what the
 * inventory web page and the verdict table do).
 *
 * <pre>java -Xmx512m -cp bench/target/benchmarks.jar org.lapsewatch.bench.WatchInventoryHeap [ROWS]</pre>
 */
public final class WatchInventoryHeap {
    private static final long MB = 1024 * 1024;

    private WatchInventoryHeap() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("lapsewatch-bench");
        String url = System.getProperty("url", "jdbc:h2:file:" + dir.resolve("bench") + ";" + DatabaseSettings.H2_MODE);
        // A fixed clock: every first check lies in the future, so the figure is the watch at rest with its schedule.
        Clock clock = Clock.fixed(Instant.parse("2026-01-05T09:00:00Z"), ZoneOffset.UTC);
        try (Database db = Database.open(url, null, null, 8, url.startsWith("jdbc:postgresql:") ? "bench_" + System.nanoTime() : null)) {
            long start = System.nanoTime();
            insert(db, rows);
            System.out.printf("loaded %,d inventory rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
            long before = usedAfterGc();
            PeakSampler sampler = PeakSampler.start();

            WatchSettings settings = WatchSettings.defaults();
            var runner = new CheckRunner(db, new FindingRepository(db, FindingListener.NONE),
                    domain -> Registration.unknown(domain.ascii(), Registration.Source.RDAP, null, RegistrationState.UNKNOWN,
                            "bench: no registry"),
                    domain -> new TldDelegation(TldDelegation.Answer.NO_ANSWER, "bench"), ReferenceSource.NONE,
                    new LifecycleRules(RuleSettings.defaults()), new Cadence(settings), clock);
            start = System.nanoTime();
            try (Watch watch = Watch.start(db, runner, new Cadence(settings), settings, clock)) {
                double scheduling = (System.nanoTime() - start) / 1e9;
                long running = usedAfterGc();
                long tasks = db.jdbi().withHandle(h -> h.createQuery("select count(*) from scheduled_tasks").mapTo(Long.class).one());
                System.out.printf("watch started, %,d tasks scheduled in %.1f s%n", tasks, scheduling);
                System.out.printf("heap in use before the watch: %d MB; with the watch running: %d MB; peak: %d MB (goal <= 512 MB, -Xmx %d MB)%n",
                        before / MB, running / MB, sampler.peak() / MB, Runtime.getRuntime().maxMemory() / MB);

                var list = new InventoryRepository(db, clock).list();
                System.out.printf("heap with all %,d inventory entries in a list: %d MB; peak: %d MB%n",
                        list.size(), usedAfterGc() / MB, sampler.peak() / MB);
            }
            sampler.stop();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void insert(Database db, int rows) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("insert into inventory_domain (name, lifecycle, tags, expected_nameservers,"
                     + " created_at, updated_at) values (?, ?, '', '', ?, ?)")) {
            c.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.parse("2026-01-01T00:00:00Z");
            String[] tlds = {"com", "nl", "de", "be", "eu", "org", "net", "fr"};
            for (int i = 0; i < rows; i++) {
                ps.setString(1, "bench-" + i + "." + tlds[i % tlds.length]);
                ps.setString(2, i % 10 == 0 ? "retired" : "active");
                ps.setObject(3, now);
                ps.setObject(4, now);
                ps.addBatch();
                if (i % 5000 == 4999) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The largest heap in use (live data and not yet collected garbage) seen every 10 ms. */
    private static final class PeakSampler {
        private volatile long peak;
        private volatile boolean running = true;
        private Thread thread;

        static PeakSampler start() {
            PeakSampler sampler = new PeakSampler();
            sampler.thread = Thread.ofPlatform().daemon().start(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (sampler.running) {
                    sampler.peak = Math.max(sampler.peak, memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            return sampler;
        }

        long peak() {
            return peak;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
