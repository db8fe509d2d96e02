package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Synthetic Postfix logs: joins across lines, instances and hosts, reuse of queue ids, retries, prefixes. */
class PostfixJoinTest {
    private static final String TWO_INSTANCES = """
            Nov 28 10:00:00 gw1 postfix-out/pickup[10]: 1A2B3C4D5E: uid=33 from=<app@samenveilig.example>
            Nov 28 10:00:00 gw1 postfix-out/cleanup[11]: 1A2B3C4D5E: message-id=<m1@samenveilig.example>
            Nov 28 10:00:00 gw1 postfix-out/qmgr[12]: 1A2B3C4D5E: from=<app@samenveilig.example>, size=900, nrcpt=2 (queue active)
            Nov 28 10:00:00 gw1 postfix-in/smtpd[20]: 1A2B3C4D5E: client=mx.partner.example[192.0.2.7]
            Nov 28 10:00:00 gw1 postfix-in/qmgr[22]: 1A2B3C4D5E: from=<boss@partner.example>, size=100, nrcpt=1 (queue active)
            Nov 28 10:00:01 gw1 postfix-out/smtp[13]: 1A2B3C4D5E: to=<staff@bjzutrecht.example>, orig_to=<team@samenveilig.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=4.4.1, status=deferred (connect timed out)
            Nov 28 10:00:01 gw1 postfix-out/smtp[13]: 1A2B3C4D5E: to=<Staff2@mail.bjzutrecht.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 ok)
            Nov 28 10:00:02 gw1 postfix-in/local[23]: 1A2B3C4D5E: to=<boss@samenveilig.example>, relay=local, delay=2, delays=1/0/0/1, dsn=2.0.0, status=sent (delivered to mailbox)
            Nov 28 10:30:00 gw1 postfix-out/qmgr[12]: 1A2B3C4D5E: from=<app@samenveilig.example>, size=900, nrcpt=2 (queue active)
            Nov 28 10:30:01 gw1 postfix-out/smtp[13]: 1A2B3C4D5E: to=<staff@bjzutrecht.example>, orig_to=<team@samenveilig.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1801, delays=1800/0/0.5/0.4, dsn=2.0.0, status=sent (250 ok)
            Nov 28 10:30:01 gw1 postfix-out/qmgr[12]: 1A2B3C4D5E: removed
            Nov 28 10:31:00 gw2 postfix-out/qmgr[40]: 1A2B3C4D5E: from=<other@samenveilig.example>, size=5, nrcpt=1 (queue active)
            Nov 28 10:31:01 gw2 postfix-out/smtp[41]: 1A2B3C4D5E: to=<staff@bjzutrecht.example>, relay=none, delay=0, delays=0/0/0/0, dsn=5.1.1, status=bounced (unknown user)
            Nov 28 11:00:00 gw1 postfix-out/pickup[10]: 1A2B3C4D5E: uid=0 from=<root@samenveilig.example>
            Nov 28 11:00:01 gw1 postfix-out/smtp[13]: 1A2B3C4D5E: to=<staff@bjzutrecht.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 ok)
            """;

    @Test
    void joins_sender_origin_and_retries_per_host_instance_and_queue_id() {
        Scans.Result result = Scans.scanText(LogFormat.AUTO, TWO_INSTANCES);

        DomainExposure old = result.domain("bjzutrecht.example");
        // gw1's first life of the id (one message, a retry), gw2's message, gw1's reuse after removed
        assertThat(old.messages()).isEqualTo(3);
        assertThat(old.recipients()).isEqualTo(2);
        assertThat(old.attempts(DeliveryStatus.SENT)).isEqualTo(3);
        assertThat(old.attempts(DeliveryStatus.DEFERRED)).isEqualTo(1);
        assertThat(old.attempts(DeliveryStatus.BOUNCED)).isEqualTo(1);
        assertThat(old.topSenders()).containsExactly(new Count("app@samenveilig.example", 3),
                new Count("other@samenveilig.example", 1), new Count("root@samenveilig.example", 1));
        assertThat(old.topSystems()).containsExactly(new Count("gw1 postfix-out/smtp", 4), new Count("gw2 postfix-out/smtp", 1));
        assertThat(old.topOrigins()).containsExactly(new Count("uid 33", 3), new Count("(unknown)", 1), new Count("uid 0", 1));
        assertThat(old.firstSeen()).isEqualTo(Instant.parse("2026-11-28T10:00:01Z"));
        assertThat(old.lastSeen()).isEqualTo(Instant.parse("2026-11-28T11:00:01Z"));
        assertThat(old.sampleRecipients()).containsExactly("staff@bjzutrecht.example", "staff2@mail.bjzutrecht.example");
        assertThat(old.viaAlias()).isEqualTo(2); // the deferred attempt and its retry, both for team@
        assertThat(old.aliasSamples()).containsExactly("team@samenveilig.example");

        DomainExposure own = result.domain("samenveilig.example");
        assertThat(own.messages()).isEqualTo(1);
        assertThat(own.topSenders()).containsExactly(new Count("boss@partner.example", 1));
        assertThat(own.topOrigins()).containsExactly(new Count("client mx.partner.example[192.0.2.7]", 1));
    }

