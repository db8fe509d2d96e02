package org.lapsewatch.cli;

import org.lapsewatch.inventory.InventoryFormat;
import org.lapsewatch.inventory.InventoryWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code lapsewatch export}: writes the inventory in the shape {@code import} reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export the inventory as CSV or YAML (the same shape import reads).")
final class ExportCommand implements Runnable {
    @Mixin
    ConfigOption config;
    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "csv|yaml",
            description = "The format (default: from --output's file name, else csv).")
    InventoryFormat format;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Override
    public void run() {
        InventoryFormat chosen = format != null ? format
                : output != null ? InventoryFormat.fromFileName(output) : InventoryFormat.CSV;
        DomainsCommand.withInventory(config, inventory -> {
            var entries = inventory.list();
            if (output == null) {
                PrintWriter out = spec.commandLine().getOut();
                InventoryWriter.write(entries, chosen, out);
                out.flush();
                return;
            }
            try (Writer out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
                InventoryWriter.write(entries, chosen, out);
            } catch (IOException e) {
                throw new UsageException(output + ": cannot write: " + e.getMessage());
            }
            spec.commandLine().getErr().println("exported " + entries.size() + " domains to " + output);
        });
    }
}
