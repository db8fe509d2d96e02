package org.lapsewatch.mailflow;

/**
 * A set of at most {@code capacity} longs in one growing {@code long[]} (open addressing), for
 * counting distinct recipients without boxing. Zero is kept as a separate flag.
 */
final class LongSet {
    private final int capacity;
    private long[] slots = new long[16];
    private boolean hasZero;
    private int size;

    LongSet(int capacity) {
        this.capacity = capacity;
    }

    /**
     * Adds a value when there is room.
     *
     * @return true when the value is in the set now; false when it is new and the set is full
     */
    boolean tryAdd(long value) {
        if (value == 0) {
            if (!hasZero) {
                if (size >= capacity) {
                    return false;
                }
                hasZero = true;
                size++;
            }
            return true;
        }
        int slot = find(slots, value);
        if (slots[slot] == value) {
            return true;
        }
        if (size >= capacity) {
            return false;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
            slot = find(slots, value);
        }
        slots[slot] = value;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    /** The slot holding {@code value}, or the empty slot where it belongs. */
    private static int find(long[] table, long value) {
        int mask = table.length - 1;
        int slot = ((int) (value ^ (value >>> 32)) * 0x9E3779B9) & mask;
        while (table[slot] != 0 && table[slot] != value) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long value : slots) {
            if (value != 0) {
                bigger[find(bigger, value)] = value;
            }
        }
        slots = bigger;
    }
}
