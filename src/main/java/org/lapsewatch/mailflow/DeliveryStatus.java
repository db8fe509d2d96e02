package org.lapsewatch.mailflow;

/** What became of one delivery attempt to one recipient. */
public enum DeliveryStatus {
    /** Handed to the next hop or delivered locally. */
    SENT,
    /** Tried and kept for a later retry. */
    DEFERRED,
    /** Given up on; a bounce went (or would go) to the sender. */
    BOUNCED,
    /** Refused before it was queued (policy, restrictions). */
    REJECTED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
