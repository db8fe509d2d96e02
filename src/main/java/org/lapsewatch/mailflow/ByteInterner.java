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
    private static final int MAX_SLOTS = 1 << 14;
    /**
     * The table starts small and doubles. Besides saving memory on small logs, a small table has
     * probe collisions from its first names on: started at full size, the first collision came
     * only after the JIT had compiled the parser assuming there were none, and the parser was
     * thrown away and compiled again (about 0.2 s of a 1 GiB scan's compile time).
     */
    private static final int FIRST_SLOTS = 1 << 6;
    private byte[][] keys = new byte[FIRST_SLOTS][];
    private String[] values = new String[FIRST_SLOTS];
    private int used;

    String intern(byte[] line, int from, int to) {
        int hash = AsciiBytes.hash(line, from, to);
        int mask = keys.length - 1;
        int slot = hash & mask;
        for (byte[] key = keys[slot]; key != null; key = keys[slot]) {
            if (key.length == to - from && AsciiBytes.sameBytes(key, 0, line, from, key.length)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        String value = new String(line, from, to - from, StandardCharsets.UTF_8);
        if (used >= keys.length / 2) {
            if (keys.length < MAX_SLOTS) {
                grow();
            } else {
                Arrays.fill(keys, null);
                Arrays.fill(values, null);
                used = 0;
            }
            slot = emptySlot(keys, hash);
        }
        keys[slot] = Arrays.copyOfRange(line, from, to);
        values[slot] = value;
        used++;
        return value;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        values = new String[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = emptySlot(keys, AsciiBytes.hash(oldKeys[i], 0, oldKeys[i].length));
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int emptySlot(byte[][] table, int hash) {
        int mask = table.length - 1;
        int slot = hash & mask;
        while (table[slot] != null) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }
}
