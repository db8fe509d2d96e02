package org.lapsewatch.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.lapsewatch.alert.AlertService;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.health.HealthCheck;
import org.lapsewatch.mailflow.MailflowFollower;
import org.lapsewatch.policy.DatabaseVerdictInputs;
import org.lapsewatch.policy.PolicyService;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.StoredFinding;
import org.lapsewatch.watch.Cadence;
import org.lapsewatch.watch.CheckRunner;
import org.lapsewatch.watch.Watch;
import org.lapsewatch.web.WebServer;
import org.lapsewatch.web.WebServices;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Lapsewatch's long-running parts started together over one database — alerts, the watch, the
 * mail-log follower, (optionally) the policy service and the web server, whose {@code /health}
 * asks the others — and closed in reverse order: the web and policy listeners first, then the
 * watch (which lets started checks finish), alerts last. {@code serve} and {@code demo} both run this.
 */
final class Running implements AutoCloseable {
    /** How often alerts are planned and the outbox delivered. */
    private static final Duration ALERT_TICK = Duration.ofSeconds(30);
    /** When the first DNS reference walk runs: soon, but not in the way of startup; then every {@code dns.walkInterval}. */
    private static final Duration FIRST_REFERENCE_WALK = Duration.ofSeconds(20);

    private final Deque<AutoCloseable> started;
    private final WebServer web;
    private final PolicyService policy;
    private final CheckRunner runner;

    private Running(Deque<AutoCloseable> started, WebServer web, PolicyService policy, CheckRunner runner) {
        this.started = started;
        this.web = web;
        this.policy = policy;
        this.runner = runner;
    }

    /** Starts everything; if one part fails, the parts already started are closed and the failure is thrown. */
    static Running start(LapsewatchConfig config, Database db, Clock clock, boolean withPolicy) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            var metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            AlertService alerts = WatchWiring.alerts(config, db, clock).start(ALERT_TICK);
            started.push(alerts);
            CheckRunner runner = WatchWiring.checkRunner(config, db, clock, alerts, metrics);
            Watch watch = Watch.start(db, runner, new Cadence(config.watch()), config.watch(), clock);
            started.push(watch);
            MailflowFollower mailflow = WatchWiring.mailflowFollower(config, db, clock);
            try {
                mailflow.start();
            } catch (IOException e) {
                throw new UncheckedIOException("mailflow.logs: " + e.getMessage(), e);
            }
            started.push(mailflow);
            started.push(WatchWiring.referenceWalk(config, db, clock).start(FIRST_REFERENCE_WALK, config.dns().walkInterval()));
            WebServices services = WebServices.over(db, config, clock, alerts, metrics);
            PolicyService policy = null;
            if (withPolicy) {
                policy = PolicyService.start(new DatabaseVerdictInputs(services.inventory(),
                        () -> services.findings().unresolved().stream().map(StoredFinding::finding).toList()), config.policy(), metrics);
                started.push(policy);
            }
            List<HealthCheck.Part> parts = new ArrayList<>(List.of(() -> alerts.stall(HealthCheck.STALL_AFTER),
                    () -> watch.stall(HealthCheck.STALL_AFTER)));
            if (policy != null) {
                parts.add(policy::staleVerdicts);
            }
            WebServer web = WebServer.start(config.web(), services, new HealthCheck(db.dataSource(), parts));
            started.push(web);
            return new Running(started, web, policy, runner);
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    WebServer web() {
        return web;
    }

    /** The policy service, or null when it was not started. */
    PolicyService policy() {
        return policy;
    }

    /** Runs checks outside the schedule (the demo checks every domain once at start). */
    CheckRunner runner() {
        return runner;
    }

    @Override
    public void close() {
        closeAll(started);
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
