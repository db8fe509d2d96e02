package org.lapsewatch.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.lapsewatch.config.LapsewatchConfig;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The store: a pooled connection to the embedded H2 file database or PostgreSQL, migrated by
 * Flyway on open (one PostgreSQL-dialect migration set; H2 runs it in PostgreSQL mode). An H2
 * file that the last process did not close is rebuilt first ({@link H2Rebuild}).
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;
    /** The H2 file this database is, without {@code .mv.db}; null for any other kind. */
    private final Path h2Base;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(HikariDataSource dataSource, boolean postgres, Path h2Base) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.postgres = postgres;
        this.h2Base = h2Base;
    }

    /** Opens and migrates the database the configuration names. */
    public static Database open(LapsewatchConfig config) {
        String url = config.jdbcUrl();
        if (url.startsWith("jdbc:h2:file:")) {
            try {
                Files.createDirectories(config.homeDirectory());
            } catch (IOException e) {
                throw new StoreException("cannot create the data directory " + config.homeDirectory().toAbsolutePath()
                        + ": " + e.getMessage(), e);
            }
        }
        return open(url, config.database().user(), config.database().password(), config.database().poolSize(), null);
    }

    /**
     * Opens and migrates a database.
     *
     * @param schema a PostgreSQL schema to create and use instead of the default one, or null
     */
    public static Database open(String url, String user, String password, int poolSize, String schema) {
        Path h2Base = H2Rebuild.base(url);
        if (h2Base != null) {
            H2Rebuild.beforeOpen(h2Base, url, user, password);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        if (user != null) {
            hikari.setUsername(user);
        }
        if (password != null) {
            hikari.setPassword(password);
        }
        if (schema != null) {
            hikari.setSchema(schema);
        }
        hikari.setMaximumPoolSize(poolSize);
        hikari.setPoolName("lapsewatch");
        hikari.setInitializationFailTimeout(-1);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        HikariDataSource ds = new HikariDataSource(hikari);
        try {
            var flyway = Flyway.configure()
                    .dataSource(ds)
                    .locations("classpath:db/migration")
                    .failOnMissingLocations(true)
                    .loggers("slf4j");
            if (schema != null) {
                flyway.schemas(schema).defaultSchema(schema).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            String reason = rootMessage(e);
            if (url.startsWith("jdbc:h2:file:") && reason != null && reason.contains("locked")) {
                reason += " (the embedded database allows one process at a time: is another lapsewatch serve or"
                        + " demo running with the same home? Use PostgreSQL (database.url) to share it)";
            }
            throw new StoreException("cannot open the database at " + redact(url) + ": " + reason, e);
        }
        if (h2Base != null) {
            H2Rebuild.opened(h2Base);
        }
        return new Database(ds, postgres, h2Base);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }

    /** The URL without a password parameter, for messages. */
    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean isPostgres() {
        return postgres;
    }

    /** Where an H2 file database keeps its file, for messages. */
    public static Path h2File(LapsewatchConfig config) {
        return config.homeDirectory().toAbsolutePath().resolve("lapsewatch.mv.db");
    }

    /** Closes the pool; an H2 file is closed with its last connection, and then marked closed cleanly. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        dataSource.close();
        if (h2Base != null) {
            H2Rebuild.closed(h2Base);
        }
    }
}
