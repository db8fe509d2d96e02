package org.lapsewatch.alert;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.store.Database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills a delivering process (SIGKILL) at random moments, many times, and restarts it: every
 * notification arrives, and a receiver that honours the idempotency key sees each exactly once.
 * The receiver answers slowly, so many kills land after a request was sent and before the
 * outbox row was marked.
 */
class OutboxCrashTest {
    private static final int NOTIFICATIONS = 100;
    private final WebhookReceiver receiver = new WebhookReceiver();
    /** Every child started, so that none outlives a failed test (a hung one once spun a core for the rest of the build). */
    private final List<Process> children = new ArrayList<>();

    /** Kept when the test fails: the database file a hard kill left behind is the evidence. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path home;

    @BeforeEach
    void start() {
        receiver.start();
        receiver.delayAnswers(50);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process child : children) {
            child.destroyForcibly();
            child.waitFor(20, TimeUnit.SECONDS);
        }
        receiver.stop();
    }

    @Test
    void killing_the_process_between_send_and_mark_loses_nothing_and_duplicates_nothing() throws Exception {
        String url = "jdbc:h2:file:" + home.resolve("crash") + ";" + DatabaseSettings.H2_MODE;
        List<Notification> all = OutboxTest.notifications(NOTIFICATIONS, "ops", Instant.now());
        try (Database db = Database.open(url, null, null, 2, null)) {
            new Outbox(db.jdbi()).enqueue(all, Instant.now());
        }

        Path log = home.resolve("child.log");
        Random random = new Random(20190101);
        int kills = 0;
        for (int run = 0; run < 20 && pending(url) > 0; run++) {
            Process child = startChild(url, log);
            Thread.sleep(300 + random.nextInt(1500));
            if (child.isAlive()) {
                child.destroyForcibly();
                kills++;
            }
            assertThat(child.waitFor(20, TimeUnit.SECONDS)).isTrue();
            Thread.sleep(350); // past the lease, so the next process may resend what was in flight
        }
        // one more process delivers the rest; it says when the outbox is empty (the deadline is
        // only a guard against a hang: a loaded machine once needed minutes of restarts here)
        Process last = startChild(url, log);
        awaitLine(last, log, "outbox empty", TimeUnit.MINUTES.toNanos(5));
        last.destroy();
        assertThat(last.waitFor(20, TimeUnit.SECONDS)).isTrue();

        assertThat(pending(url)).as("notifications still pending; last child's output:%n%s", Files.readString(log)).isZero();
        assertThat(kills).as("kills while notifications were pending").isGreaterThanOrEqualTo(3);
        assertThat(receiver.acceptedByKey().keySet())
                .containsExactlyInAnyOrderElementsOf(all.stream().map(Notification::key).toList());
        // every resend is the same notification: same key, same body
        for (WebhookReceiver.Received r : receiver.received()) {
            assertThat(r.body()).isEqualTo(receiver.acceptedByKey().get(r.header("Idempotency-Key")));
        }
        System.out.printf("outbox crash test: %d kills, %d requests for %d notifications (%d resent after a kill)%n",
                kills, receiver.received().size(), NOTIFICATIONS, receiver.received().size() - NOTIFICATIONS);
    }

    private Process startChild(String url, Path log) throws Exception {
        Process child = new ProcessBuilder(javaExecutable(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                OutboxCrashChild.class.getName(), url, receiver.url(), "300")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        children.add(child);
        awaitReady(child, log);
        return child;
    }

    private static long pending(String url) {
        try (Database db = Database.open(url, null, null, 2, null)) {
            return new Outbox(db.jdbi()).depth();
        }
    }

    private static void awaitReady(Process child, Path log) throws Exception {
        awaitLine(child, log, "ready", TimeUnit.SECONDS.toNanos(30));
    }

    private static void awaitLine(Process child, Path log, String line, long timeoutNanos) throws Exception {
        long deadline = System.nanoTime() + timeoutNanos;
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).lines().anyMatch(line::equals)) {
                return;
            }
            if (!child.isAlive()) {
                throw new AssertionError("child exited before printing '" + line + "':\n" + Files.readString(log));
            }
            Thread.sleep(20);
        }
        // a thread dump in the child's output says where it is stuck (H2 2.5.252 once spun in
        // MVMap.operate on a row lock after a kill, 2026-12-07)
        new ProcessBuilder("kill", "-QUIT", Long.toString(child.pid())).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
        Thread.sleep(1000);
        throw new AssertionError("child did not print '" + line + "' in time (the database is kept in " + log.getParent()
                + "); its output and thread dump:\n" + Files.readString(log));
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
