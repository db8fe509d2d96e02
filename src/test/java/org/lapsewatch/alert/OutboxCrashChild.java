package org.lapsewatch.alert;

import org.lapsewatch.config.AlertSettings;
import org.lapsewatch.config.AlertSettings.WebhookSettings;
import org.lapsewatch.store.Database;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A Lapsewatch process that only delivers the outbox, for {@link OutboxCrashTest} to kill at
 * random moments. Arguments: JDBC URL, webhook URL, lease in milliseconds. Prints {@code ready}
 * once it delivers and {@code outbox empty} the first time nothing is left to deliver.
 */
public final class OutboxCrashChild {
    private OutboxCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        try (Database db = Database.open(args[0], null, null, 2, null)) {
            AlertSettings settings = new AlertSettings(null, null,
                    List.of(new WebhookSettings("ops", args[1], null, null, Duration.ofSeconds(5))), null, null, "off", null,
                    null, Duration.ofMillis(50), Duration.ofMillis(200), null, null);
            Clock clock = Clock.systemUTC();
            var dispatcher = new OutboxDispatcher(new Outbox(db.jdbi()), Channels.fromSettings(settings, clock), settings, clock,
                    Duration.ofMillis(Long.parseLong(args[2])));
            System.out.println("ready");
            System.out.flush();
            Outbox outbox = new Outbox(db.jdbi());
            boolean announced = false;
            while (true) {
                dispatcher.dispatchDue(() -> { });
                if (!announced && outbox.depth() == 0) {
                    // the test stops waiting on this line, not on a clock
                    System.out.println("outbox empty");
                    System.out.flush();
                    announced = true;
                }
                Thread.sleep(10);
            }
        }
    }
}