    @Test
    void the_same_log_read_one_byte_at_a_time_gives_the_same_result() {
        InputStream trickle = new ByteArrayInputStream(TWO_INSTANCES.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
        Scans.Result result = Scans.scan(MailLogScanner.of(LogFormat.POSTFIX, ZoneOffset.UTC, Scans.CLOCK), List.of("-"), trickle);

        assertThat(result.byDomain()).isEqualTo(Scans.scanText(LogFormat.POSTFIX, TWO_INSTANCES).byDomain());
    }

    @Test
    void journald_short_iso_and_rfc5424_prefixes_with_program_in_app_name() {
        String log = """
                2026-11-28T17:46:24.5+01:00 mta postfix/qmgr[2359]: AAAAA11111: from=<a@samenveilig.example>, size=1, nrcpt=1 (queue active)
                2026-11-28T17:46:25+0100 mta postfix/smtp[2368]: AAAAA11111: to=<x@bjzutrecht.example>, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)
                <22>1 2026-11-28T16:50:00Z mta postfix-out/qmgr 77 - [origin software="rsyslogd"] BBBBB22222: from=<b@samenveilig.example>, size=1, nrcpt=1 (queue active)
                <22>1 2026-11-28T16:50:01Z mta postfix-out/smtp 78 - - BBBBB22222: to=<y@bjzutrecht.example>, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)
                """;
        Scans.Result result = Scans.scanText(LogFormat.AUTO, log);

        DomainExposure old = result.domain("bjzutrecht.example");
        assertThat(old.messages()).isEqualTo(2);
        assertThat(old.topSenders()).extracting(Count::value).containsExactlyInAnyOrder("a@samenveilig.example", "b@samenveilig.example");
        assertThat(old.topSystems()).extracting(Count::value).containsExactlyInAnyOrder("mta postfix/smtp", "mta postfix-out/smtp");
        assertThat(old.firstSeen()).isEqualTo(Instant.parse("2026-11-28T16:46:25Z"));
        assertThat(old.lastSeen()).isEqualTo(Instant.parse("2026-11-28T16:50:01Z"));
        assertThat(result.summary().malformed()).isZero();
    }

    @Test
    void malformed_lines_are_counted_and_sampled_with_their_line_number_and_never_stop_the_scan() {
        String log = """
                garbage that is not syslog at all
                Nov 28 10:00:01 gw1 postfix/smtp[13]: CCCCC33333: to=<a@bjzutrecht.example>, relay=none, delay=0
                Nov 28 10:00:01 gw1 postfix/smtp[13]: CCCCC33333: to=<b@bjzutrecht.example, relay=none
                Nov 28 10:00:02 gw1 postfix/smtp[13]: CCCCC33333: to=<c@bjzutrecht.example>, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)
                Nov 28 10:00:03 gw1 kernel: something else entirely
                """;
        Scans.Result result = Scans.scanText(LogFormat.POSTFIX, log);

        assertThat(result.summary().malformed()).isEqualTo(3);
        assertThat(result.summary().malformedSamples()).hasSize(3);
        assertThat(result.summary().malformedSamples().get(0)).startsWith("-:1: unreadable syslog prefix: garbage");
        assertThat(result.summary().malformedSamples().get(1)).startsWith("-:2: delivery without status=");
        assertThat(result.domain("bjzutrecht.example").attempts(DeliveryStatus.SENT)).isEqualTo(1);
    }

    @Test
    void classic_stamps_take_the_year_before_the_reference_and_roll_over_at_new_year() {
        String log = """
                Dec 31 23:59:59 gw postfix/smtp[1]: DDDDD44444: to=<a@bjzutrecht.example>, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)
                Jan  1 00:00:01 gw postfix/smtp[1]: EEEEE55555: to=<b@bjzutrecht.example>, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)
                """;
        // reference clock is November 2026: December is later, so it was December 2025
        DomainExposure old = Scans.scanText(LogFormat.POSTFIX, log).domain("bjzutrecht.example");

        assertThat(old.firstSeen()).isEqualTo(Instant.parse("2025-12-31T23:59:59Z"));
        assertThat(old.lastSeen()).isEqualTo(Instant.parse("2026-01-01T00:00:01Z"));
    }

    @Test
    void open_queue_ids_are_capped_and_the_evictions_counted() {
        StringBuilder log = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            log.append("Nov 28 10:00:00 gw postfix/qmgr[1]: Q").append(100000 + i)
                    .append(": from=<s@samenveilig.example>, size=1, nrcpt=1 (queue active)\n");
        }
        MailLogScanner scanner = new MailLogScanner(LogFormat.POSTFIX, ZoneOffset.UTC, Scans.CLOCK, 10, Duration.ofDays(1));
        Scans.Result result = Scans.scan(scanner, List.of("-"),
                new ByteArrayInputStream(log.toString().getBytes(StandardCharsets.UTF_8)));

        assertThat(result.summary().evictedBySize()).isEqualTo(40);
    }

