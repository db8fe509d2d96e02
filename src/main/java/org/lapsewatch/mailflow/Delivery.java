package org.lapsewatch.mailflow;

import java.time.Instant;
import java.util.Objects;

/**
 * One delivery attempt to one recipient, joined with what the log said about its message.
 *
 * @param time              when the attempt was logged (null when the line had no usable time)
 * @param message           the message the attempt belongs to: the same object for each of its attempts
 * @param messageId         the message's Message-ID header as logged (Postfix {@code cleanup
 *                          message-id=}), or null when not seen; it identifies one message across
 *                          queue ids, e.g. before and after a content filter re-injects it
 * @param recipient         the final recipient address as logged
 * @param originalRecipient the address before alias expansion ({@code orig_to=}), or null
 * @param sender            the envelope sender ({@code ""} for bounces), or null when not seen
 * @param system            the system that made the attempt, e.g. {@code mta postfix-out/smtp}
 * @param origin            where the message came from, e.g. {@code client localhost[127.0.0.1]} or
 *                          {@code uid 33}, or null
 * @param status            what became of the attempt
 */
public record Delivery(Instant time, LoggedMessage message, String messageId, String recipient, String originalRecipient, String sender,
                       String system, String origin, DeliveryStatus status) {
    public Delivery {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(status, "status");
    }
}
