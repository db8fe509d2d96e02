package org.lapsewatch.mailflow;

import org.lapsewatch.config.MailflowSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Follows the logs of {@code mailflow.logs} for {@code serve}: on start it reads each log's rotated
 * set (oldest first) and the live file, then tails the live file across rotations, and every
 * {@code mailflow.storeInterval} hands each log's running exposures to the publisher (the store).
 * A failing log is logged and retried at the next poll; it never stops the others.
 */
public final class MailflowFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MailflowFollower.class);

    /** Receives the running exposures of one followed log, e.g. to replace its rows in the store. */
    @FunctionalInterface
    public interface Publisher {
        void publish(String source, List<DomainExposure> exposures);
    }

    private record Followed(String source, ExposureAggregator aggregator, ScanCounters counters, LogFollower follower) {
    }

    private final MailflowSettings settings;
    private final AddressPrivacy privacy;
    private final ZoneId zone;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Publisher publisher;
    private final List<Followed> followed = new ArrayList<>();
    private Instant lastPublished = Instant.MIN;
    private Thread thread;
    private volatile boolean running;

    public MailflowFollower(MailflowSettings settings, AddressPrivacy privacy, ZoneId zone, Clock clock, Sleeper sleeper,
                            Publisher publisher) {
        this.settings = settings;
        this.privacy = privacy;
        this.zone = zone;
        this.clock = clock;
        this.sleeper = sleeper;
        this.publisher = publisher;
    }

    /** Reads the rotated sets and starts following on a background thread; no-op without logs. */
    public synchronized void start() throws IOException {
        if (thread != null) {
            throw new IllegalStateException("the mail log follower is already running");
        }
        open();
        if (followed.isEmpty()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("mailflow-follower").start(this::loop);
    }

    /** Stops following, publishes the final counts and closes the files. */
    public synchronized void stop() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join();
            thread = null;
        }
        publish();
        for (Followed f : followed) {
            try {
                f.follower().close();
            } catch (IOException e) {
                LOG.warn("mailflow: closing {} failed: {}", f.source(), e.getMessage());
            }
        }
        followed.clear();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** The sources being followed, as named in the store ({@code postfix: /var/log/mail.log}). */
    public List<String> sources() {
        return followed.stream().map(Followed::source).toList();
    }

    /** Opens every configured log: reads its rotated older files and prepares to tail the live one. */
    void open() throws IOException {
        MailLogScanner scanner = new MailLogScanner(LogFormat.valueOf(settings.format().toUpperCase(Locale.ROOT)), zone, clock,
                settings.maxOpenMessages(), settings.maxOpenAge());
        for (String log : settings.logs()) {
            Path live = Path.of(log);
            ScanCounters counters = new ScanCounters();
            ExposureAggregator aggregator = new ExposureAggregator(privacy, settings.sampleAddresses(), counters);
            List<Path> set = Files.isRegularFile(live) ? LogInputs.expand(log) : List.of(live);
            LogFormat format = formatOf(scanner, set.get(0));
            String source = format.name().toLowerCase(Locale.ROOT) + ": " + log;
            aggregator.addSource(source);
            LogParser parser = scanner.parser(format, aggregator, counters, YearMonth.now(clock.withZone(zone)));
            for (Path older : set.subList(0, set.size() - 1)) {
                try (InputStream in = LogInputs.decompressed(Files.newInputStream(older))) {
                    counters.startSource(older.toString());
                    parser.startSource(older.toString(), scanner.referenceOf(older));
                    LineReader.read(in, parser, counters);
                }
            }
            followed.add(new Followed(source, aggregator, counters, new LogFollower(live, parser, counters)));
        }
    }

    /** One round: every log reads what is new; exposures are published when the interval has passed. */
    void pollOnce() {
        for (Followed f : followed) {
            try {
                f.follower().poll();
            } catch (IOException | RuntimeException e) {
                LOG.warn("mailflow: reading {} failed, retrying at the next poll: {}", f.source(), e.toString());
            }
        }
        if (!clock.instant().isBefore(lastPublished.plus(settings.storeInterval()))) {
            publish();
        }
    }

    private void loop() {
        while (running) {
            pollOnce();
            try {
                sleeper.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void publish() {
        lastPublished = clock.instant();
        for (Followed f : followed) {
            try {
                publisher.publish(f.source(), f.aggregator().exposures());
            } catch (RuntimeException e) {
                LOG.warn("mailflow: storing the exposures of {} failed: {}", f.source(), e.toString());
            }
        }
    }

    /** The running tallies of a followed source (lines, malformed, evictions), for status pages and tests. */
    public ScanCounters.ScanSummary summary(String source) {
        return followed.stream().filter(f -> f.source().equals(source)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not followed: " + source)).counters().summary();
    }

    private static LogFormat formatOf(MailLogScanner scanner, Path first) throws IOException {
        if (scanner.format() != LogFormat.AUTO || !Files.isRegularFile(first)) {
            return scanner.format() == LogFormat.AUTO ? LogFormat.POSTFIX : scanner.format();
        }
        try (BufferedInputStream in = new BufferedInputStream(LogInputs.decompressed(Files.newInputStream(first)))) {
            return scanner.detect(first.toString(), in);
        }
    }
}
