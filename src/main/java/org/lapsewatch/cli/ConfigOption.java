package org.lapsewatch.cli;

import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.LapsewatchConfig;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code --config FILE} option every command shares. Without it, {@code ./lapsewatch.yml}
 * is read when it exists, else the defaults apply.
 */
public final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: ./lapsewatch.yml when present, else built-in defaults).")
    Path file;

    public LapsewatchConfig load() {
        Path chosen = file;
        if (chosen == null && Files.isRegularFile(Path.of("lapsewatch.yml"))) {
            chosen = Path.of("lapsewatch.yml");
        }
        return ConfigLoader.fromSystemEnvironment().load(chosen);
    }
}
