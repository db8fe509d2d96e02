package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rotated sets read oldest first, gzip by magic bytes, and the year of each file from its mtime. */
class LogInputsTest {
    @TempDir
    Path dir;

    private static String delivery(String stamp, String qid, String to) {
        return stamp + " gw postfix/smtp[1]: " + qid + ": to=<" + to
                + ">, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)\n";
    }

    @Test
    void a_rotated_set_is_read_oldest_first_across_plain_and_gzip_files() throws IOException {
        Path current = dir.resolve("mail.log");
        Files.writeString(current, "Jan  2 00:00:00 gw postfix/qmgr[1]: AAAAA00001: from=<x@samenveilig.example>, size=1, nrcpt=1 (queue active)\n"
                + delivery("Jan  2 00:00:01", "AAAAA00001", "c@bjzutrecht.example"));
        Files.writeString(dir.resolve("mail.log.1"), delivery("Jan  1 00:00:00", "AAAAA00002", "b@bjzutrecht.example"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve("mail.log.2.gz")))) {
            out.write(delivery("Dec 31 23:00:00", "AAAAA00003", "a@bjzutrecht.example").getBytes(StandardCharsets.UTF_8));
        }
        Files.setLastModifiedTime(dir.resolve("mail.log.2.gz"), FileTime.from(Instant.parse("2026-12-31T23:00:00Z")));
        Files.setLastModifiedTime(dir.resolve("mail.log.1"), FileTime.from(Instant.parse("2027-01-01T00:00:00Z")));
        Files.setLastModifiedTime(current, FileTime.from(Instant.parse("2027-01-02T00:00:01Z")));

        assertThat(LogInputs.expand(current.toString())).containsExactly(dir.resolve("mail.log.2.gz"),
                dir.resolve("mail.log.1"), current);
        Scans.Result result = Scans.scanFiles(LogFormat.AUTO, List.of(current.toString()));

        DomainExposure old = result.domain("bjzutrecht.example");
        assertThat(old.messages()).isEqualTo(3);
        assertThat(old.firstSeen()).isEqualTo(Instant.parse("2026-12-31T23:00:00Z"));
        assertThat(old.lastSeen()).isEqualTo(Instant.parse("2027-01-02T00:00:01Z"));
        assertThat(old.sampleRecipients()).containsExactly("a@bjzutrecht.example", "b@bjzutrecht.example", "c@bjzutrecht.example");
        assertThat(old.topSenders()).contains(new Count("x@samenveilig.example", 1));
    }

    @Test
    void gzip_is_recognised_by_content_not_name() throws IOException {
        Path disguised = dir.resolve("maillog");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(disguised))) {
            out.write(delivery("Nov 28 10:00:00", "BBBBB00001", "a@bjzutrecht.example").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(Scans.scanFiles(LogFormat.AUTO, List.of(disguised.toString())).domain("bjzutrecht.example").messages())
                .isEqualTo(1);
    }

    @Test
    void stdin_may_be_gzip_too() throws IOException {
        var bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(delivery("Nov 28 10:00:00", "BBBBB00001", "a@bjzutrecht.example").getBytes(StandardCharsets.UTF_8));
        }
        Scans.Result result = Scans.scan(MailLogScanner.of(LogFormat.AUTO, java.time.ZoneOffset.UTC, Scans.CLOCK),
                List.of("-"), new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(result.domain("bjzutrecht.example").firstSeen()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
    }

    @Test
    void a_missing_file_is_named_in_the_error() {
        assertThatThrownBy(() -> LogInputs.expand(dir.resolve("nope.log").toString()))
                .hasMessageContaining("nope.log");
    }

    @Test
    void an_unrecognisable_log_asks_for_a_format() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello\nworld\n");
        assertThatThrownBy(() -> Scans.scanFiles(LogFormat.AUTO, List.of(text.toString())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("notes.txt").hasMessageContaining("--format");
    }
}
