package org.lapsewatch.mailflow;

/**
 * One message as a log tells of it: a parser makes one when a message first appears (a Postfix
 * queue id, an Exim message id, an Exchange Message-ID) and hands the same object with each of
 * its delivery attempts. A queue id that Postfix reuses later is another message, so another object.
 *
 * <p>It also holds the aggregator's note of the domains the message has been counted for. Kept
 * here, counting a message once per domain needs no table of open messages on the aggregating
 * side (looking that table up was a quarter of the aggregation's time), and the note goes when the
 * parser and the last attempt let go of the message.
 */
public final class LoggedMessage {
    /** The parser's own key (its text is {@link #key()}): a Postfix parser's bytes are not decoded per message. */
    private final Object key;
    /**
     * The domain the message has been counted for, or a list of them; null before its first.
     * Read and written only by the thread that aggregates (the parser hands the message over
     * through a queue and never looks at it).
     */
    Object countedFor;

    /** @param key names the message within its log; its {@code toString()} is the name */
    LoggedMessage(Object key) {
        this.key = java.util.Objects.requireNonNull(key, "key");
    }

    /** The message's name within its log, e.g. {@code mta postfix 824E816056F}. */
    public String key() {
        return key.toString();
    }

    @Override
    public String toString() {
        return key();
    }
}
