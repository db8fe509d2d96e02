package org.lapsewatch.mailflow;

import java.util.ArrayList;
import java.util.List;

/**
 * The most frequent keys in constant space (Space-Saving, Metwally et al. 2005): exact while at
 * most {@code capacity} distinct keys were seen; beyond that a new key takes the place of a least
 * counted one and inherits its count, so a count may be too high by at most total/capacity, and
 * every key more frequent than that is kept.
 *
 * <p>Built for a scan that touches thousands of these in turn, so that each add touches few cache
 * lines: a one-line hash index finds a key's slot (no scan of every key), and the least counted
 * slot is found from a remembered lower bound of the counts, resuming where the last eviction
 * stopped. When every key is new (a client host with its address), most evictions check one or
 * two slots; a full pass over the counts is needed only when no slot is left at the bound.
 */
final class TopCounter {
    private final String[] keys;
    private final int[] hashes;
    private final long[] counts;
    /** Open addressing (linear probing) from a key's hash to its slot + 1; 0 marks an empty entry. */
    private final byte[] index;
    private final int indexMask;
    private int size;
    /** The slot added to last: one message's recipients repeat its sender and origin. */
    private int last = -1;
    /** At most the smallest count (counts only grow), so a slot holding it is a least counted one. */
    private long floor;
    /** Where the search for a slot at {@link #floor} resumes. */
    private int cursor;

    TopCounter(int capacity) {
        if (capacity < 1 || capacity > Byte.MAX_VALUE) {
            throw new IllegalArgumentException("capacity must be 1 to " + Byte.MAX_VALUE + ", got " + capacity);
        }
        keys = new String[capacity];
        hashes = new int[capacity];
        counts = new long[capacity];
        int indexSize = Integer.highestOneBit(capacity * 4 - 1);
        index = new byte[indexSize];
        indexMask = indexSize - 1;
    }

    void add(String key) {
        if (last >= 0 && keys[last] == key) {
            counts[last]++;
            return;
        }
        int hash = key.hashCode();
        int entry = hash & indexMask;
        while (index[entry] != 0) {
            int slot = index[entry] - 1;
            if (hashes[slot] == hash && keys[slot].equals(key)) {
                counts[slot]++;
                last = slot;
                return;
            }
            entry = (entry + 1) & indexMask;
        }
        int slot;
        if (size < keys.length) {
            slot = size++;
        } else {
            slot = leastCounted();
            unindex(slot);
            entry = hash & indexMask;
            while (index[entry] != 0) {
                entry = (entry + 1) & indexMask;
            }
        }
        keys[slot] = key;
        hashes[slot] = hash;
        counts[slot]++;
        index[entry] = (byte) (slot + 1);
        last = slot;
    }

    /** The {@code n} most frequent keys, most frequent first, ties by key (a selection: n is small). */
    List<Count> top(int n) {
        boolean[] taken = new boolean[size];
        List<Count> result = new ArrayList<>(Math.min(n, size));
        for (int rank = 0; rank < n && rank < size; rank++) {
            int best = -1;
            for (int slot = 0; slot < size; slot++) {
                if (!taken[slot] && (best < 0 || counts[slot] > counts[best]
                        || counts[slot] == counts[best] && keys[slot].compareTo(keys[best]) < 0)) {
                    best = slot;
                }
            }
            taken[best] = true;
            result.add(new Count(keys[best], counts[best]));
        }
        return result;
    }

    /** A slot with the smallest count (the table is full). */
    private int leastCounted() {
        for (int checked = 0; checked < size; checked++) {
            int slot = cursor;
            cursor = slot + 1 == size ? 0 : slot + 1;
            if (counts[slot] == floor) {
                return slot;
            }
        }
        int least = 0;
        for (int slot = 1; slot < size; slot++) {
            if (counts[slot] < counts[least]) {
                least = slot;
            }
        }
        floor = counts[least];
        cursor = least + 1 == size ? 0 : least + 1;
        return least;
    }

    /** Removes a slot's key from the index, moving later entries of its probe run back (no tombstones). */
    private void unindex(int slot) {
        int entry = hashes[slot] & indexMask;
        while (index[entry] != slot + 1) {
            entry = (entry + 1) & indexMask;
        }
        int hole = entry;
        index[hole] = 0;
        for (int next = (hole + 1) & indexMask; index[next] != 0; next = (next + 1) & indexMask) {
            int home = hashes[index[next] - 1] & indexMask;
            // the entry at next may move back to the hole unless its home lies cyclically in (hole, next]
            boolean homeAfterHole = hole <= next ? home > hole && home <= next : home > hole || home <= next;
            if (!homeAfterHole) {
                index[hole] = index[next];
                index[next] = 0;
                hole = next;
            }
        }
    }
}
