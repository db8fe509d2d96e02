package org.lapsewatch.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * The durable outbox: notifications waiting to be delivered, stored once per idempotency key.
 * Callers enqueue inside the transaction that changes a finding, so a notification exists if
 * and only if the change was committed.
 */
public final class Outbox {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Jdbi jdbi;

    public Outbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** A notification that is due, as claimed from the table. */
    record Pending(long id, int attempts, Notification notification) {
    }

    /** Enqueues in its own transaction; returns how many keys were new. */
    public int enqueue(List<Notification> notifications, Instant now) {
        return jdbi.inTransaction(h -> enqueue(h, notifications, now));
    }

    /**
     * Enqueues in the caller's transaction; a key already present is left alone. Returns how many
     * were new. (Written as insert-where-not-exists because H2 has no {@code on conflict}; two
     * planners racing on one key make one transaction fail on the unique key, and it is retried.)
     */
    public int enqueue(Handle handle, List<Notification> notifications, Instant now) {
        int added = 0;
        for (Notification n : notifications) {
            added += handle.createUpdate("""
                            insert into alert_outbox (idempotency_key, channel, message, state, attempts, next_attempt_at, created_at)
                            select :key, :channel, :message, 'pending', 0, :notBefore, :now
                            where not exists (select 1 from alert_outbox where idempotency_key = :key)""")
                    .bind("key", n.key())
                    .bind("channel", n.channel())
                    .bind("message", toJson(n.message()))
                    .bind("notBefore", utc(n.notBefore()))
                    .bind("now", utc(now))
                    .execute();
        }
        return added;
    }

    /**
     * Claims up to {@code limit} due notifications for {@code lease}: their next attempt moves to
     * {@code now + lease}, so a process that dies after sending but before marking leaves them
     * to be sent again (with the same key) once the lease ends, and two dispatchers sharing a
     * database never claim the same row at the same time.
     */
    List<Pending> claimDue(Instant now, int limit, Duration lease) {
        return jdbi.inTransaction(h -> {
            List<Row> due = h.createQuery("""
                            select id, idempotency_key, channel, message, attempts, next_attempt_at from alert_outbox
                            where state = 'pending' and next_attempt_at <= :now order by next_attempt_at, id limit :limit""")
                    .bind("now", utc(now)).bind("limit", limit)
                    .map((rs, ctx) -> new Row(rs.getLong("id"), rs.getString("idempotency_key"), rs.getString("channel"),
                            rs.getString("message"), rs.getInt("attempts"), rs.getObject("next_attempt_at", OffsetDateTime.class)))
                    .list();
            List<Pending> claimed = new java.util.ArrayList<>();
            for (Row r : due) {
                int won = h.createUpdate("""
                                update alert_outbox set next_attempt_at = :leaseEnd
                                where id = :id and state = 'pending' and next_attempt_at = :seen""")
                        .bind("leaseEnd", utc(now.plus(lease))).bind("id", r.id).bind("seen", r.nextAttempt).execute();
                if (won == 1) {
                    claimed.add(new Pending(r.id, r.attempts,
                            new Notification(r.key, r.channel, fromJson(r.message), r.nextAttempt.toInstant())));
                }
            }
            return claimed;
        });
    }

    private record Row(long id, String key, String channel, String message, int attempts, OffsetDateTime nextAttempt) {
    }

    void markSent(long id, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("update alert_outbox set state = 'sent', sent_at = :now, attempts = attempts + 1, "
                + "last_error = null where id = :id").bind("now", utc(now)).bind("id", id).execute());
    }

    void markFailed(long id, Instant retryAt, String error) {
        jdbi.useHandle(h -> h.createUpdate("update alert_outbox set attempts = attempts + 1, next_attempt_at = :retry, "
                        + "last_error = :error where id = :id and state = 'pending'")
                .bind("retry", utc(retryAt)).bind("error", truncate(error)).bind("id", id).execute());
    }

    /** Notifications not yet delivered (for the outbox-depth metric). */
    public long depth() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from alert_outbox where state = 'pending'")
                .mapTo(Long.class).one());
    }

    void recordSuccess(String channel, Instant now) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("update alert_channel_health set failing_since = null, last_error = null, last_success = :now "
                    + "where channel = :c").bind("now", utc(now)).bind("c", channel).execute();
            if (n == 0) {
                h.createUpdate("insert into alert_channel_health (channel, last_success) values (:c, :now)")
                        .bind("c", channel).bind("now", utc(now)).execute();
            }
        });
    }

    void recordFailure(String channel, Instant now, String error) {
        jdbi.useTransaction(h -> {
            int n = h.createUpdate("update alert_channel_health set failing_since = coalesce(failing_since, :now), "
                    + "last_error = :e where channel = :c").bind("now", utc(now)).bind("e", truncate(error)).bind("c", channel).execute();
            if (n == 0) {
                h.createUpdate("insert into alert_channel_health (channel, failing_since, last_error) values (:c, :now, :e)").bind("c", channel).bind("now", utc(now)).bind("e", truncate(error)).execute();
            }
        });
    }

    /** Each channel's health: since when it fails (empty when it works) and the last error. */
    public List<ChannelHealth> channelHealth() {
        return jdbi.withHandle(h -> h.createQuery("select channel, failing_since, last_error, last_success from alert_channel_health order by channel")
                .map((rs, ctx) -> new ChannelHealth(rs.getString("channel"),
                        Optional.ofNullable(rs.getObject("failing_since", OffsetDateTime.class)).map(OffsetDateTime::toInstant),
                        rs.getString("last_error"),
                        Optional.ofNullable(rs.getObject("last_success", OffsetDateTime.class)).map(OffsetDateTime::toInstant)))
                .list());
    }

    /** A channel's delivery record. */
    public record ChannelHealth(String channel, Optional<Instant> failingSince, String lastError, Optional<Instant> lastSuccess) {
    }

    private static String toJson(Message m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize message", e);
        }
    }

    private static Message fromJson(String text) {
        try {
            return JSON.readValue(text, Message.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored message is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    private static String truncate(String s) {
        return s == null || s.length() <= 2000 ? s : s.substring(0, 2000);
    }
}
