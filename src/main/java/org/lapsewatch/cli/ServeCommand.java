package org.lapsewatch.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.lapsewatch.policy.DatabaseVerdictInputs;
import org.lapsewatch.policy.PolicyService;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.StoredFinding;
import org.lapsewatch.watch.Cadence;
import org.lapsewatch.watch.Watch;
import org.lapsewatch.web.WebServer;
import org.lapsewatch.web.WebServices;
import org.lapsewatch.alert.AlertService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lapsewatch serve}: the watch, the web server and the Postfix policy service until
 * SIGTERM or Ctrl-C. On shutdown the web server and policy service stop first, then the watch
 * stops taking new checks and waits (up to {@code watch.shutdownGrace}) for running ones so
 * their results are stored, and the database closes last.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Watch every inventory domain continuously, serve the web dashboard and the Postfix policy service.")
final class ServeCommand implements Callable<Integer> {
    /** How often alerts are planned and the outbox delivered. */
    private static final java.time.Duration ALERT_TICK = java.time.Duration.ofSeconds(30);

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--no-policy", description = "Do not run the Postfix policy service (e.g. when policy-server runs elsewhere).")
    boolean noPolicy;

    @Override
    public Integer call() throws InterruptedException {
        var loaded = config.load();
        Clock clock = Clock.systemUTC();
        // Started parts, closed in reverse order.
        Deque<AutoCloseable> started = new ArrayDeque<>();
        Database db = Database.open(loaded);
        started.push(db);
        WebServer web;
        PolicyService policy = null;
        try {
            var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            AlertService alerts = WatchWiring.alerts(loaded, db, clock).start(ALERT_TICK);
            started.push(alerts);
            var runner = WatchWiring.checkRunner(loaded, db, clock, alerts);
            started.push(Watch.start(db, runner, new Cadence(loaded.watch()), loaded.watch(), clock));
            WebServices services = WebServices.over(db, loaded, clock, alerts, metrics);
            web = WebServer.start(loaded.web(), services);
            started.push(web);
            if (!noPolicy) {
                policy = PolicyService.start(new DatabaseVerdictInputs(services.inventory(),
                                () -> services.findings().unresolved().stream().map(StoredFinding::finding).toList()),
                        loaded.policy(), metrics);
                started.push(policy);
            }
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAll(started);
            stopped.countDown();
        }, "lapsewatch-shutdown"));
        var out = spec.commandLine().getOut();
        out.println("lapsewatch: watching the inventory; dashboard at " + web.uri()
                + (policy == null ? "" : "; policy service on " + loaded.policy().host() + ":" + policy.policyPort()));
        web.setupUri().ifPresent(u -> out.println("lapsewatch: nobody has an account yet: open " + u
                + " once to create the first admin (or run 'lapsewatch users add NAME --role admin')"));
        out.flush();
        stopped.await();
        return Main.EXIT_OK;
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                System.err.println("lapsewatch: closing " + part.getClass().getSimpleName() + " failed: " + e);
            }
        }
    }
}
