package org.lapsewatch.mailflow;

/** Receives what a log parser finds: delivery attempts, and the end of each message's life. */
public interface DeliverySink {
    void delivery(Delivery delivery);

    /** The message with this key will log no more attempts; state kept for it may go. */
    void messageEnded(String messageKey);
}
