package org.lapsewatch.mailflow;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads mail logs (files, rotated sets, gzip, stdin) in one pass with bounded memory and reports
 * every delivery attempt to a sink. The entry point of log scanning.
 *
 * @param format          the log format, or {@link LogFormat#AUTO} to detect it per argument
 * @param zone            the zone of stamps that carry none (classic syslog, Exim without a zone)
 * @param clock           the reference for a classic stamp's year when reading stdin
 * @param maxOpenMessages how many messages may be open at once before the oldest is dropped
 * @param maxOpenAge      how long (log time) a message may stay open before it is dropped
 */
public record MailLogScanner(LogFormat format, ZoneId zone, Clock clock, int maxOpenMessages, Duration maxOpenAge) {
    public static final int DEFAULT_MAX_OPEN_MESSAGES = 100_000;
    public static final Duration DEFAULT_MAX_OPEN_AGE = Duration.ofDays(7);
    private static final int DETECT_LINES = 50;

    public static MailLogScanner of(LogFormat format, ZoneId zone, Clock clock) {
        return new MailLogScanner(format, zone, clock, DEFAULT_MAX_OPEN_MESSAGES, DEFAULT_MAX_OPEN_AGE);
    }

    /**
     * Scans each argument ({@code -} for stdin, else a file and its rotated set) into the aggregator;
     * parsing and aggregation run on two threads, and the aggregator is complete when this returns.
     *
     * @return the format each argument was read as, in order
     */
    public List<LogFormat> scan(List<String> arguments, InputStream stdin, ExposureAggregator aggregator, ScanCounters counters)
            throws IOException {
        try (PipelinedSink pipeline = new PipelinedSink(aggregator)) {
            return scan(arguments, stdin, aggregator, pipeline, counters);
        }
    }

    /** Parses on this thread; {@code sink} aggregates (on another thread) what {@code aggregator} will report. */
    private List<LogFormat> scan(List<String> arguments, InputStream stdin, ExposureAggregator aggregator, DeliverySink sink,
                                 ScanCounters counters) throws IOException {
        List<LogFormat> formats = new ArrayList<>();
        for (String argument : arguments) {
            if (argument.equals(LogInputs.STDIN)) {
                BufferedInputStream in = new BufferedInputStream(LogInputs.decompressed(stdin), LineReader.BUFFER);
                LogFormat chosen = chosenFormat(argument, in);
                aggregator.addSource(chosen.name().toLowerCase(java.util.Locale.ROOT) + ": stdin");
                LogParser parser = parser(chosen, sink, counters, YearMonth.now(clock.withZone(zone)));
                read(argument, in, parser, counters, YearMonth.now(clock.withZone(zone)));
                formats.add(chosen);
                continue;
            }
            List<Path> files = LogInputs.expand(argument);
            LogFormat chosen;
            try (BufferedInputStream first = new BufferedInputStream(LogInputs.decompressed(Files.newInputStream(files.get(0))))) {
                chosen = chosenFormat(files.get(0).toString(), first);
            }
            aggregator.addSource(chosen.name().toLowerCase(java.util.Locale.ROOT) + ": " + argument);
            LogParser parser = parser(chosen, sink, counters, referenceOf(files.get(0)));
            for (Path file : files) {
                try (InputStream in = LogInputs.decompressed(Files.newInputStream(file))) {
                    read(file.toString(), in, parser, counters, referenceOf(file));
                }
            }
            formats.add(chosen);
        }
        return formats;
    }

    /** A parser for one format, for callers that feed lines themselves (the follower). */
    LogParser parser(LogFormat chosen, DeliverySink sink, ScanCounters counters, YearMonth reference) {
        return switch (chosen) {
            case POSTFIX, AUTO -> new PostfixLogParser(sink, counters, zone, reference, maxOpenMessages, maxOpenAge);
            case EXIM -> new EximLogParser(sink, counters, zone, maxOpenMessages, maxOpenAge);
            case EXCHANGE -> new ExchangeLogParser(sink, counters, zone, maxOpenMessages);
        };
    }

    private static void read(String name, InputStream in, LogParser parser, ScanCounters counters, YearMonth reference)
            throws IOException {
        counters.startSource(name);
        parser.startSource(name, reference);
        LineReader.read(in, parser, counters);
    }

    YearMonth referenceOf(Path file) throws IOException {
        return YearMonth.from(Files.getLastModifiedTime(file).toInstant().atZone(zone));
    }

    /** The configured format, or the one the first lines of a marked stream show. */
    private LogFormat chosenFormat(String name, BufferedInputStream in) throws IOException {
        return format != LogFormat.AUTO ? format : detect(name, in);
    }

    /** The format the first lines of a marked stream show; the stream is reset. */
    LogFormat detect(String name, BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        byte[] head = in.readNBytes(1 << 16);
        in.reset();
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < head.length && lines.size() < DETECT_LINES; i++) {
            if (head[i] == '\n') {
                lines.add(Arrays.copyOfRange(head, start, i > start && head[i - 1] == '\r' ? i - 1 : i));
                start = i + 1;
            }
        }
        if (lines.isEmpty() && head.length > 0) {
            lines.add(head);
        }
        return LogFormat.detect(name, lines);
    }
}
