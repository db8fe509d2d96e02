package org.lapsewatch.alert;

import org.lapsewatch.config.AlertSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers what the outbox holds: claims due notifications, hands each to its channel, marks it
 * sent or schedules a retry with exponential backoff and jitter. Delivery is at least once; the
 * idempotency key makes it count once at receivers that honour it.
 */
public final class OutboxDispatcher {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxDispatcher.class);
    /** How long a claimed notification is reserved for one delivery attempt. */
    static final Duration LEASE = Duration.ofMinutes(5);

    private final Outbox outbox;
    private final Map<String, Channel> channels;
    private final AlertSettings settings;
    private final Clock clock;
    private final Duration lease;

    public OutboxDispatcher(Outbox outbox, Map<String, Channel> channels, AlertSettings settings, Clock clock) {
        this(outbox, channels, settings, clock, LEASE);
    }

    /** With a custom lease: how long a process that died mid-delivery keeps a notification reserved. */
    OutboxDispatcher(Outbox outbox, Map<String, Channel> channels, AlertSettings settings, Clock clock, Duration lease) {
        this.outbox = outbox;
        this.channels = Map.copyOf(channels);
        this.settings = settings;
        this.clock = clock;
        this.lease = lease;
    }

    /**
     * Delivers everything due now (in batches); returns how many were delivered. Runs
     * {@code progressed} after each claim and each delivery attempt, so a stuck step shows.
     */
    public int dispatchDue(Runnable progressed) {
        int delivered = 0;
        while (true) {
            Instant now = clock.instant();
            var batch = outbox.claimDue(now, 50, lease);
            progressed.run();
            if (batch.isEmpty()) {
                return delivered;
            }
            for (Outbox.Pending p : batch) {
                if (deliver(p)) {
                    delivered++;
                }
                progressed.run();
            }
        }
    }

    private boolean deliver(Outbox.Pending p) {
        Notification n = p.notification();
        Channel channel = channels.get(n.channel());
        Instant now = clock.instant();
        if (channel == null) {
            String error = "channel '" + n.channel() + "' is not configured any more";
            outbox.markFailed(p.id(), now.plus(settings.maxBackoff()), error);
            outbox.recordFailure(n.channel(), now, error);
            return false;
        }
        try {
            channel.deliver(n);
        } catch (Channel.DeliveryException | RuntimeException e) {
            Instant retry = now.plus(backoff(p.attempts() + 1));
            LOG.warn("alert {} to {} failed (attempt {}), retry at {}: {}", n.key(), n.channel(), p.attempts() + 1, retry, e.getMessage());
            outbox.markFailed(p.id(), retry, e.getMessage());
            outbox.recordFailure(n.channel(), now, e.getMessage());
            return false;
        }
        outbox.markSent(p.id(), clock.instant());
        outbox.recordSuccess(n.channel(), clock.instant());
        return true;
    }

    /** initialBackoff × 2^(attempt-1), at most maxBackoff, minus up to 20 % jitter. */
    Duration backoff(int attempt) {
        long base = settings.initialBackoff().toMillis();
        long max = settings.maxBackoff().toMillis();
        long exp = attempt >= 31 ? max : Math.min(max, base << Math.max(0, attempt - 1));
        long jitter = (long) (exp * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.max(1, exp - jitter));
    }
}
