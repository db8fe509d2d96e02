package org.lapsewatch.config;

/**
 * {@code policy:} — the Postfix policy service and transport lookup.
 *
 * @param host          address to bind. Default: 127.0.0.1.
 * @param port          SMTP access policy delegation port. Default: 10040.
 * @param socketmapPort Postfix socketmap port for {@code transport_maps}. Default: 10041.
 * @param failMode      {@code open} (DUNNO) or {@code closed} (DEFER_IF_PERMIT) on internal errors. Default: open.
 * @param dryRun        only log decisions. Default: false.
 */
public record PolicySettings(String host, Integer port, Integer socketmapPort, String failMode, Boolean dryRun) {
    public PolicySettings {
        host = host == null ? "127.0.0.1" : host;
        port = port == null ? 10040 : port;
        socketmapPort = socketmapPort == null ? 10041 : socketmapPort;
        failMode = failMode == null ? "open" : failMode;
        dryRun = dryRun != null && dryRun;
        Settings.requirePort("port", port);
        Settings.requirePort("socketmapPort", socketmapPort);
        if (!failMode.equals("open") && !failMode.equals("closed")) {
            throw new IllegalArgumentException("failMode must be open or closed, got '" + failMode + "'");
        }
    }

    public static PolicySettings defaults() {
        return new PolicySettings(null, null, null, null, null);
    }
}
