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
}
