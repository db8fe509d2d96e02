package org.lapsewatch.policy;

import io.micrometer.core.instrument.MeterRegistry;
import org.lapsewatch.config.PolicySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The gateway enforcement service: the SMTP access policy listener ({@code check_policy_service})
 * and the socketmap listener ({@code transport_maps}), answering from a verdict table that a
 * {@link VerdictRefresher} keeps current. {@code policy-server} runs it standalone; {@code serve}
 * can run it in-process.
 *
 * <pre>{@code
 * try (PolicyService service = PolicyService.start(inputs, config.policy(), registry)) {
 *     ... service.policyPort(), service.socketmapPort() ...
 * }
 * }</pre>
 */
public final class PolicyService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PolicyService.class);

    private final VerdictRefresher refresher;
    private final TcpListener policy;
    private final TcpListener socketmap;
    private final DecisionLog policyDecisions = DecisionLog.to(LoggerFactory.getLogger(PolicyConnection.class), "policy");
    private final DecisionLog socketmapDecisions =
            DecisionLog.to(LoggerFactory.getLogger(SocketmapConnection.class), "socketmap");

    private PolicyService(VerdictRefresher refresher, Supplier<VerdictTable> tables, PolicySettings settings,
                          MeterRegistry registry) throws IOException {
        this.refresher = refresher;
        PolicyMetrics metrics = new PolicyMetrics(registry);
        metrics.gaugeVerdicts(tables);
        ServeOptions options = ServeOptions.from(settings);
        PolicyMetrics.Listener policyMeters = metrics.listener("policy");
        try {
            this.policy = new TcpListener("policy", settings.host(), settings.port(), settings.maxConnections(),
                    settings.idleTimeout(),
                    connection -> new PolicyConnection(connection, options, tables, policyMeters, policyDecisions).serve(),
                    policyMeters);
        } catch (IOException e) {
            closeDecisionLogs();
            throw e;
        }
        TcpListener transport = null;
        if (settings.socketmapEnabled()) {
            PolicyMetrics.Listener socketmapMeters = metrics.listener("socketmap");
            try {
                transport = new TcpListener("socketmap", settings.host(), settings.socketmapPort(),
                        settings.maxConnections(), settings.idleTimeout(),
                        connection -> new SocketmapConnection(connection, options, tables, socketmapMeters,
                                socketmapDecisions).serve(),
                        socketmapMeters);
            } catch (IOException e) {
                policy.close();
                closeDecisionLogs();
                throw e;
            }
        }
        this.socketmap = transport;
        log.info("policy service listening: policy {}:{}, socketmap {}, fail mode {}{}; connection threads run {}{}",
                settings.host(), policyPort(), socketmap == null ? "off" : settings.host() + ":" + socketmapPort(),
                options.failMode(), options.dryRun() ? ", DRY RUN (answers DUNNO / NOTFOUND)" : "", policy.scheduling(),
                LoopScheduling.available() ? "" : " (" + LoopScheduling.whyUnavailable() + ")");
    }

    /**
     * Loads the verdicts (failing when the first load fails), starts the periodic refresh and both
     * listeners.
     *
     * @throws UncheckedIOException when a port cannot be bound
     */
    public static PolicyService start(VerdictInputs inputs, PolicySettings settings, MeterRegistry registry) {
        VerdictRefresher refresher = new VerdictRefresher(inputs, VerdictPolicy.from(settings), registry);
        refresher.start(settings.refreshInterval());
        try {
            return new PolicyService(refresher, refresher, settings, registry);
        } catch (IOException e) {
            refresher.close();
            throw new UncheckedIOException("cannot listen on " + settings.host() + ": " + e.getMessage(), e);
        }
    }

    /** Listeners answering from {@code tables} with no refresher (tests inject tables, failing ones too). */
    static PolicyService serving(Supplier<VerdictTable> tables, PolicySettings settings, MeterRegistry registry)
            throws IOException {
        return new PolicyService(null, tables, settings, registry);
    }

    public int policyPort() {
        return policy.port();
    }

    /** The socketmap port, or -1 when the socketmap listener is off. */
    public int socketmapPort() {
        return socketmap == null ? -1 : socketmap.port();
    }

    /** The current verdicts. */
    public VerdictTable verdicts() {
        return refresher == null ? VerdictTable.empty() : refresher.get();
    }

    /** What is wrong when every reload for three intervals has failed, so the verdicts in force are stale; empty otherwise. */
    public Optional<String> staleVerdicts() {
        return refresher == null ? Optional.empty() : refresher.staleness();
    }

    /** Reloads the verdicts now (e.g. after findings changed), instead of waiting for the interval. */
    public void refreshNow() {
        if (refresher != null) {
            refresher.refresh();
        }
    }

    /** Stops accepting, closes every connection and stops refreshing. */
    @Override
    public void close() {
        policy.close();
        if (socketmap != null) {
            socketmap.close();
        }
        closeDecisionLogs();
        if (refresher != null) {
            refresher.close();
        }
        log.info("policy service stopped");
    }

    /** After the listeners: the decisions they made are still logged, in order. */
    private void closeDecisionLogs() {
        policyDecisions.close();
        socketmapDecisions.close();
    }
}
