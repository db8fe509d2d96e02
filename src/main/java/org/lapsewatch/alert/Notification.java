package org.lapsewatch.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * A message for one channel, with the idempotency key that makes its delivery count once:
 * the same (finding, transition, channel) always yields the same key, so the outbox stores it
 * once and a receiver that honours the key (or the e-mail Message-ID) sees it once. It is not
 * sent before {@code notBefore} (quiet hours).
 */
public record Notification(String key, String channel, Message message, Instant notBefore) {
    public Notification {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(notBefore, "notBefore");
        if (key.length() > 300) {
            throw new IllegalArgumentException("idempotency key longer than 300 characters: " + key);
        }
    }
}
