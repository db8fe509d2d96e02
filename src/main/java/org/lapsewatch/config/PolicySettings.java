package org.lapsewatch.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code policy:} — the Postfix policy service, the transport lookup and the verdict policy that
 * turns the inventory and the findings into a verdict per recipient domain.
 *
 * <p>Actions are {@code allow}, {@code warn}, {@code hold}, {@code defer} and {@code reject}
 * (weakest to strongest); when several apply to a domain the strongest wins.
 *
 * @param host                 address to bind. Default: 127.0.0.1.
 * @param port                 SMTP access policy delegation port. Default: 10040.
 * @param socketmapPort        Postfix socketmap port for {@code transport_maps}. Default: 10041.
 * @param socketmapEnabled     run the socketmap listener at all. Default: true.
 * @param failMode             {@code open} (DUNNO) or {@code closed} (DEFER_IF_PERMIT) on internal errors and
 *                             unreadable requests. Default: open.
 * @param dryRun               only log decisions, answer DUNNO / NOTFOUND. Default: false.
 * @param refreshInterval      how often verdicts are rebuilt from the database. Default: 30s.
 * @param idleTimeout          a connection silent this long is closed; keep it above Postfix's
 *                             {@code smtpd_policy_service_max_idle} (300s). Default: 330s.
 * @param maxLineLength        longest request line in bytes, newline included. Default: 8192.
 * @param maxAttributes        most {@code name=value} lines in one request. Default: 100.
 * @param maxRequestBytes      largest request in bytes. Default: 65536.
 * @param maxConnections       most open connections per listener; more are closed at once. Default: 10000.
 * @param rejectText           the reply text; {@code {domain}} and {@code {reason}} are replaced. Default:
 *                             "Lapsewatch: {domain} is no longer a trusted destination ({reason})".
 * @param allowlist            recipient domains that always get {@code allow}. Default: empty.
 * @param senderExceptions     senders (an address, or {@code @domain} / a domain for every sender there)
 *                             that may still send to the listed recipient domains ({@code *}: all). Default: empty.
 * @param lifecycleActions     action per inventory lifecycle. Default: active allow, defensive allow,
 *                             retired warn, decommissioned reject.
 * @param findingActions       action per open finding's rule id for domains that are not {@code active}
 *                             (retired, defensive, decommissioned, or outside the inventory). Default:
 *                             re-registered and available reject; quarantine, redemption, pending-delete, hold
 *                             and unknown-too-long defer.
 * @param activeFindingActions action per rule id for {@code active} domains, where a false alarm would stop
 *                             the organisation's own mail. Default: re-registered and available reject.
 * @param statusPort           port of {@code policy-server}'s {@code /metrics} and {@code /health} (on
 *                             {@code host}); {@code serve} has them on its web port. Default: 10042.
 */
