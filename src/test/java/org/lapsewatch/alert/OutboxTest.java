package org.lapsewatch.alert;

import org.lapsewatch.sim.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lapsewatch.config.AlertSettings;
import org.lapsewatch.config.AlertSettings.WebhookSettings;
import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.store.Database;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-29T09:00:00Z");
    private final WebhookReceiver receiver = new WebhookReceiver();
    private Database db;

    @BeforeEach
    void start() {
        receiver.start();
        db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;" + DatabaseSettings.H2_MODE, null, null, 2, null);
    }

    @AfterEach
    void stop() {
        receiver.stop();
        db.close();
    }

    static List<Notification> notifications(int count, String channel, Instant at) {
        Notification template = ChannelsTest.quarantineNotification(channel);
        List<Notification> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Notification("finding/" + i + "/opened/1/" + channel, channel, template.message(), at));
        }
        return out;
    }

    private AlertSettings settings() {
        return new AlertSettings(null, null, List.of(new WebhookSettings("ops", receiver.url(), null, null, Duration.ofSeconds(5))),
                null, null, "off", null, null, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofMinutes(30), null);
    }

    @Test
    void a_key_is_stored_once_however_often_it_is_enqueued() {
        Outbox outbox = new Outbox(db.jdbi());
        assertThat(outbox.enqueue(notifications(3, "ops", T0), T0)).isEqualTo(3);
        assertThat(outbox.enqueue(notifications(3, "ops", T0), T0.plusSeconds(60))).isZero();
        assertThat(outbox.depth()).isEqualTo(3);
    }

    @Test
    void an_enqueue_inside_a_rolled_back_transaction_leaves_nothing() {
        Outbox outbox = new Outbox(db.jdbi());
        try {
            db.jdbi().useTransaction(h -> {
                outbox.enqueue(h, notifications(2, "ops", T0), T0);
                throw new IllegalStateException("the finding change failed");
            });
        } catch (IllegalStateException expected) {
            // the notification must go with it
        }
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void a_one_hour_outage_delivers_everything_afterwards_exactly_once() {
        VirtualClock clock = new VirtualClock(T0);
        AlertSettings settings = settings();
        Outbox outbox = new Outbox(db.jdbi());
        var dispatcher = new OutboxDispatcher(outbox, Channels.fromSettings(settings, clock), settings, clock);
        outbox.enqueue(notifications(20, "ops", T0), T0);

        receiver.failWith(503);
        for (int minute = 0; minute < 60; minute++) {
            assertThat(dispatcher.dispatchDue(() -> { })).isZero();
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(outbox.channelHealth()).singleElement().satisfies(h -> {
            assertThat(h.failingSince()).contains(T0);
            assertThat(h.lastError()).contains("HTTP 503");
        });

        receiver.recover();
        int delivered = 0;
        for (int minute = 0; minute < 15; minute++) { // maxBackoff is 10 minutes
            delivered += dispatcher.dispatchDue(() -> { });
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(delivered).isEqualTo(20);
        assertThat(receiver.received()).hasSize(20);
        assertThat(receiver.acceptedByKey()).hasSize(20);
        assertThat(outbox.depth()).isZero();
        assertThat(outbox.channelHealth().getFirst().failingSince()).isEmpty();
    }

    @Test
    void retries_back_off_exponentially_up_to_the_maximum() {
        AlertSettings settings = settings();
        var dispatcher = new OutboxDispatcher(new Outbox(db.jdbi()), Map.of(), settings, new VirtualClock(T0));
        assertThat(dispatcher.backoff(1)).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(30));
        assertThat(dispatcher.backoff(3)).isBetween(Duration.ofSeconds(96), Duration.ofSeconds(120));
        assertThat(dispatcher.backoff(40)).isBetween(Duration.ofMinutes(8), Duration.ofMinutes(10));
    }

    @Test
    void quiet_hours_keep_a_notification_in_the_outbox_until_its_time() {
        VirtualClock clock = new VirtualClock(T0);
        AlertSettings settings = settings();
        Outbox outbox = new Outbox(db.jdbi());
        var dispatcher = new OutboxDispatcher(outbox, Channels.fromSettings(settings, clock), settings, clock);
        outbox.enqueue(notifications(1, "ops", T0.plus(Duration.ofHours(8))), T0);
        assertThat(dispatcher.dispatchDue(() -> { })).isZero();
        clock.advance(Duration.ofHours(8));
        assertThat(dispatcher.dispatchDue(() -> { })).isEqualTo(1);
    }

    @Test
    void two_dispatchers_on_one_database_never_deliver_the_same_row_twice() throws Exception {
        AlertSettings settings = settings();
        Outbox outbox = new Outbox(db.jdbi());
        Instant now = Instant.now();
        outbox.enqueue(notifications(200, "ops", now), now);
        var channels = Map.<String, Channel>of("ops", new WebhookChannel(settings.webhooks().getFirst(), HttpClient.newHttpClient(),
                java.time.Clock.systemUTC()));
        var a = new OutboxDispatcher(outbox, channels, settings, java.time.Clock.systemUTC());
        var b = new OutboxDispatcher(outbox, channels, settings, java.time.Clock.systemUTC());
        Thread ta = Thread.ofVirtual().start(() -> a.dispatchDue(() -> { }));
        Thread tb = Thread.ofVirtual().start(() -> b.dispatchDue(() -> { }));
        ta.join();
        tb.join();
        assertThat(receiver.received()).hasSize(200);
        assertThat(receiver.acceptedByKey()).hasSize(200);
    }
}
