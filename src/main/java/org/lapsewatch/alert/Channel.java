package org.lapsewatch.alert;

/** Somewhere a notification can be delivered: e-mail or a webhook. */
public sealed interface Channel permits EmailChannel, WebhookChannel {
    String name();

    /**
     * Delivers once. Throws when the receiver did not accept it; the outbox retries later with
     * the same idempotency key.
     */
    void deliver(Notification notification) throws DeliveryException;

    /** A delivery the receiver did not accept. */
    final class DeliveryException extends Exception {
        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }

        public DeliveryException(String message) {
            super(message);
        }
    }
}
