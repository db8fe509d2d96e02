package org.lapsewatch.store;

import org.junit.jupiter.api.Assumptions;
import org.lapsewatch.config.DatabaseSettings;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases store tests run against: H2 in PostgreSQL mode always, and PostgreSQL at
 * {@code lapsewatch.test.postgres} (default 127.0.0.1:5432, database test) when it is reachable.
 * Each PostgreSQL test gets a fresh schema that is dropped on close.
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("org.lapsewatch.store.TestDatabases#all")
 * void keeps_entries(TestDatabases.Kind kind) {
 *     try (TestDatabases.TestDatabase db = kind.open()) {
 *         var repo = new InventoryRepository(db.database(), clock);
 *     }
 * }
 * }</pre>
 *
 * When PostgreSQL cannot be reached, {@code open()} prints
 * "PostgreSQL not reachable at …: skipped" and the test is reported as skipped, not passed.
 */
public final class TestDatabases {
    private static final String DEFAULT_POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    private static volatile String postgresProblem;
    private static volatile boolean postgresChecked;

    private TestDatabases() {
    }

    /** Every kind, for {@code @MethodSource("org.lapsewatch.store.TestDatabases#all")}. */
    public static Stream<Kind> all() {
        return Stream.of(Kind.values());
    }

    public enum Kind {
        H2 {
            @Override
            public TestDatabase open() {
                String url = "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;" + DatabaseSettings.H2_MODE;
                Database db = Database.open(url, null, null, 2, null);
                return new TestDatabase(this, db, () -> {
                    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                        s.execute("shutdown");
                    }
                });
            }
        },
        POSTGRESQL {
            @Override
            public TestDatabase open() {
                String url = postgresUrl();
                String problem = postgresProblem(url);
                if (problem != null) {
                    System.out.println("PostgreSQL not reachable at " + Database.redact(url) + ": skipped (" + problem + ")");
                }
                Assumptions.assumeTrue(problem == null, () -> "PostgreSQL not reachable at " + Database.redact(url)
                        + ": skipped (" + problem + ")");
                String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
                Database db = Database.open(url, null, null, 2, schema);
                return new TestDatabase(this, db, () -> {
                    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                        s.execute("drop schema " + schema + " cascade");
                    }
                });
            }
        };

        /** Opens a fresh, migrated database of this kind (skipping the test when it is unavailable). */
        public abstract TestDatabase open();

        @Override
        public String toString() {
            return this == H2 ? "H2" : "PostgreSQL";
        }
    }

    /** A migrated database for one test; closing it closes the pool and removes its data. */
    public record TestDatabase(Kind kind, Database database, Cleanup cleanup) implements AutoCloseable {
        @Override
        public void close() {
            database.close();
            try {
                cleanup.run();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot clean up the " + kind + " test database", e);
            }
        }
    }

    @FunctionalInterface
    public interface Cleanup {
        void run() throws SQLException;
    }

    private static String postgresUrl() {
        String url = System.getProperty("lapsewatch.test.postgres");
        return url == null || url.isBlank() ? DEFAULT_POSTGRES : url;
    }

    /** Why PostgreSQL cannot be used, or null when it can; checked once per test run. */
    private static synchronized String postgresProblem(String url) {
        if (!postgresChecked) {
            postgresChecked = true;
            DriverManager.setLoginTimeout(3);
            try (Connection c = DriverManager.getConnection(url)) {
                postgresProblem = c.isValid(3) ? null : "connection not valid";
            } catch (SQLException e) {
                postgresProblem = e.getMessage();
            }
        }
        return postgresProblem;
    }
}
