package org.lapsewatch.mailflow;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The messages a log parser has seen start but not end, least recently touched first. Memory
 * stays bounded whatever the log holds: over {@code max} messages the least recently touched
 * one is ended, and after each block of input those the log has not mentioned for the maximum
 * age are ended (a message whose end fell into a rotated-away file). Every message ended here is
 * counted; should the log mention it again, that starts another message.
 *
 * @param <K> how the parser identifies a message in its log (queue id, Exim message id, Exchange Message-ID)
 */
final class OpenMessages<K> {
    /** What the log has said so far about one open message. */
    static final class OpenMessage {
        final LoggedMessage logged;
        String sender;
        String origin;
        String messageId;
        long touchedEpochSecond;

        /** @param messageKey names the message (its {@code toString()}), e.g. the parser's key for it */
        OpenMessage(Object messageKey) {
            this.logged = new LoggedMessage(messageKey);
        }
    }

    private final long maxAgeSeconds;
    private final ScanCounters counters;
    private final LinkedHashMap<K, OpenMessage> byKey;

    OpenMessages(int max, long maxAgeSeconds, ScanCounters counters) {
        this.maxAgeSeconds = maxAgeSeconds;
        this.counters = counters;
        this.byKey = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, OpenMessage> eldest) {
                if (size() > max) {
                    counters.evictedBySize();
                    return true;
                }
                return false;
            }
        };
    }

    /** The open message, now the most recently touched; null when none. */
    OpenMessage get(K key) {
        return byKey.get(key);
    }

    void put(K key, OpenMessage message) {
        byKey.put(key, message);
    }

    /** Forgets the message (the log said it ended); nothing happens when it was not open. */
    void remove(K key) {
        byKey.remove(key);
    }

    int size() {
        return byKey.size();
    }

    /** Ends the messages not touched in the maximum age before {@code latestEpochSecond}. */
    void endUntouched(long latestEpochSecond) {
        if (latestEpochSecond == Long.MIN_VALUE) {
            return; // no time seen yet
        }
        long cutoff = latestEpochSecond - maxAgeSeconds;
        Iterator<OpenMessage> eldestFirst = byKey.values().iterator();
        while (eldestFirst.hasNext()) {
            OpenMessage message = eldestFirst.next();
            if (message.touchedEpochSecond >= cutoff) {
                break;
            }
            eldestFirst.remove();
            counters.evictedByAge();
        }
    }
}
