package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.MailflowSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Following a live Postfix log across appends, half-written lines, rotation and truncation. */
class MailflowFollowerTest {
    @TempDir
    Path dir;

    private final Map<String, List<DomainExposure>> published = new ConcurrentHashMap<>();

    private static String delivery(String qid, String to) {
        return "Nov 28 10:00:00 gw postfix-out/smtp[1]: " + qid + ": to=<" + to
                + ">, relay=none, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (ok)\n";
    }

    /** A clock one second later at every reading, so that every poll is due to publish. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T00:00:00Z");

        @Override
        public synchronized Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private MailflowSettings settings(Path log) {
        return new MailflowSettings(List.of(log.toString()), "postfix", 5, false, null, null, null,
                Duration.ofMillis(1), Duration.ofMillis(1));
    }

    private long messagesTo(String domain) {
        List<DomainExposure> exposures = published.values().iterator().next();
        return exposures.stream().filter(e -> e.domain().ascii().equals(domain)).mapToLong(DomainExposure::messages).sum();
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.APPEND, StandardOpenOption.CREATE);
    }

    @Test
    void follows_appends_half_lines_and_a_rotation_without_losing_or_repeating_a_line() throws IOException, InterruptedException {
        Path log = dir.resolve("mail.log");
        Files.writeString(dir.resolve("mail.log.1"), delivery("AAAAA00000", "old@bjzutrecht.example"));
        Files.writeString(log, delivery("AAAAA00001", "a@bjzutrecht.example"));
        MailflowFollower follower = new MailflowFollower(settings(log), AddressPrivacy.clear(), ZoneOffset.UTC,
                new SteppingClock(), Sleeper.REAL, published::put);
        follower.open();

        follower.pollOnce();
        assertThat(messagesTo("bjzutrecht.example")).isEqualTo(2);

        String half = delivery("AAAAA00002", "b@bjzutrecht.example");
        append(log, half.substring(0, 30));
        follower.pollOnce();
        assertThat(messagesTo("bjzutrecht.example")).isEqualTo(2);
        append(log, half.substring(30));
        follower.pollOnce();
        assertThat(messagesTo("bjzutrecht.example")).isEqualTo(3);

        // logrotate: rename, the daemon writes one more line to the old file, then the new file starts
        Files.move(log, dir.resolve("mail.log.1"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        follower.pollOnce();
        append(dir.resolve("mail.log.1"), delivery("AAAAA00003", "c@bjzutrecht.example"));
        Files.writeString(log, delivery("AAAAA00004", "d@partner.example"));
        follower.pollOnce();
        assertThat(messagesTo("bjzutrecht.example")).isEqualTo(4);
        assertThat(messagesTo("partner.example")).isEqualTo(1);

        // copytruncate: the file shrinks to nothing, then grows again and is read from its start
        Files.writeString(log, "");
        follower.pollOnce();
        append(log, delivery("AAAAA00005", "e@partner.example"));
        follower.pollOnce();
        assertThat(messagesTo("partner.example")).isEqualTo(2);

        assertThat(follower.sources()).containsExactly("postfix: " + log);
        assertThat(follower.summary("postfix: " + log).malformed()).isZero();
        follower.stop();
    }

    @Test
    void start_runs_in_the_background_until_stop_with_a_pluggable_sleeper() throws IOException, InterruptedException {
        Path log = dir.resolve("mail.log");
        Files.writeString(log, "");
        AtomicInteger polls = new AtomicInteger();
        MailflowFollower follower = new MailflowFollower(settings(log), AddressPrivacy.clear(), ZoneOffset.UTC,
                Clock.systemUTC(), duration -> {
                    polls.incrementAndGet();
                    Thread.sleep(1);
                }, published::put);
        follower.start();
        append(log, delivery("BBBBB00001", "x@bjzutrecht.example"));
        int afterAppend = polls.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (polls.get() < afterAppend + 2 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        follower.stop();

        assertThat(polls.get()).isGreaterThanOrEqualTo(afterAppend + 2);

        assertThat(messagesTo("bjzutrecht.example")).isEqualTo(1);
    }
}