    @Test
    void queue_ids_silent_for_longer_than_the_age_cap_are_dropped() {
        StringBuilder log = new StringBuilder();
        log.append("Nov 20 10:00:00 gw postfix/qmgr[1]: OLD0000001: from=<s@samenveilig.example>, size=1, nrcpt=1 (queue active)\n");
        for (int i = 0; i < 20_000; i++) {
            log.append("Nov 28 10:00:00 gw postfix/smtp[2]: NEW0000001: to=<r@partner.example>, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)\n");
        }
        Scans.Result result = Scans.scanText(LogFormat.POSTFIX, log.toString());

        assertThat(result.summary().evictedByAge()).isEqualTo(1);
        assertThat(result.domain("partner.example").messages()).isEqualTo(1);
    }

    @Test
    void the_age_sweep_runs_after_every_block_read() {
        // opened 8 days before the second line: ended after it was read, so the attempt in the
        // third line no longer knows the sender
        assertReadOneLineAtATime("Nov 20 10:00:00", 1, "(unknown)");
    }

    @Test
    void a_message_opened_before_the_first_attempt_of_a_log_is_not_taken_for_an_old_one() {
        // opened by the log's first line, before any attempt gave the time: kept, sender and all
        assertReadOneLineAtATime("Nov 28 09:00:00", 0, "app@samenveilig.example");
    }

    /**
     * Reads, one line per read (a sweep after each) with a seven-day age cap: a message opened at
     * {@code openedAt}, another message's attempt on Nov 28 10:00, then the first one's attempt.
     */
    private static void assertReadOneLineAtATime(String openedAt, long evictedByAge, String senderOfLastAttempt) {
        String log = openedAt + " gw postfix/qmgr[1]: MSG0000001: from=<app@samenveilig.example>, size=1, nrcpt=1 (queue active)\n"
                + "Nov 28 10:00:00 gw postfix/smtp[2]: OTHER00001: to=<r@partner.example>, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)\n"
                + "Nov 28 10:00:01 gw postfix/smtp[2]: MSG0000001: to=<s@bjzutrecht.example>, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)\n";
        MailLogScanner scanner = new MailLogScanner(LogFormat.POSTFIX, ZoneOffset.UTC, Scans.CLOCK, 100, Duration.ofDays(7));
        Scans.Result result = Scans.scan(scanner, List.of("-"), new OneLinePerRead(log.getBytes(StandardCharsets.UTF_8)));

        assertThat(result.summary().evictedByAge()).isEqualTo(evictedByAge);
        assertThat(result.domain("bjzutrecht.example").topSenders()).containsExactly(new Count(senderOfLastAttempt, 1));
    }

    /** Hands out one line per read, as a slowly written log does. */
    private static final class OneLinePerRead extends InputStream {
        private final byte[] bytes;
        private int at;

        OneLinePerRead(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return at < bytes.length ? bytes[at++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            if (at >= bytes.length) {
                return -1;
            }
            int end = at;
            while (end < bytes.length && bytes[end++] != '\n') {
                // up to and including the next newline
            }
            int n = Math.min(length, end - at);
            System.arraycopy(bytes, at, into, offset, n);
            at += n;
            return n;
        }
    }
}
