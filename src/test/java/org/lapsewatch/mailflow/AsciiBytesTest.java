package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte searches and comparisons the log parsers are built on. */
class AsciiBytesTest {

    @Test
    void same_bytes_agrees_with_arrays_equals_for_every_length_offset_and_differing_position() {
        byte[] a = new byte[64];
        byte[] b = new byte[64];
        for (int i = 0; i < a.length; i++) {
            a[i] = (byte) ('a' + i % 26);
        }
        for (int aFrom = 0; aFrom < 5; aFrom++) {
            for (int bFrom = 0; bFrom < 5; bFrom++) {
                for (int length = 0; length <= 40; length++) {
                    System.arraycopy(a, aFrom, b, bFrom, length);
                    assertThat(AsciiBytes.sameBytes(a, aFrom, b, bFrom, length)).as("equal, length %d", length).isTrue();
                    for (int differ = 0; differ < length; differ++) {
                        b[bFrom + differ] ^= 0x20;
                        assertThat(AsciiBytes.sameBytes(a, aFrom, b, bFrom, length))
                                .as("length %d, differing at %d", length, differ)
                                .isEqualTo(Arrays.equals(a, aFrom, aFrom + length, b, bFrom, bFrom + length))
                                .isFalse();
                        b[bFrom + differ] ^= 0x20;
                    }
                }
            }
        }
    }

    @Test
    void index_of_a_needle_finds_the_first_whole_match() {
        byte[] line = "to=<a@b>, relay=x, delay=1, dsn=2.0.0, status=sent (ok), status=x".getBytes(StandardCharsets.US_ASCII);
        byte[] status = ", status=".getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiBytes.indexOf(line, 0, line.length, status)).isEqualTo(new String(line, StandardCharsets.US_ASCII).indexOf(", status="));
        assertThat(AsciiBytes.indexOf(line, 0, 40, status)).isEqualTo(-1); // the match would end past 'to'
        assertThat(AsciiBytes.indexOf(line, 0, line.length, ", s".getBytes(StandardCharsets.US_ASCII))).isEqualTo(37);
        assertThat(AsciiBytes.indexOf(line, 0, line.length, ",".getBytes(StandardCharsets.US_ASCII))).isEqualTo(8);
        assertThat(AsciiBytes.indexOf(line, 0, line.length, ", statuz".getBytes(StandardCharsets.US_ASCII))).isEqualTo(-1);
    }

    @Test
    void a_range_hashes_alike_wherever_it_sits_and_whatever_follows_it() {
        byte[] text = "gw1 postfix-out 3F2A1B4C5D6E7F8091A2 sender@agency.example".getBytes(StandardCharsets.US_ASCII);
        for (int from = 0; from < 20; from++) {
            for (int to = from; to <= text.length; to++) {
                byte[] exact = Arrays.copyOfRange(text, from, to);          // no room after: read byte by byte
                byte[] roomy = Arrays.copyOf(exact, exact.length + 16);     // garbage after: read whole and masked
                Arrays.fill(roomy, exact.length, roomy.length, (byte) 'x');
                int expected = AsciiBytes.hash(exact, 0, exact.length);
                assertThat(AsciiBytes.hash(text, from, to)).as("%d..%d in place", from, to).isEqualTo(expected);
                assertThat(AsciiBytes.hash(roomy, 0, exact.length)).as("%d..%d with bytes after", from, to).isEqualTo(expected);
            }
        }
    }

    @Test
    void queue_keys_spread_over_the_low_bits_tables_use() {
        int buckets = 1 << 14;
        int[] used = new int[buckets];
        java.util.Set<Integer> hashes = new java.util.HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            byte[] key = ("gw" + (i % 3) + " postfix " + Integer.toHexString(0x3F2A1B40 + i * 7).toUpperCase()).getBytes(StandardCharsets.US_ASCII);
            int hash = AsciiBytes.hash(key, 0, key.length);
            hashes.add(hash);
            used[hash & (buckets - 1)]++;
        }
        assertThat(hashes).hasSizeGreaterThan(99_990); // 32-bit hashes of 100,000 keys: a collision or two at most
        // about 6.1 keys per bucket; a poor mix of the low bits leaves buckets empty and others crowded
        assertThat(Arrays.stream(used).max().orElseThrow()).isLessThan(25);
        assertThat(Arrays.stream(used).filter(n -> n == 0).count()).isLessThan(buckets / 50);
    }
}
