package org.lapsewatch.mailflow;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Turns short, often repeated byte ranges (host names, program names) into shared strings without
 * allocating for a repeat. Bounded: when full it starts over, so memory stays flat.
 */
final class ByteInterner {
    /**
     * Starts over at half of this: 8,192 names, room for a busy gateway's senders. At 2,048 the
     * benchmark's 5,000 senders made it start over every few thousand lines, and the first reset
     * broke the JIT's assumption that it never happens, so the parser was compiled again.
     */
    private static final int SLOTS = 1 << 14;
    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];
    private int used;

    String intern(byte[] line, int from, int to) {
        int hash = 1;
        for (int i = from; i < to; i++) {
            hash = 31 * hash + line[i];
        }
        int mask = SLOTS - 1;
        int slot = (hash ^ (hash >>> 16)) & mask;
        for (int probe = 0; probe < SLOTS; probe++) {
            byte[] key = keys[slot];
            if (key == null) {
                break;
            }
            if (key.length == to - from && AsciiBytes.sameBytes(key, 0, line, from, key.length)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String value = new String(line, from, to - from, StandardCharsets.UTF_8);
        if (used >= SLOTS / 2) {
            Arrays.fill(keys, null);
            Arrays.fill(values, null);
            used = 0;
            slot = (hash ^ (hash >>> 16)) & mask;
        }
        keys[slot] = Arrays.copyOfRange(line, from, to);
        values[slot] = value;
        used++;
        return value;
    }
}
