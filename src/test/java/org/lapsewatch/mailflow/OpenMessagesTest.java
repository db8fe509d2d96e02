package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;
import org.lapsewatch.mailflow.OpenMessages.OpenMessage;

import static org.assertj.core.api.Assertions.assertThat;

class OpenMessagesTest {
    private final ScanCounters counters = new ScanCounters();
    private final OpenMessages<String> open = new OpenMessages<>(3, 100, counters);

    private void open(String id, long touched) {
        OpenMessage m = new OpenMessage(id + "#1");
        m.touchedEpochSecond = touched;
        open.put(id, m);
    }

    @Test
    void overTheBoundTheLeastRecentlyTouchedMessageEnds() {
        open("A", 100);
        open("B", 100);
        open("C", 100);
        open.get("A"); // touched again: B is now the least recent
        open("D", 100);
        assertThat(open.get("B")).isNull();
        assertThat(open.get("A")).isNotNull();
        assertThat(open.get("C")).isNotNull();
        assertThat(open.get("D")).isNotNull();
        assertThat(open.size()).isEqualTo(3);
        assertThat(counters.summary().evictedBySize()).isEqualTo(1);
    }

    @Test
    void messagesUntouchedForTheMaximumAgeEndOldestFirstAndFreshOnesStay() {
        open("A", 100);
        open("B", 200);
        open("C", 350);
        open.endUntouched(350);
        assertThat(open.get("A")).isNull();
        assertThat(open.get("B")).isNull();
        assertThat(open.get("C")).isNotNull();
        assertThat(counters.summary().evictedByAge()).isEqualTo(2);
    }

    @Test
    void beforeAnyTimeIsSeenNothingIsTooOld() {
        open("A", Long.MIN_VALUE);
        open.endUntouched(Long.MIN_VALUE);
        assertThat(open.get("A").logged.key()).isEqualTo("A#1");
        open.remove("A");
        assertThat(open.size()).isZero();
    }
}
