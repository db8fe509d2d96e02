package org.lapsewatch.cli;

import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.inventory.InventoryFormat;
import org.lapsewatch.inventory.InventoryReader;
import org.lapsewatch.mailflow.AddressPrivacy;
import org.lapsewatch.mailflow.Count;
import org.lapsewatch.mailflow.DeliveryStatus;
import org.lapsewatch.mailflow.DomainExposure;
import org.lapsewatch.mailflow.ExposureAggregator;
import org.lapsewatch.mailflow.ExposureReport;
import org.lapsewatch.mailflow.LogFormat;
import org.lapsewatch.mailflow.MailLogScanner;
import org.lapsewatch.mailflow.ScanCounters;
import org.lapsewatch.mailflow.StaticSources;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.InventoryRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** {@code lapsewatch mailflow …}: where mail still goes. */
@Command(name = "mailflow", mixinStandardHelpOptions = true,
        description = "Find where mail still goes: mail logs, alias maps and configuration.",
        subcommands = {MailflowCommand.Scan.class})
final class MailflowCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "scan", mixinStandardHelpOptions = true,
            description = {"Scan mail logs (Postfix, Exim, Exchange; plain, gzip, rotated sets, - for stdin),",
                    "alias/map files and configuration trees, and report mail exposure per recipient domain."})
    static final class Scan implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;

        @Option(names = "--format", paramLabel = "auto|postfix|exim|exchange", description = "Log format (default: auto).")
        LogFormat format = LogFormat.AUTO;
        @Parameters(paramLabel = "FILE", arity = "0..*", description = "Log files; a base name reads its rotated set; - is stdin.")
        List<String> logs = new ArrayList<>();
        @Option(names = "--aliases", paramLabel = "FILE", split = ",",
                description = "aliases, virtual/canonical/transport/recipient maps, .forward or Sieve files (repeatable, or comma-separated).")
        List<Path> aliases = new ArrayList<>();
        @Option(names = "--tree", paramLabel = "DIR", split = ",",
                description = "Configuration or code trees to search for addresses and URLs (repeatable, or comma-separated).")
        List<Path> trees = new ArrayList<>();
        @Option(names = "--include", paramLabel = "GLOB", description = "Only tree files matching GLOB (repeatable).")
        List<String> includes = new ArrayList<>();
        @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip tree files matching GLOB (repeatable).")
        List<String> excludes = new ArrayList<>();
        @Option(names = "--max-file-size", paramLabel = "BYTES", description = "Skip tree files larger than this (default: 1048576).")
        long maxFileBytes = StaticSources.DEFAULT_MAX_FILE_BYTES;
        @Option(names = "--inventory", paramLabel = "FILE", description = "Rank and judge domains with this inventory (CSV or YAML).")
        Path inventoryFile;
        @Option(names = "--store", description = "Rank and judge domains with the inventory in the configured store.")
        boolean useStore;
        @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of log stamps without one (default: the system's).")
        ZoneId zone = ZoneId.systemDefault();
        @Option(names = "--json", description = "Print JSON instead of a table.")
        boolean json;

        @Override
        public void run() {
            if (logs.isEmpty() && aliases.isEmpty() && trees.isEmpty()) {
                throw new UsageException("nothing to scan: name log files, --aliases or --tree");
            }
            LapsewatchConfig cfg = config.load();
            ScanCounters counters = new ScanCounters();
            ExposureAggregator aggregator = new ExposureAggregator(
                    AddressPrivacy.fromSettings(cfg.mailflow(), cfg.homeDirectory()), cfg.mailflow().sampleAddresses(), counters);
            MailLogScanner scanner = new MailLogScanner(format, zone, Clock.systemUTC(),
                    cfg.mailflow().maxOpenMessages(), cfg.mailflow().maxOpenAge());
            List<String> skipped = new ArrayList<>();
            try {
                scanner.scan(logs, System.in, aggregator, counters);
                StaticSources statics = new StaticSources(maxFileBytes, includes, excludes);
                for (Path file : aliases) {
                    if (!Files.isRegularFile(file)) {
                        throw new UsageException(file + ": no such file");
                    }
                    aggregator.addSource("static: " + file);
                    statics.scanFile(file, aggregator::reference);
                }
                for (Path tree : trees) {
                    if (!Files.isDirectory(tree)) {
                        throw new UsageException(tree + ": no such directory");
                    }
                    aggregator.addSource("tree: " + tree);
                    skipped.addAll(statics.scanTree(tree, aggregator::reference));
                }
            } catch (UncheckedIOException e) {
                throw e.getCause() instanceof NoSuchFileException missing
                        ? new UsageException(missing.getFile() + ": no such file") : e;
            } catch (IOException e) {
                throw new UsageException("cannot read: " + e.getMessage());
            }
            ExposureReport report = ExposureReport.of(aggregator.exposures(), inventory(), Set.of(), counters.summary());
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                printJson(out, report, skipped);
            } else {
                printTable(out, report, skipped);
            }
        }

        private List<InventoryEntry> inventory() {
            List<InventoryEntry> entries = new ArrayList<>();
            if (inventoryFile != null) {
                try (Reader reader = Files.newBufferedReader(inventoryFile, StandardCharsets.UTF_8)) {
                    entries.addAll(InventoryReader.read(reader, InventoryFormat.fromFileName(inventoryFile), inventoryFile.toString()));
                } catch (IOException e) {
                    throw new UsageException(inventoryFile + ": cannot read: " + e.getMessage());
                }
            }
            if (useStore) {
                try (Database db = Database.open(config.load())) {
                    entries.addAll(new InventoryRepository(db, Clock.systemUTC()).list());
                }
            }
            return entries;
        }
    }

    static void printTable(PrintWriter out, ExposureReport report, List<String> skipped) {
        String row = "%-28s %-20s %8s %6s %7s %8s %7s %8s %9s %5s  %-10s  %s%n";
        out.printf(Locale.ROOT, row, "DOMAIN", "STANDING", "MESSAGES", "RCPTS", "SENT", "DEFERRED", "BOUNCED", "REJECTED",
                "VIA ALIAS", "REFS", "LAST SEEN", "TOP SENDER / SYSTEM");
        for (ExposureReport.Ranked ranked : report.domains()) {
            DomainExposure e = ranked.exposure();
            String top = (e.topSenders().isEmpty() ? "-" : e.topSenders().get(0).value())
                    + (e.topSystems().isEmpty() ? "" : " / " + e.topSystems().get(0).value());
            out.printf(Locale.ROOT, row, e.domain().display(), ranked.standing(), e.messages(),
                    e.recipients() + (e.recipientsCapped() ? "+" : ""), e.attempts(DeliveryStatus.SENT),
                    e.attempts(DeliveryStatus.DEFERRED), e.attempts(DeliveryStatus.BOUNCED), e.attempts(DeliveryStatus.REJECTED),
                    e.viaAlias(), e.references(), e.lastSeen() == null ? "-" : e.lastSeen().toString().substring(0, 10), top);
        }
        if (!report.findings().isEmpty()) {
            out.println();
            out.println("FINDINGS");
            for (Finding f : report.findings()) {
                out.println(f.severity() + " " + f.rule() + " " + f.subject().display() + ": " + f.summary());
                f.triggerChain().forEach(step -> out.println("    " + step));
            }
        }
        ScanCounters.ScanSummary s = report.summary();
        out.println();
        out.printf(Locale.ROOT, "%d lines, %d delivery attempts, %d malformed, %d unparsable addresses, %d messages dropped"
                + " unfinished (%d too many open, %d too old)%n", s.lines(), s.deliveries(), s.malformed(),
                s.unparsableAddresses(), s.evictedBySize() + s.evictedByAge(), s.evictedBySize(), s.evictedByAge());
        s.malformedSamples().forEach(sample -> out.println("  malformed: " + sample));
        skipped.forEach(file -> out.println("  skipped: " + file));
    }

    static void printJson(PrintWriter out, ExposureReport report, List<String> skipped) {
        List<Object> domains = new ArrayList<>();
        for (ExposureReport.Ranked ranked : report.domains()) {
            DomainExposure e = ranked.exposure();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("domain", e.domain().ascii());
            d.put("display", e.domain().display());
            d.put("lifecycle", ranked.lifecycle() == null ? null : ranked.lifecycle().wireName());
            d.put("messages", e.messages());
            d.put("recipients", e.recipients());
            d.put("recipientsCapped", e.recipientsCapped());
            Map<String, Long> attempts = new LinkedHashMap<>();
            e.attempts().forEach((status, n) -> attempts.put(status.wireName(), n));
            d.put("attempts", attempts);
            d.put("topSenders", counts(e.topSenders()));
            d.put("topSystems", counts(e.topSystems()));
            d.put("topOrigins", counts(e.topOrigins()));
            d.put("firstSeen", instant(e.firstSeen()));
            d.put("lastSeen", instant(e.lastSeen()));
            d.put("sampleRecipients", e.sampleRecipients());
            d.put("viaAlias", e.viaAlias());
            d.put("aliasSamples", e.aliasSamples());
            d.put("references", e.references());
            d.put("referenceSamples", e.referenceSamples());
            domains.add(d);
        }
        List<Object> findings = new ArrayList<>();
        for (Finding f : report.findings()) {
            findings.add(CheckCommand.toJson(f));
        }
        ScanCounters.ScanSummary s = report.summary();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("lines", s.lines());
        summary.put("deliveries", s.deliveries());
        summary.put("malformed", s.malformed());
        summary.put("malformedSamples", s.malformedSamples());
        summary.put("unparsableAddresses", s.unparsableAddresses());
        summary.put("evictedBySize", s.evictedBySize());
        summary.put("evictedByAge", s.evictedByAge());
        summary.put("skippedFiles", skipped);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("domains", domains);
        root.put("findings", findings);
        root.put("summary", summary);
        out.println(Json.write(root));
    }

    private static List<Object> counts(List<Count> counts) {
        List<Object> result = new ArrayList<>();
        counts.forEach(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("value", c.value());
            m.put("count", c.count());
            result.add(m);
        });
        return result;
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
