package org.lapsewatch.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.DatabaseSettings;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An H2 file the last process did not close is rebuilt from its rows when it is opened next. */
class H2RebuildTest {
    @TempDir
    Path dir;

    private String url(String name) {
        return "jdbc:h2:file:" + dir.resolve(name) + ";" + DatabaseSettings.H2_MODE;
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * The file H2 2.5.252 left after OutboxCrashTest killed a delivering process (2026-12-07): the
     * row of notification 31 says {@code sent}, the index on (state, next_attempt_at) still says
     * {@code pending}, so the outbox counted one pending notification for ever.
     */
    @Test
    void the_file_a_kill_left_with_a_stale_index_is_rebuilt_from_its_rows() throws Exception {
        try (InputStream broken = getClass().getResourceAsStream("/store/h2-stale-index-after-kill.mv.db")) {
            Files.copy(broken, dir.resolve("crash.mv.db"));
        }
        String url = url("crash");
        assertThat(count(url, "select count(*) from alert_outbox where state = 'pending'")).as("the index, before").isEqualTo(1);
        assertThat(count(url, "select count(*) from alert_outbox where id = 31 and sent_at is not null")).as("the row").isEqualTo(1);
        Files.writeString(dir.resolve("crash.open"), "4242\n"); // the killed process's marker

        try (Database db = Database.open(url, null, null, 2, null)) {
            long pending = db.jdbi().withHandle(h -> h.createQuery("select count(*) from alert_outbox where state = 'pending'")
                    .mapTo(Long.class).one());
            long sent = db.jdbi().withHandle(h -> h.createQuery("select count(*) from alert_outbox where state = 'sent'")
                    .mapTo(Long.class).one());
            assertThat(pending).isZero();
            assertThat(sent).isEqualTo(100);
            assertThat(Files.readString(dir.resolve("crash.open"))).isEqualTo(ProcessHandle.current().pid() + "\n");
        }
        assertThat(dir.resolve("crash.open")).as("closed cleanly").doesNotExist();
        assertThat(dir.resolve("crash.mv.db.before-rebuild")).as("the old file, kept").exists();
        assertThat(dir.resolve("crash.rebuild.sql")).doesNotExist();
    }

    @Test
    void a_rebuild_keeps_every_row_and_where_identities_continue() throws Exception {
        String url = url("lw");
        try (Database db = Database.open(url, null, null, 2, null)) {
            db.jdbi().useHandle(h -> h.execute("insert into audit_log (at, actor, action, subject, detail) values (now(), 'a', 'x', 's', 'd')"));
        }
        assertThat(dir.resolve("lw.open")).doesNotExist();
        Files.writeString(dir.resolve("lw.open"), "4242\n");

        try (Database db = Database.open(url, null, null, 2, null)) {
            db.jdbi().useHandle(h -> h.execute("insert into audit_log (at, actor, action, subject, detail) values (now(), 'b', 'x', 's', 'd')"));
            List<String> rows = db.jdbi().withHandle(h -> h.createQuery("select actor || id from audit_log order by id")
                    .mapTo(String.class).list());
            assertThat(rows).containsExactly("a1", "b2");
        }
        assertThat(dir.resolve("lw.mv.db.before-rebuild")).exists();
    }

    @Test
    void a_file_this_process_has_open_is_never_rebuilt_and_the_last_close_removes_the_marker() {
        String url = url("shared");
        Database first = Database.open(url, null, null, 2, null);
        try (Database second = Database.open(url, null, null, 2, null)) {
            assertThat(dir.resolve("shared.open")).exists();
            second.jdbi().useHandle(h -> h.execute("select 1"));
        } finally {
            assertThat(dir.resolve("shared.open")).as("the first still has it open").exists();
            first.close();
        }
        assertThat(dir.resolve("shared.open")).doesNotExist();
        assertThat(dir.resolve("shared.mv.db.before-rebuild")).doesNotExist();
    }

    @Test
    void the_file_is_found_in_h2_urls_as_h2_reads_them() {
        assertThat(H2Rebuild.base("jdbc:h2:file:/var/lib/lapsewatch/lapsewatch;MODE=PostgreSQL"))
                .isEqualTo(Path.of("/var/lib/lapsewatch/lapsewatch"));
        assertThat(H2Rebuild.base("jdbc:h2:file:~/lw")).isEqualTo(Path.of(System.getProperty("user.home"), "lw"));
        assertThat(H2Rebuild.base("jdbc:h2:file:data/lw")).isEqualTo(Path.of("data/lw").toAbsolutePath());
        assertThat(H2Rebuild.base("jdbc:h2:mem:x")).isNull();
        assertThat(H2Rebuild.base("jdbc:postgresql://127.0.0.1/test")).isNull();
    }
}
