package org.lapsewatch.cli;

import com.fasterxml.jackson.core.JsonGenerator;
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
        Json.stream(out, json -> {
            json.writeStartObject();
            json.writeArrayFieldStart("domains");
            for (ExposureReport.Ranked ranked : report.domains()) {
                DomainExposure e = ranked.exposure();
                json.writeStartObject();
                json.writeStringField("domain", e.domain().ascii());
                json.writeStringField("display", e.domain().display());
                json.writeStringField("lifecycle", ranked.lifecycle() == null ? null : ranked.lifecycle().wireName());
                json.writeNumberField("messages", e.messages());
                json.writeNumberField("recipients", e.recipients());
                json.writeBooleanField("recipientsCapped", e.recipientsCapped());
                json.writeObjectFieldStart("attempts");
                for (Map.Entry<DeliveryStatus, Long> attempts : e.attempts().entrySet()) {
                    json.writeNumberField(attempts.getKey().wireName(), attempts.getValue());
                }
                json.writeEndObject();
                counts(json, "topSenders", e.topSenders());
                counts(json, "topSystems", e.topSystems());
                counts(json, "topOrigins", e.topOrigins());
                json.writeStringField("firstSeen", instant(e.firstSeen()));
                json.writeStringField("lastSeen", instant(e.lastSeen()));
                strings(json, "sampleRecipients", e.sampleRecipients());
                json.writeNumberField("viaAlias", e.viaAlias());
                strings(json, "aliasSamples", e.aliasSamples());
                json.writeNumberField("references", e.references());
                strings(json, "referenceSamples", e.referenceSamples());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("findings");
            for (Finding f : report.findings()) {
                json.writeObject(CheckCommand.toJson(f));
            }
            json.writeEndArray();
            ScanCounters.ScanSummary s = report.summary();
            json.writeObjectFieldStart("summary");
            json.writeNumberField("lines", s.lines());
            json.writeNumberField("deliveries", s.deliveries());
            json.writeNumberField("malformed", s.malformed());
            strings(json, "malformedSamples", s.malformedSamples());
            json.writeNumberField("unparsableAddresses", s.unparsableAddresses());
            json.writeNumberField("evictedBySize", s.evictedBySize());
            json.writeNumberField("evictedByAge", s.evictedByAge());
            strings(json, "skippedFiles", skipped);
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private static void counts(JsonGenerator json, String name, List<Count> counts) throws IOException {
        json.writeArrayFieldStart(name);
        for (Count c : counts) {
            json.writeStartObject();
            json.writeStringField("value", c.value());
            json.writeNumberField("count", c.count());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void strings(JsonGenerator json, String name, List<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    private static String instant(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
