package org.lapsewatch.policy;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Decision lines are written in order by the background writer, never lost, and a decision waits on the sink only when the writer is far behind. */
class DecisionLogTest {

    /** A log whose sink blocks until {@code released} opens, then records each line in {@code written}. */
    private static DecisionLog stalledUntil(CountDownLatch released, List<String> written) {
        return new DecisionLog(line -> {
            try {
                released.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            written.add(line);
        }, "test");
    }

    @Test
    void aStalledSinkDoesNotHoldDecisionsAndEveryLineIsWrittenInOrder() throws InterruptedException {
        CountDownLatch sinkStalled = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        DecisionLog log = stalledUntil(sinkStalled, written);

        Thread decisions = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < 100; i++) {
                log.info("decision {} action={}", i, "reject");
            }
        });
        assertThat(decisions.join(java.time.Duration.ofSeconds(10))).as("decisions logged while the sink is stalled").isTrue();
        assertThat(written).isEmpty();

        sinkStalled.countDown();
        log.close();
        assertThat(written).containsExactlyElementsOf(
                IntStream.range(0, 100).mapToObj(i -> "decision " + i + " action=reject").toList());
    }

    @Test
    void afterCloseLinesAreWrittenDirectly() {
        List<String> written = new CopyOnWriteArrayList<>();
        DecisionLog log = new DecisionLog(written::add, "test");
        log.info("before close");
        log.close();
        log.info("after {}", "close");
        assertThat(written).containsExactly("before close", "after close");
    }

    @Test
    void aFullQueueMakesTheDecisionWriteItsOwnLineInsteadOfDroppingIt() throws InterruptedException {
        CountDownLatch sinkStalled = new CountDownLatch(1);
        List<String> written = new CopyOnWriteArrayList<>();
        DecisionLog log = stalledUntil(sinkStalled, written);
        int lines = DecisionLog.CAPACITY + 2;   // one held by the stalled writer, CAPACITY queued, one written directly
        Thread decisions = Thread.ofVirtual().start(() -> {
            for (int i = 0; i < lines; i++) {
                log.info("line {}", i);
            }
        });
        assertThat(decisions.join(java.time.Duration.ofMillis(300))).as("the last decision writes to the stalled sink").isFalse();
        sinkStalled.countDown();
        assertThat(decisions.join(java.time.Duration.ofSeconds(10))).isTrue();
        log.close();
        assertThat(written).containsExactlyInAnyOrderElementsOf(
                IntStream.range(0, lines).mapToObj(i -> "line " + i).toList());
    }

    /** Waits up to five seconds for {@code written} to hold {@code count} lines, without closing the log. */
    private static void awaitWritten(List<String> written, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (written.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assertThat(written).as("lines written while the log stays open").hasSize(count);
    }

    private static Thread.State writerState(String listener) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("lapsewatch-" + listener + "-decision-log"))
                .findFirst().orElseThrow().getState();
    }

    @Test
    void anIdleWriterSleepsUntilALineArrivesAndThenWritesIt() throws InterruptedException {
        List<String> written = new CopyOnWriteArrayList<>();
        DecisionLog log = new DecisionLog(written::add, "idle-test");
        try {
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (writerState("idle-test") != Thread.State.WAITING && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            assertThat(writerState("idle-test")).as("an idle writer waits without a timeout (no polling)")
                    .isEqualTo(Thread.State.WAITING);
            log.info("first");
            awaitWritten(written, 1);
            Thread.sleep(50); // asleep again
            log.info("second");
            awaitWritten(written, 2);
            assertThat(written).containsExactly("first", "second");
        } finally {
            log.close();
        }
    }

    @Test
    void linesFromManyThreadsInBurstsAreAllWrittenWhileTheLogStaysOpen() throws InterruptedException {
        List<String> written = new CopyOnWriteArrayList<>();
        DecisionLog log = new DecisionLog(written::add, "burst-test");
        try {
            int expected = 0;
            for (int burst = 0; burst < 20; burst++) {
                int b = burst;
                List<Thread> threads = IntStream.range(0, 8).mapToObj(t -> Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.info("burst {} thread {} line {}", b, t, i);
                    }
                })).toList();
                for (Thread thread : threads) {
                    thread.join();
                }
                expected += 8 * 50;
                awaitWritten(written, expected);
            }
        } finally {
            log.close();
        }
    }

    @Test
    void noLineIsLostWhenTheLogClosesWhileDecisionsAreLogging() throws InterruptedException {
        for (int round = 0; round < 20; round++) {
            List<String> written = new CopyOnWriteArrayList<>();
            DecisionLog log = new DecisionLog(written::add, "close-test");
            CountDownLatch halfway = new CountDownLatch(8);
            List<Thread> threads = IntStream.range(0, 8).mapToObj(t -> Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 500; i++) {
                    if (i == 250) {
                        halfway.countDown();
                    }
                    log.info("thread {} line {}", t, i);
                }
            })).toList();
            halfway.await();
            log.close();
            for (Thread thread : threads) {
                thread.join();
            }
            assertThat(written).as("round %d", round).hasSize(8 * 500).doesNotHaveDuplicates();
        }
    }
}
