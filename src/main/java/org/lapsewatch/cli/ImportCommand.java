package org.lapsewatch.cli;

import org.lapsewatch.inventory.InventoryFormat;
import org.lapsewatch.inventory.InventoryReader;
import org.lapsewatch.model.InventoryEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code lapsewatch import FILE}: loads an inventory file, all of it or nothing. */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import domains from a CSV or YAML file: new domains are added, known ones updated.",
                "All or nothing: the first bad row stops the import (FILE line N, field F: reason) and nothing is written."})
final class ImportCommand implements Runnable {
    @Mixin
    ConfigOption config;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A .csv or .yml/.yaml file.")
    Path file;
    @Option(names = "--format", paramLabel = "csv|yaml", description = "The file format (default: from the file name).")
    InventoryFormat format;
    @Option(names = "--replace", description = "Make the inventory exactly the file: domains not in it are removed.")
    boolean replace;

    @Override
    public void run() {
        InventoryFormat chosen = format != null ? format : InventoryFormat.fromFileName(file);
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": no such file");
        }
        List<InventoryEntry> entries;
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            entries = InventoryReader.read(in, chosen, file.toString());
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + e.getMessage());
        }
        DomainsCommand.withInventory(config, inventory -> {
            String detail;
            if (replace) {
                inventory.replaceAll(entries);
                detail = "replacing the inventory";
            } else {
                int added = inventory.importAll(entries);
                detail = added + " new, " + (entries.size() - added) + " updated";
            }
            spec.commandLine().getOut().println("imported " + entries.size() + (entries.size() == 1 ? " domain" : " domains")
                    + " from " + file + " (" + detail + ")");
        });
    }
}
