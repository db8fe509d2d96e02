package org.lapsewatch.store;

import org.junit.jupiter.api.Assumptions;
import org.lapsewatch.config.DatabaseSettings;

import java.sql.DriverManager;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Fresh, migrated databases for the watch's store tests: H2 in PostgreSQL mode, and PostgreSQL
 * (a schema of its own) when {@code lapsewatch.test.postgres} names a reachable server; the
 * PostgreSQL case is skipped with a message otherwise.
 */
public final class WatchTestDatabases {
    private WatchTestDatabases() {
    }

    /** Named suppliers for a parameterized test: {@code h2} and {@code postgresql}. */
    public static Stream<org.junit.jupiter.params.provider.Arguments> both() {
        return Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("h2", (Supplier<Database>) WatchTestDatabases::h2),
                org.junit.jupiter.params.provider.Arguments.of("postgresql", (Supplier<Database>) WatchTestDatabases::postgres));
    }

    public static Database h2() {
        return Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;" + DatabaseSettings.H2_MODE,
                null, null, 4, null);
    }

    public static Database postgres() {
        String url = System.getProperty("lapsewatch.test.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
        try (var ignored = DriverManager.getConnection(url)) {
            // reachable
        } catch (Exception e) {
            Assumptions.abort("PostgreSQL at " + url + " is not reachable (" + e.getMessage() + "): skipping");
        }
        return Database.open(url, null, null, 4, "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
    }
}
