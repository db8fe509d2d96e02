package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Assumptions;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Runs scans for tests and finds the shared mail corpus in place (never copied). */
final class Scans {
    /** The clock tests read classic syslog years against: 2026-11-29. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);

    private Scans() {
    }

    record Result(Map<String, DomainExposure> byDomain, ScanCounters.ScanSummary summary, List<LogFormat> formats) {
        DomainExposure domain(String name) {
            DomainExposure exposure = byDomain.get(name);
            if (exposure == null) {
                throw new AssertionError("no exposure for " + name + "; have " + byDomain.keySet());
            }
            return exposure;
        }
    }

    static Result scanText(LogFormat format, String log) {
        return scan(MailLogScanner.of(format, ZoneOffset.UTC, CLOCK), List.of("-"),
                new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)));
    }

    /** A Postfix log scanned with this privacy and number of sample addresses. */
    static Result scanText(String log, AddressPrivacy privacy, int sampleAddresses) {
        return scan(MailLogScanner.of(LogFormat.POSTFIX, ZoneOffset.UTC, CLOCK), List.of("-"),
                new ByteArrayInputStream(log.getBytes(StandardCharsets.UTF_8)), privacy, sampleAddresses);
    }

    static Result scanFiles(LogFormat format, List<String> arguments) {
        return scan(MailLogScanner.of(format, ZoneOffset.UTC, CLOCK), arguments, new ByteArrayInputStream(new byte[0]));
    }

    static Result scan(MailLogScanner scanner, List<String> arguments, java.io.InputStream stdin) {
        return scan(scanner, arguments, stdin, AddressPrivacy.clear(), 5);
    }

    private static Result scan(MailLogScanner scanner, List<String> arguments, java.io.InputStream stdin,
                               AddressPrivacy privacy, int sampleAddresses) {
        ScanCounters counters = new ScanCounters();
        ExposureAggregator aggregator = new ExposureAggregator(privacy, sampleAddresses, counters);
        try {
            List<LogFormat> formats = scanner.scan(arguments, stdin, aggregator, counters);
            return new Result(aggregator.exposures().stream()
                    .collect(Collectors.toMap(e -> e.domain().ascii(), Function.identity())), counters.summary(), formats);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of the shared mail corpus, or the test is skipped with a message saying where it looked. */
    static Path corpus(String name) {
        for (String candidate : new String[]{System.getProperty("lapsewatch.corpora"), "/work/shared/corpora"}) {
            if (candidate != null && Files.isDirectory(Path.of(candidate))) {
                Path file = Path.of(candidate, "mail", name);
                if (Files.exists(file)) {
                    return file;
                }
            }
        }
        String message = "corpus file mail/" + name + " not found (looked in -Dlapsewatch.corpora="
                + System.getProperty("lapsewatch.corpora") + " and /work/shared/corpora): skipped";
        System.out.println(message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }
}
