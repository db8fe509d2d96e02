package org.lapsewatch.mailflow;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The tallies of one scan: lines read, deliveries found, malformed lines (with the first few kept
 * as samples naming file and line), per-message state evicted before its end, and addresses that
 * did not reduce to a registrable domain. Not thread-safe: one scan, one thread.
 */
public final class ScanCounters {
    static final int DEFAULT_MALFORMED_SAMPLES = 10;
    private static final int SAMPLE_CHARS = 200;

    private final int malformedSampleLimit;
    private final List<String> malformedSamples = new ArrayList<>();
    private String source = "-";
    private long lineNumber;
    private long lines;
    private long deliveries;
    private long malformed;
    private long evictedBySize;
    private long evictedByAge;
    private long unparsableAddresses;

    public ScanCounters() {
        this(DEFAULT_MALFORMED_SAMPLES);
    }

    public ScanCounters(int malformedSampleLimit) {
        this.malformedSampleLimit = malformedSampleLimit;
    }

    void startSource(String name) {
        source = name;
        lineNumber = 0;
    }

    void lineRead() {
        lines++;
        lineNumber++;
    }

    void deliveryFound() {
        deliveries++;
    }

    void malformed(String reason, byte[] line, int from, int to) {
        malformed++;
        if (malformedSamples.size() < malformedSampleLimit) {
            String text = new String(line, from, Math.min(to - from, SAMPLE_CHARS), StandardCharsets.UTF_8);
            malformedSamples.add(source + ":" + lineNumber + ": " + reason + ": " + text);
        }
    }

    void evictedBySize() {
        evictedBySize++;
    }

    void evictedByAge() {
        evictedByAge++;
    }

    void unparsableAddress() {
        unparsableAddresses++;
    }

    public ScanSummary summary() {
        return new ScanSummary(lines, deliveries, malformed, List.copyOf(malformedSamples), evictedBySize,
                evictedByAge, unparsableAddresses);
    }

    /**
     * A snapshot of the tallies.
     *
     * @param lines               lines read
     * @param deliveries          delivery attempts found
     * @param malformed           lines that could not be parsed
     * @param malformedSamples    the first malformed lines, as {@code file:line: reason: text}
     * @param evictedBySize       messages whose state was dropped because too many were open
     * @param evictedByAge        messages whose state was dropped because they stayed open too long
     * @param unparsableAddresses recipients whose domain is not a registrable domain (e.g. {@code localhost})
     */
    public record ScanSummary(long lines, long deliveries, long malformed, List<String> malformedSamples,
                              long evictedBySize, long evictedByAge, long unparsableAddresses) {
        public ScanSummary {
            malformedSamples = List.copyOf(malformedSamples);
        }
    }
}
