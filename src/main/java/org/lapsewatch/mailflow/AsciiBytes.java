package org.lapsewatch.mailflow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Searches over a line held as bytes, so that the hot path of a log scan neither decodes whole
 * lines into strings nor runs regular expressions. Log syntax is ASCII; values are decoded as UTF-8.
 */
final class AsciiBytes {
    private AsciiBytes() {
    }

    static byte[] of(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long LOW_BITS = 0x0101010101010101L;
    private static final long HIGH_BITS = 0x8080808080808080L;

    /** The index of {@code needle} in {@code line[from, to)}, or -1. */
    static int indexOf(byte[] line, int from, int to, byte[] needle) {
        int last = to - needle.length;
        byte first = needle[0];
        int i = from;
        while (i <= last) {
            i = indexOf(line, i, last + 1, first);
            if (i < 0) {
                return -1;
            }
            if (sameBytes(line, i + 1, needle, 1, needle.length - 1)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The index of {@code b} in {@code line[from, to)}, or -1; eight bytes at a time (a zero byte of {@code word ^ pattern}). */
    static int indexOf(byte[] line, int from, int to, byte b) {
        long pattern = (b & 0xFFL) * LOW_BITS;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long word = (long) LONGS.get(line, i) ^ pattern;
            long found = (word - LOW_BITS) & ~word & HIGH_BITS;
            if (found != 0) {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /**
     * True when {@code a[aFrom, aFrom + length)} and {@code b[bFrom, bFrom + length)} hold the same
     * bytes; eight at a time. The scan compares a few short ranges per line (a stamp, a queue key,
     * an interned name): {@link java.util.Arrays#equals(byte[], int, int, byte[], int, int)} checks both
     * ranges and calls out to a vectorized stub, which cost more than the comparison itself.
     */
    static boolean sameBytes(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
        if (length < 8) {
            for (int i = 0; i < length; i++) {
                if (a[aFrom + i] != b[bFrom + i]) {
                    return false;
                }
            }
            return true;
        }
        int last = length - 8;
        for (int i = 0; i < last; i += 8) {
            if ((long) LONGS.get(a, aFrom + i) != (long) LONGS.get(b, bFrom + i)) {
                return false;
            }
        }
        // the last eight bytes, overlapping what was compared already when length is not a multiple of 8
        return (long) LONGS.get(a, aFrom + last) == (long) LONGS.get(b, bFrom + last);
    }

    /** The odd constant the scan's hashes multiply by (2^64 / golden ratio); also the aggregator's fingerprints. */
    static final long MIX = 0x9E3779B97F4A7C15L;

    /**
     * A hash of {@code bytes[from, to)} for the parser's own tables (queue keys, interned names),
     * eight bytes at a time; the last partial word is read whole and masked when the array has room.
     * Ranges with the same bytes hash alike wherever they sit.
     */
    static int hash(byte[] bytes, int from, int to) {
        long h = to - from;
        int i = from;
        for (; i + 8 <= to; i += 8) {
            h = (h ^ (long) LONGS.get(bytes, i)) * MIX;
        }
        if (i < to) {
            long tail = 0;
            if (i + 8 <= bytes.length) {
                tail = (long) LONGS.get(bytes, i) & (-1L >>> ((8 - (to - i)) * 8));
            } else {
                for (int shift = 0; i < to; i++, shift += 8) {
                    tail |= (bytes[i] & 0xFFL) << shift;
                }
            }
            h = (h ^ tail) * MIX;
        }
        return (int) avalanche(h);
    }

    /**
     * Folds the high bits of a multiplied hash, where the multiplications put the mixing, into the
     * low ones that tables use, so that every bit depends on every input bit.
     */
    static long avalanche(long h) {
        h ^= h >>> 32;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 29);
    }

    static boolean startsWith(byte[] line, int at, int to, byte[] prefix) {
        if (to - at < prefix.length) {
            return false;
        }
        for (int j = 0; j < prefix.length; j++) {
            if (line[at + j] != prefix[j]) {
                return false;
            }
        }
        return true;
    }

    static String utf8(byte[] line, int from, int to) {
        return new String(line, from, to - from, StandardCharsets.UTF_8);
    }

    static String ascii(byte[] line, int from, int to) {
        return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** The decimal number in {@code line[from, to)}, or -1 when any byte is not a digit. */
    static int digits(byte[] line, int from, int to) {
        if (from >= to) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            if (!isDigit(line[i])) {
                return -1;
            }
            value = value * 10 + (line[i] - '0');
        }
        return value;
    }
}
