package org.lapsewatch.policy;

/**
 * Chooses how the JDK waits for socket input on behalf of virtual threads, before the first
 * virtual thread blocks on a socket.
 *
 * <p>Why: on Linux the JDK's default runs its read pollers as virtual threads, queued on the same
 * two carriers as the connections they wake. On this project's 2-core benchmark machine that gave
 * more decisions per second but a wide tail (5 alternating runs, 64 connections: 108–123k/s,
 * p99 1.9–3.4 ms); platform poller threads, which wake connections from outside the carriers,
 * gave 89–110k/s with p99 1.4–1.7 ms. For a mail gateway the tail matters more than the last
 * 15 % of throughput. {@code jdk.pollerMode} is a JDK implementation property: a JDK that does
 * not know it ignores it, and an operator's own {@code -Djdk.pollerMode} is kept.
 */
public final class ReadPollers {
    private ReadPollers() {
    }

    /** Asks for platform poller threads unless the operator chose a mode; call first thing in main. */
    public static void preferPlatformThreads() {
        if (System.getProperty("jdk.pollerMode") == null) {
            System.setProperty("jdk.pollerMode", "1");
        }
    }
}
