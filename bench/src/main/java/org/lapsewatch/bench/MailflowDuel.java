package org.lapsewatch.bench;

import org.lapsewatch.mailflow.AddressPrivacy;
import org.lapsewatch.mailflow.DomainExposure;
import org.lapsewatch.mailflow.ExposureAggregator;
import org.lapsewatch.mailflow.LogFormat;
import org.lapsewatch.mailflow.MailLogScanner;
import org.lapsewatch.mailflow.ScanCounters;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Two builds of the mail-log scan in one JVM, each in its own class loader (so each has its own
 * JIT profiles and compiled code), scanning the same bytes in alternating rounds:
 * <pre>
 * MailflowDuel LOG MEGABYTES ROUNDS CLASSPATH_A CLASSPATH_B
 * </pre>
 * On a shared machine a scan's time moves by a tenth from minute to minute, more than many
 * changes are worth; rounds that alternate every few hundred milliseconds see the same machine.
 * Each round is the scan as {@code mailflow scan} runs it (reading, parsing and aggregating on two
 * threads) over the log's first MEGABYTES held in memory, without the report. The first third of
 * the rounds warm up and are not counted. Prints the medians, their ratio, how many counted pairs
 * each side won, and fails when the two builds count different totals.
 */
public final class MailflowDuel {
    private MailflowDuel() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: MailflowDuel LOG MEGABYTES ROUNDS CLASSPATH_A CLASSPATH_B");
            System.exit(2);
        }
        byte[] log = head(Path.of(args[0]), Integer.parseInt(args[1]));
        int rounds = Integer.parseInt(args[2]);
        Method[] scans = {side(args[3]), side(args[4])};
        List<Long> a = new ArrayList<>();
        List<Long> b = new ArrayList<>();
        int aFaster = 0;
        for (int round = 0; round < rounds; round++) {
            long[] first = (long[]) scans[0].invoke(null, log);
            long[] second = (long[]) scans[1].invoke(null, log);
            if (first[1] != second[1] || first[2] != second[2]) {
                throw new IllegalStateException("the builds disagree: A counted " + first[1] + " messages at " + first[2]
                        + " domains, B " + second[1] + " at " + second[2]);
            }
            if (round >= rounds / 3) {
                a.add(first[0]);
                b.add(second[0]);
                aFaster += first[0] < second[0] ? 1 : 0;
            }
        }
        double medianA = median(a) / 1e6;
        double medianB = median(b) / 1e6;
        System.out.printf(java.util.Locale.ROOT, "DUEL %d MB, %d counted rounds: A median %.0f ms, B median %.0f ms, B/A %.3f; "
                + "A faster in %d, B in %d%n", log.length >> 20, a.size(), medianA, medianB, medianB / medianA, aFaster, a.size() - aFaster);
    }

    /** The log's first megabytes, cut after the last whole line. */
    private static byte[] head(Path file, int megabytes) throws Exception {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(megabytes << 20);
        }
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] != '\n') {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    /** {@link Side#scan} as loaded from one build's classpath. */
    private static Method side(String classpath) throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : classpath.split(":")) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        return loader.loadClass(Side.class.getName()).getMethod("scan", byte[].class);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Loaded once per build: only the scan's public entry points, so that older builds run it too. */
    public static final class Side {
        private Side() {
        }

        /** @return nanoseconds, messages counted over all domains, domains */
        public static long[] scan(byte[] log) throws Exception {
            ScanCounters counters = new ScanCounters();
            ExposureAggregator aggregator = new ExposureAggregator(AddressPrivacy.clear(), 5, counters);
            MailLogScanner scanner = MailLogScanner.of(LogFormat.POSTFIX, ZoneOffset.UTC,
                    Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));
            long start = System.nanoTime();
            scanner.scan(List.of("-"), new ByteArrayInputStream(log), aggregator, counters);
            long elapsed = System.nanoTime() - start;
            List<DomainExposure> exposures = aggregator.exposures();
            return new long[]{elapsed, exposures.stream().mapToLong(DomainExposure::messages).sum(), exposures.size()};
        }
    }
}
