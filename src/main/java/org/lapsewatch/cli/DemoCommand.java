package org.lapsewatch.cli;

import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.WebSettings;
import org.lapsewatch.inventory.InventoryFormat;
import org.lapsewatch.inventory.InventoryReader;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;
import org.lapsewatch.store.Database;
import org.lapsewatch.mailflow.AddressPrivacy;
import org.lapsewatch.mailflow.ExposureAggregator;
import org.lapsewatch.mailflow.LogFormat;
import org.lapsewatch.mailflow.MailLogScanner;
import org.lapsewatch.mailflow.ScanCounters;
import org.lapsewatch.sim.VirtualClock;
import org.lapsewatch.store.ExposureRepository;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.web.WebServer;
import org.lapsewatch.web.auth.PasswordHasher;
import org.lapsewatch.web.auth.Role;
import org.lapsewatch.web.auth.Sessions;
import org.lapsewatch.web.auth.UserRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code lapsewatch demo}: the product offline. Starts the simulated internet with the built-in
 * Jeugdzorg scenario, loads the organisation's domains into a fresh demo store, and serves the
 * web UI until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run Lapsewatch offline against a simulated internet (the built-in Jeugdzorg scenario)",
                "and serve the web UI until Ctrl-C. Uses a fresh store in HOME/demo, wiped at every start."})
final class DemoCommand implements Runnable {
    static final String SCENARIO = "jeugdzorg";
    /** The demo's admin; its password is made up at every start and printed. */
    static final String DEMO_USER = "demo";
    /** Marks a directory as made by demo, so that wiping it can never remove anything else. */
    private static final String MARKER = ".lapsewatch-demo";

    @Mixin
    ConfigOption config;
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "TCP port for the web UI (default: web.port, 8080; 0 = any free port).")
    Integer port;

    @Override
    public void run() {
        LapsewatchConfig base = config.load();
        Path home = base.homeDirectory().resolve("demo");
        wipe(home);
        WebSettings web = port != null ? base.web().withPort(port) : base.web();
        // The demo never touches the configured database: its store is an H2 file in the demo home.
        LapsewatchConfig demo = new LapsewatchConfig(home.toString(), DatabaseSettings.defaults(), web, base.rdap(),
                base.whois(), base.dns(), base.policy(), base.watch(), base.mailflow(), base.alerts());
        List<InventoryEntry> inventory = organisationDomains();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        boolean interrupted = false;
        Thread hook = new Thread(() -> {
            stop.countDown();
            awaitQuietly(stopped);
        }, "demo-shutdown");
        try (Simulation sim = Simulation.start(Scenario.builtIn(SCENARIO));
             Database db = Database.open(sim.configure(demo))) {
            LapsewatchConfig simulated = sim.configure(demo);
            Clock clock = sim.clock();
            InventoryRepository repository = new InventoryRepository(db, clock);
            repository.replaceAll(inventory);
            String password = Sessions.newToken().substring(0, 16);
            new UserRepository(db.jdbi()).add(DEMO_USER, new PasswordHasher().hash(password.toCharArray()), Role.ADMIN, Instant.now());
            int mailMessages = loadDemoMail(db, clock);
            try (Running running = Running.start(simulated, db, clock, false);
                 ClockDriver driver = ClockDriver.start(sim.clock())) {
                // A first look at every domain now, so the dashboard has something to show at once.
                inventory.forEach(e -> running.runner().check(e.name()));
                WebServer server = running.web();
                Runtime.getRuntime().addShutdownHook(hook);
                out.println("Lapsewatch demo: scenario '" + SCENARIO + "' on a simulated internet (loopback only),"
                        + " simulated clock at " + sim.clock().instant());
                out.println("  Inventory: " + inventory.stream().map(e -> e.name().display() + " (" + e.lifecycle().wireName()
                        + ")").collect(Collectors.joining(", ")));
                out.println("  Mail log:  " + mailMessages + " recent deliveries from the gateway's log, some to the retired domain");
                out.println("  Data:      " + home.toAbsolutePath() + " (wiped at every start)");
                out.println("  The story: " + sim.scenario().description());
                out.println("  Move it forward (the watch follows):  curl -X POST '" + sim.rdapBaseUrl().resolve("/sim/clock?advance=30d") + "'");
                out.println();
                out.println("Open " + server.uri() + " in a browser and log in as '" + DEMO_USER + "' with password " + password);
                out.println("Press Ctrl-C to stop.");
                out.flush();
                try {
                    stop.await();
                } catch (InterruptedException e) {
                    // Stopped by the caller (tests) rather than Ctrl-C. The flag is restored only after
                    // the servers are closed: Jetty refuses to stop on an interrupted thread.
                    interrupted = true;
                    removeHook(hook);
                }
            }
        } finally {
            stopped.countDown();
        }
        out.println("Lapsewatch demo stopped.");
        out.flush();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stores what the gateway's mail log says about recent deliveries (a small Postfix log shipped
     * with the demo, some of it to the retired domain), as {@code serve} would from {@code mailflow.logs}.
     */
    private static int loadDemoMail(Database db, Clock clock) {
        try (InputStream log = DemoCommand.class.getResourceAsStream("demo-mail.log")) {
            if (log == null) {
                throw new IllegalStateException("demo-mail.log is missing from the build");
            }
            ScanCounters counters = new ScanCounters();
            ExposureAggregator aggregator = new ExposureAggregator(AddressPrivacy.clear(), 5, counters);
            MailLogScanner.of(LogFormat.POSTFIX, ZoneOffset.UTC, clock).scan(List.of("-"), log, aggregator, counters);
            var exposures = aggregator.exposures();
            new ExposureRepository(db).replaceSource("demo: gateway mail log", exposures, clock.instant());
            return exposures.stream().mapToInt(e -> (int) e.messages()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lets simulated time pass as real time does, so the demo's watch keeps its rhythm between jumps. */
    private record ClockDriver(Thread thread) implements AutoCloseable {
        static ClockDriver start(VirtualClock clock) {
            return new ClockDriver(Thread.ofVirtual().name("demo-clock").start(() -> {
                long last = System.nanoTime();
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    long now = System.nanoTime();
                    clock.advance(Duration.ofNanos(now - last));
                    last = now;
                }
            }));
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }

    static List<InventoryEntry> organisationDomains() {
        String resource = "demo-inventory.yml";
        try (InputStream in = DemoCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return InventoryReader.read(new InputStreamReader(in, StandardCharsets.UTF_8), InventoryFormat.YAML,
                    "builtin:" + resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Empties the demo home, refusing a directory that demo did not make. */
    private static void wipe(Path home) {
        try {
            if (Files.exists(home)) {
                boolean empty;
                try (Stream<Path> entries = Files.list(home)) {
                    empty = entries.findAny().isEmpty();
                }
                if (!empty && !Files.exists(home.resolve(MARKER))) {
                    throw new UsageException(home.toAbsolutePath() + " exists and was not made by 'lapsewatch demo';"
                            + " move it away or set a different home");
                }
                try (Stream<Path> all = Files.walk(home)) {
                    for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
            Files.createDirectories(home);
            Files.writeString(home.resolve(MARKER), "made by lapsewatch demo; wiped at every start\n");
        } catch (IOException e) {
            throw new UsageException("cannot prepare the demo directory " + home.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // shutting down already, or never registered
        }
    }
}
