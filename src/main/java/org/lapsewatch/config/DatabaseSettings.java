package org.lapsewatch.config;

/**
 * {@code database:} — where the store lives. Default: an embedded H2 file under {@code home}.
 *
 * @param url      JDBC URL; {@code jdbc:postgresql://…} for PostgreSQL. Default: H2 file under home.
 * @param user     database user. Default: none.
 * @param password database password (use {@code ${ENV_VAR}}). Default: none.
 * @param poolSize maximum connections. Default: 10.
 */
public record DatabaseSettings(String url, String user, String password, Integer poolSize) {
    /** H2 settings that make it speak the PostgreSQL dialect of our migrations. */
    public static final String H2_MODE = "MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

    public DatabaseSettings {
        if (url != null && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("url must start with jdbc:h2: or jdbc:postgresql:, got '" + url + "'");
        }
        poolSize = poolSize == null ? 10 : poolSize;
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("poolSize must be between 1 and 200, got " + poolSize);
        }
    }

    public static DatabaseSettings defaults() {
        return new DatabaseSettings(null, null, null, null);
    }
}
