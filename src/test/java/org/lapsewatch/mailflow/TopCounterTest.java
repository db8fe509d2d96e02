package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Space-Saving top keys: exact while few keys were seen, bounded error and every heavy key kept beyond that. */
class TopCounterTest {
    @Test
    void counts_are_exact_while_at_most_capacity_keys_were_seen() {
        TopCounter top = new TopCounter(4);
        for (String key : List.of("b", "a", "c", "a", "d", "a", "b")) {
            top.add(new String(key)); // equal keys as distinct instances, as the parsers make them
        }

        assertThat(top.top(3)).containsExactly(new Count("a", 3), new Count("b", 2), new Count("c", 1));
    }

    @Test
    void a_stream_of_new_keys_keeps_every_heavy_key_with_a_bounded_overcount() {
        int capacity = 32;
        TopCounter top = new TopCounter(capacity);
        Map<String, Long> truth = new HashMap<>();
        Random random = new Random(42);
        int total = 200_000;
        for (int i = 0; i < total; i++) {
            int roll = random.nextInt(100);
            // three heavy keys (20 %, 10 %, 5 %), a few medium ones, and a long tail of keys seen about once
            String key = roll < 20 ? "heavy-a" : roll < 30 ? "heavy-b" : roll < 35 ? "heavy-c"
                    : roll < 45 ? "medium-" + random.nextInt(20) : "client-" + random.nextInt(1_000_000);
            top.add(key);
            truth.merge(key, 1L, Long::sum);
        }

        List<Count> all = top.top(capacity);
        assertThat(all).hasSize(capacity);
        assertThat(all.stream().mapToLong(Count::count).sum()).as("Space-Saving keeps the stream length").isEqualTo(total);
        assertThat(all).extracting(Count::value).startsWith("heavy-a", "heavy-b", "heavy-c");
        for (Count count : all) {
            long real = truth.get(count.value());
            assertThat(count.count()).as(count.value()).isBetween(real, real + total / capacity);
        }
        truth.forEach((key, real) -> {
            if (real > total / capacity) {
                assertThat(all).extracting(Count::value).as("a key above total/capacity is kept").contains(key);
            }
        });
    }
}
