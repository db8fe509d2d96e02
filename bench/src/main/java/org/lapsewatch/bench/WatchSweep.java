package org.lapsewatch.bench;

import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.RdapSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.registration.RegistrationEngine;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.RuleSettings;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.watch.Cadence;
import org.lapsewatch.watch.CheckRunner;
import org.lapsewatch.watch.DnsDelegationProbe;
import org.lapsewatch.watch.ReferenceSource;

import java.io.BufferedWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A sweep of the inventory through the watch's check path against the simulated registry with a
 * per-server rate limit: N inventory domains (default 100,000) registered in a generated scenario,
 * one RDAP server limited to R queries/s (default 200), W workers (default 8) running
 * {@link CheckRunner#check} (registration engine with its politeness, rules, store). Prints the
 * achieved checks/s, its ratio to the rate-limit bound R (goal >= 0.9) and the peak heap.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lapsewatch.bench.WatchSweep [DOMAINS] [RATE] [WORKERS]</pre>
 */
public final class WatchSweep {
    private static final long MB = 1024 * 1024;

    private WatchSweep() {
    }

    public static void main(String[] args) throws Exception {
        int domains = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path dir = Files.createTempDirectory("lapsewatch-sweep");
        try {
            Path scenario = dir.resolve("sweep.yml");
            writeScenario(scenario, domains);
            try (Simulation sim = Simulation.start(Scenario.load(scenario))) {
                LapsewatchConfig pointed = sim.configure(new ConfigLoader(name -> null).parse(
                        "home: \"" + dir.toAbsolutePath() + "\"\n", "sweep"));
                // Simulation.configure keeps only the RDAP endpoints and timeouts, so the rate limit is set after it.
                RdapSettings r = pointed.rdap();
                LapsewatchConfig config = new LapsewatchConfig(pointed.home(), pointed.database(), pointed.web(),
                        new RdapSettings(r.bootstrapUrl(), r.overrides(), r.connectTimeout(), r.timeout(), r.maxBytes(),
                                r.redirectors(), r.maxRedirects(), r.bootstrapMaxAge(), rate, Map.of(), r.backoffBase(), r.backoffMax()),
                        pointed.whois(), pointed.dns(), pointed.policy(), pointed.watch(), pointed.mailflow(), pointed.alerts());
                String url = "jdbc:h2:file:" + dir.resolve("sweep") + ";" + DatabaseSettings.H2_MODE;
                try (Database db = Database.open(url, null, null, workers + 2, null)) {
                    insertInventory(db, domains);
                    var runner = new CheckRunner(db, new FindingRepository(db, FindingListener.NONE), RegistrationEngine.create(config),
                            new DnsDelegationProbe(config.dns()), ReferenceSource.NONE, new LifecycleRules(RuleSettings.defaults()),
                            new Cadence(config.watch()), Clock.systemUTC());
                    // Warm up (JIT, connection pool, bootstrap) on a few domains outside the measurement.
                    for (int i = 0; i < Math.min(20, domains); i++) {
                        runner.check(DomainName.parse(name(i)));
                    }
                    AtomicLong peak = new AtomicLong();
                    Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                        var memory = ManagementFactory.getMemoryMXBean();
                        while (!Thread.currentThread().isInterrupted()) {
                            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                            try {
                                Thread.sleep(10);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    });
                    AtomicLong known = new AtomicLong();
                    AtomicLong done = new AtomicLong();
                    var unknownShown = new java.util.concurrent.atomic.AtomicBoolean();
                    long start = System.nanoTime();
                    // A long sweep should show that it is moving: one line every 30 s with the rate since the last.
                    Thread progress = Thread.ofPlatform().daemon().start(() -> {
                        long lastDone = 0;
                        long lastTime = start;
                        while (!Thread.currentThread().isInterrupted()) {
                            try {
                                Thread.sleep(30_000);
                            } catch (InterruptedException e) {
                                return;
                            }
                            long now = System.nanoTime();
                            long d = done.get();
                            System.out.printf("  %,d of %,d checked after %.0f s; %.1f checks/s in the last %.0f s%n",
                                    d, domains, (now - start) / 1e9, (d - lastDone) / ((now - lastTime) / 1e9), (now - lastTime) / 1e9);
                            lastDone = d;
                            lastTime = now;
                        }
                    });
                    try (ExecutorService pool = Executors.newFixedThreadPool(workers)) {
                        for (int i = 0; i < domains; i++) {
                            DomainName name = DomainName.parse(name(i));
                            pool.submit(() -> {
                                var answer = runner.check(name).observed().registration();
                                if (!answer.state().isUnknown()) {
                                    known.incrementAndGet();
                                } else if (unknownShown.compareAndSet(false, true)) {
                                    System.out.println("first unknown answer: " + answer.reason());
                                }
                                done.incrementAndGet();
                            });
                        }
                        pool.shutdown();
                        pool.awaitTermination(1, TimeUnit.DAYS);
                    }
                    double seconds = (System.nanoTime() - start) / 1e9;
                    sampler.interrupt();
                    progress.interrupt();
                    double achieved = domains / seconds;
                    System.out.printf("sweep: %,d checks (%,d with a registry answer) in %.1f s with %d workers%n",
                            domains, known.get(), seconds, workers);
                    System.out.printf("achieved %.1f checks/s; rate-limit bound %.1f/s (one RDAP server); ratio %.3f (goal >= 0.9)%n",
                            achieved, rate, achieved / rate);
                    System.out.printf("peak heap in use %d MB (max %d MB)%n", peak.get() / MB, Runtime.getRuntime().maxMemory() / MB);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String name(int i) {
        return "sweep-" + i + ".example";
    }

    private static void writeScenario(Path file, int domains) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            out.write("name: sweep\nstart: 2026-01-05T09:00:00Z\nregistries:\n  example: {rdap: true, whois: nl, lifecycle: quarantine, quarantine: 40d}\n");
            out.write("domains:\n");
            for (int i = 0; i < domains; i++) {
                out.write("  " + name(i) + ":\n    registration: {registrar: Sweep Registrar B.V., created: 2015-03-02T10:14:00Z,"
                        + " status: [client transfer prohibited], nameservers: [ns1.host.example, ns2.host.example]}\n");
            }
        }
    }

    private static void insertInventory(Database db, int domains) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("insert into inventory_domain (name, lifecycle, tags, expected_nameservers,"
                     + " created_at, updated_at) values (?, 'active', '', '', ?, ?)")) {
            c.setAutoCommit(false);
            OffsetDateTime now = OffsetDateTime.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < domains; i++) {
                ps.setString(1, name(i));
                ps.setObject(2, now);
                ps.setObject(3, now);
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
}
