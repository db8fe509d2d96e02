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
}