public record PolicySettings(String host, Integer port, Integer socketmapPort, Boolean socketmapEnabled,
                             String failMode, Boolean dryRun, Duration refreshInterval, Duration idleTimeout,
                             Integer maxLineLength, Integer maxAttributes, Integer maxRequestBytes,
                             Integer maxConnections, String rejectText, List<String> allowlist,
                             Map<String, List<String>> senderExceptions, Map<String, String> lifecycleActions,
                             Map<String, String> findingActions, Map<String, String> activeFindingActions,
                             Integer statusPort) {

    /** The action names, weakest first. */
    public static final List<String> ACTIONS = List.of("allow", "warn", "hold", "defer", "reject");
    private static final Set<String> LIFECYCLES = Set.of("active", "retired", "defensive", "decommissioned");

    public PolicySettings {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 10040 : port;
        socketmapPort = socketmapPort == null ? 10041 : socketmapPort;
        socketmapEnabled = socketmapEnabled == null || socketmapEnabled;
        statusPort = statusPort == null ? 10042 : statusPort;
        failMode = failMode == null ? "open" : failMode;
        dryRun = dryRun != null && dryRun;
        refreshInterval = refreshInterval == null ? Duration.ofSeconds(30) : refreshInterval;
        idleTimeout = idleTimeout == null ? Duration.ofSeconds(330) : idleTimeout;
        maxLineLength = maxLineLength == null ? 8192 : maxLineLength;
        maxAttributes = maxAttributes == null ? 100 : maxAttributes;
        maxRequestBytes = maxRequestBytes == null ? 65536 : maxRequestBytes;
        maxConnections = maxConnections == null ? 10000 : maxConnections;
        rejectText = rejectText == null ? "Lapsewatch: {domain} is no longer a trusted destination ({reason})" : rejectText;
        allowlist = allowlist == null ? List.of() : List.copyOf(allowlist);
        senderExceptions = senderExceptions == null ? Map.of() : copyOfLists(senderExceptions);
        lifecycleActions = withDefaults(lifecycleActions,
                Map.of("active", "allow", "defensive", "allow", "retired", "warn", "decommissioned", "reject"));
        findingActions = findingActions == null ? Map.of(
                "registration.re-registered", "reject",
                "registration.available", "reject",
                "registration.quarantine", "defer",
                "registration.redemption", "defer",
                "registration.pending-delete", "defer",
                "registration.hold", "defer",
                "registration.unknown-too-long", "defer") : Map.copyOf(findingActions);
        activeFindingActions = activeFindingActions == null ? Map.of(
                "registration.re-registered", "reject",
                "registration.available", "reject") : Map.copyOf(activeFindingActions);

        Settings.requirePort("port", port);
        Settings.requirePort("socketmapPort", socketmapPort);
        Settings.requirePort("statusPort", statusPort);
        if (!failMode.equals("open") && !failMode.equals("closed")) {
            throw new IllegalArgumentException("failMode must be open or closed, got '" + failMode + "'");
        }
        Settings.requirePositive("refreshInterval", refreshInterval);
        Settings.requirePositive("idleTimeout", idleTimeout);
        Settings.requireAtLeast("maxLineLength", maxLineLength, 256);
        Settings.requireAtLeast("maxAttributes", maxAttributes, 1);
        Settings.requireAtLeast("maxRequestBytes", maxRequestBytes, maxLineLength);
        Settings.requireAtLeast("maxConnections", maxConnections, 1);
        if (rejectText.isBlank() || rejectText.indexOf('\n') >= 0 || rejectText.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("rejectText must be one non-empty line");
        }
        for (var e : lifecycleActions.entrySet()) {
            if (!LIFECYCLES.contains(e.getKey())) {
                throw new IllegalArgumentException("lifecycleActions: unknown lifecycle '" + e.getKey()
                        + "' (expected active, retired, defensive or decommissioned)");
            }
            requireAction("lifecycleActions." + e.getKey(), e.getValue());
        }
        findingActions.forEach((rule, action) -> requireAction("findingActions." + rule, action));
        activeFindingActions.forEach((rule, action) -> requireAction("activeFindingActions." + rule, action));
    }

    public static PolicySettings defaults() {
        return new PolicySettings(null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    /** A copy with other listener ports (tests and the CLI bind port 0 or overrides). */
    public PolicySettings withPorts(int newPort, int newSocketmapPort, int newStatusPort) {
        return new PolicySettings(host, newPort, newSocketmapPort, socketmapEnabled, failMode, dryRun,
                refreshInterval, idleTimeout, maxLineLength, maxAttributes, maxRequestBytes, maxConnections,
                rejectText, allowlist, senderExceptions, lifecycleActions, findingActions, activeFindingActions, newStatusPort);
    }

    /** A copy with another fail mode and dry-run flag (command-line overrides). */
    public PolicySettings withBehaviour(String newFailMode, boolean newDryRun) {
        return new PolicySettings(host, port, socketmapPort, socketmapEnabled, newFailMode, newDryRun,
                refreshInterval, idleTimeout, maxLineLength, maxAttributes, maxRequestBytes, maxConnections,
                rejectText, allowlist, senderExceptions, lifecycleActions, findingActions, activeFindingActions, statusPort);
    }

    private static void requireAction(String key, String action) {
        if (action == null || !ACTIONS.contains(action.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(key + " must be one of " + ACTIONS + ", got '" + action + "'");
        }
    }

    private static Map<String, String> withDefaults(Map<String, String> given, Map<String, String> defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        if (given != null) {
            merged.putAll(given);
        }
        return Map.copyOf(merged);
    }

    private static Map<String, List<String>> copyOfLists(Map<String, List<String>> given) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        given.forEach((k, v) -> copy.put(k, v == null ? List.of() : List.copyOf(v)));
        return Map.copyOf(copy);
    }
}
