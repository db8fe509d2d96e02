package org.lapsewatch.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs {@code lapsewatch} commands in-process against a home directory of their own, the way a
 * user would with {@code --config lapsewatch.yml}; each result keeps the exit status and both
 * output streams.
 */
final class CliRun {
    private final Path config;

    CliRun(Path home) throws IOException {
        this.config = home.resolve("lapsewatch.yml");
        Files.writeString(config, "home: " + home.toAbsolutePath().resolve("data") + "\n");
    }

    /** Runs one command line with {@code --config} added after the subcommand words. */
    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withConfig = new String[args.length + 2];
        int firstOption = 0;
        while (firstOption < args.length && isCommandWord(args, firstOption)) {
            firstOption++;
        }
        System.arraycopy(args, 0, withConfig, 0, firstOption);
        withConfig[firstOption] = "--config";
        withConfig[firstOption + 1] = config.toString();
        System.arraycopy(args, firstOption, withConfig, firstOption + 2, args.length - firstOption);
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), withConfig);
        return new Result(status, out.toString(), err.toString());
    }

    private static boolean isCommandWord(String[] args, int i) {
        return switch (args[i]) {
            case "domains", "add", "retire", "show", "list", "import", "export", "demo" -> i == 0 || args[0].equals("domains") && i == 1;
            default -> false;
        };
    }

    record Result(int status, String out, String err) {
    }
}
