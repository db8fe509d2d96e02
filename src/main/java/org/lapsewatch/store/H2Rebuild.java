package org.lapsewatch.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;

/**
 * Rebuilds an H2 file database that the last process using it did not close (killed, out of
 * memory, power lost). Why: after such a kill, H2 2.5.252 has reopened files whose secondary
 * indexes no longer matched their rows, while the rows themselves were right (seen twice in
 * {@code OutboxCrashTest} on 2026-12-07: an index that still said {@code pending} for a
 * notification that was {@code sent}, so the outbox counted it for ever; and index entries that
 * made an update spin for ever). H2 has no {@code REINDEX}; its {@code SCRIPT} reads every table
 * through its rows, and running that script into a new file builds every index afresh.
 *
 * <p>So while a process has the file open, a marker ({@code NAME.open}) lies next to it, removed
 * on a clean close. Finding the marker at open, when this process does not have the file open
 * already, means the last holder died: the file is scripted, moved aside as
 * {@code NAME.mv.db.before-rebuild} and rebuilt from the script. If another process has the file
 * open, H2 refuses the first connection and nothing is touched. If the rebuild fails, the old file
 * is put back.
 */
final class H2Rebuild {
    private static final Logger LOG = LoggerFactory.getLogger(H2Rebuild.class);
    /** How many {@link Database}s in this process have each file open. */
    private static final Map<Path, Integer> OPEN_HERE = new HashMap<>();

    private H2Rebuild() {
    }

    /** The file's name without {@code .mv.db}, for a {@code jdbc:h2:file:} URL; null for any other URL. */
    static Path base(String url) {
        if (!url.startsWith("jdbc:h2:file:")) {
            return null;
        }
        String path = url.substring("jdbc:h2:file:".length());
        int options = path.indexOf(';');
        path = options < 0 ? path : path.substring(0, options);
        if (path.startsWith("~")) { // H2 reads ~ as the user's home
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Path.of(path).toAbsolutePath().normalize();
    }

    static Path marker(Path base) {
        return base.resolveSibling(base.getFileName() + ".open");
    }

    /**
     * Before this process opens the file: rebuilds it when the marker says the last holder did not
     * close it and nobody in this process has it open.
     */
    static synchronized void beforeOpen(Path base, String url, String user, String password) {
        Path file = base.resolveSibling(base.getFileName() + ".mv.db");
        if (OPEN_HERE.containsKey(base) || !Files.exists(marker(base)) || !Files.exists(file)) {
            return;
        }
        Path script = base.resolveSibling(base.getFileName() + ".rebuild.sql");
        Path aside = base.resolveSibling(base.getFileName() + ".mv.db.before-rebuild");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            LOG.warn("{} was not closed by the last process that used it (killed?); rebuilding its indexes from its rows,"
                    + " the old file is kept as {}", file, aside.getFileName());
            s.execute("script to '" + script.toString().replace("'", "''") + "'");
            s.execute("shutdown");
        } catch (SQLException e) {
            // locked by a running process (whose marker it is), or unreadable: the open that follows says which
            LOG.debug("no rebuild of {}: {}", file, e.getMessage());
            deleteQuietly(script);
            return;
        }
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("runscript from '" + script.toString().replace("'", "''") + "'");
                s.execute("shutdown");
            } catch (SQLException e) {
                Files.deleteIfExists(file);
                Files.move(aside, file);
                throw new StoreException("rebuilding " + file + " after an unclean shutdown failed, the file is as it was: "
                        + e.getMessage(), e);
            }
            LOG.warn("{} rebuilt", file);
        } catch (IOException e) {
            throw new StoreException("rebuilding " + file + " after an unclean shutdown failed: " + e.getMessage(), e);
        } finally {
            deleteQuietly(script);
        }
    }

    /** This process has the file open now: the marker says so until the last {@link #closed}. */
    static synchronized void opened(Path base) {
        if (OPEN_HERE.merge(base, 1, Integer::sum) == 1) {
            try {
                Files.writeString(marker(base), ProcessHandle.current().pid() + "\n");
            } catch (IOException e) {
                LOG.warn("cannot write {} ({}): after a kill the file will not be rebuilt", marker(base), e.getMessage());
            }
        }
    }

    /** One {@link Database} in this process closed the file; the last one removes the marker. */
    static synchronized void closed(Path base) {
        Integer open = OPEN_HERE.get(base);
        if (open == null) {
            return;
        }
        if (open > 1) {
            OPEN_HERE.put(base, open - 1);
        } else {
            OPEN_HERE.remove(base);
            deleteQuietly(marker(base));
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", path, e.getMessage());
        }
    }
}
