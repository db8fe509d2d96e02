package org.lapsewatch.mailflow;

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

    /** The index of {@code needle} in {@code line[from, to)}, or -1. */
    static int indexOf(byte[] line, int from, int to, byte[] needle) {
        int last = to - needle.length;
        byte first = needle[0];
        outer:
        for (int i = from; i <= last; i++) {
            if (line[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (line[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static int indexOf(byte[] line, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
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
