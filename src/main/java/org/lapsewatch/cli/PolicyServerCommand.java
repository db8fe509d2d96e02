package org.lapsewatch.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.PolicySettings;
import org.lapsewatch.health.HealthCheck;
import org.lapsewatch.health.StatusServer;
import org.lapsewatch.policy.DatabaseVerdictInputs;
import org.lapsewatch.policy.PolicyService;
import org.lapsewatch.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lapsewatch policy-server}: the Postfix policy and socketmap listeners, standalone, answering
 * from the shared database's verdicts until SIGTERM or SIGINT, with {@code /metrics} and
 * {@code /health} on {@code policy.statusPort}.
 */
@Command(name = "policy-server", mixinStandardHelpOptions = true,
        description = {"Run the Postfix policy service (check_policy_service) and the transport lookup "
                + "(socketmap for transport_maps) against the shared database, until stopped."})
final class PolicyServerCommand implements Runnable {
    @Mixin
    ConfigOption config;
    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "Only log what would be done; answer DUNNO / NOTFOUND.")
    boolean dryRun;
    @Option(names = "--fail-mode", paramLabel = "open|closed",
            description = "On internal errors and unreadable requests: open (DUNNO) or closed (DEFER_IF_PERMIT). "
                    + "Default: policy.failMode.")
    String failMode;
    @Option(names = "--port", paramLabel = "PORT", description = "Policy port (default: policy.port).")
    Integer port;
    @Option(names = "--socketmap-port", paramLabel = "PORT", description = "Socketmap port (default: policy.socketmapPort).")
    Integer socketmapPort;

    @Option(names = "--status-port", paramLabel = "PORT", description = "Port of /metrics and /health (default: policy.statusPort).")
    Integer statusPort;

    @Override
    public void run() {
        LapsewatchConfig loaded = config.load();
        PolicySettings settings = overridden(loaded.policy());
        CountDownLatch stopped = new CountDownLatch(1);
        Database db = Database.open(loaded);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        PolicyService service;
        StatusServer status;
        try {
            service = PolicyService.start(DatabaseVerdictInputs.of(db, Clock.systemUTC()), settings, metrics);
            try {
                status = StatusServer.start(settings.host(), settings.statusPort(),
                        new HealthCheck(db.dataSource(), List.of(service::staleVerdicts)), metrics);
            } catch (RuntimeException e) {
                service.close();
                throw e;
            }
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            status.close();
            service.close();
            db.close();
            stopped.countDown();
        }, "lapsewatch-policy-shutdown"));
        spec.commandLine().getErr().println("policy-server: policy on " + settings.host() + ":" + service.policyPort()
                + ", socketmap on " + (service.socketmapPort() < 0 ? "off" : settings.host() + ":" + service.socketmapPort())
                + ", " + service.verdicts().verdicts().size() + " domains with a verdict"
                + "; /metrics and /health on http://" + settings.host() + ":" + status.port() + "/");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private PolicySettings overridden(PolicySettings s) {
        if (failMode != null && !failMode.equals("open") && !failMode.equals("closed")) {
            throw new UsageException("--fail-mode must be open or closed, got '" + failMode + "'");
        }
        PolicySettings out = s.withBehaviour(failMode == null ? s.failMode() : failMode, dryRun || s.dryRun());
        return out.withPorts(port == null ? s.port() : port, socketmapPort == null ? s.socketmapPort() : socketmapPort,
                statusPort == null ? s.statusPort() : statusPort);
    }
}
