package org.lapsewatch.cli;

import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.policy.DatabaseVerdictInputs;
import org.lapsewatch.policy.TransportExport;
import org.lapsewatch.policy.Verdict;
import org.lapsewatch.policy.VerdictPolicy;
import org.lapsewatch.policy.VerdictTable;
import org.lapsewatch.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code lapsewatch policy}: inspect the verdicts and export them for Postfix. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Show the gateway verdicts or export them as a Postfix transport file.",
        subcommands = {PolicyCommand.Verdicts.class, PolicyCommand.ExportTransport.class})
final class PolicyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static VerdictTable loadVerdicts(ConfigOption config) {
        LapsewatchConfig loaded = config.load();
        try (Database db = Database.open(loaded)) {
            var inputs = DatabaseVerdictInputs.of(db, Clock.systemUTC());
            return VerdictTable.build(inputs.inventory(), inputs.openFindings(), VerdictPolicy.from(loaded.policy()));
        }
    }

    @Command(name = "verdicts", mixinStandardHelpOptions = true,
            description = "List every domain with a non-allow verdict.")
    static final class Verdicts implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public void run() {
            List<Verdict> verdicts = loadVerdicts(config).verdicts();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Json.write(verdicts.stream().map(v -> {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("domain", v.domain().ascii());
                    row.put("action", v.action().wireName());
                    row.put("reason", v.reason());
                    return row;
                }).toList()));
                return;
            }
            for (Verdict v : verdicts) {
                out.println(v.domain().display() + "\t" + v.action().wireName() + "\t" + v.reason());
            }
        }
    }

    @Command(name = "export-transport", mixinStandardHelpOptions = true,
            description = "Write a Postfix transport file (postmap it) that blocks the rejected and deferred domains.")
    static final class ExportTransport implements Runnable {
        @Mixin
        ConfigOption config;
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "FILE", description = "The file to write, e.g. /etc/postfix/lapsewatch_transport.")
        Path file;

        @Override
        public void run() {
            VerdictTable table = loadVerdicts(config);
            int written;
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
                written = TransportExport.write(table, out);
            } catch (IOException e) {
                throw new UsageException(file + ": cannot write: " + e.getMessage());
            }
            spec.commandLine().getErr().println("wrote " + written + " blocked domains to " + file
                    + "; run: postmap " + file);
        }
    }
}
