package org.lapsewatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;

/**
 * The {@code lapsewatch} command. Exit status: 0 success, 1 internal error, 2 usage or input
 * error, 3 findings at or above the threshold ({@code check}).
 */
@Command(name = "lapsewatch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Never lose a domain you still depend on; never send data to one you have lost.")
public final class Main implements Runnable {
    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> SUBCOMMANDS = List.of(
            CommandLine.HelpCommand.class,
            CheckCommand.class,
            ImportZoneCommand.class,
            DomainsCommand.class,
            ImportCommand.class,
            ExportCommand.class,
            SimCommand.class,
            DemoCommand.class,
            NotifyCommand.class,
            UsersCommand.class,
            HistoryCommand.class,
            CheckNowCommand.class,
            ServeCommand.class,
            PolicyServerCommand.class,
            PolicyCommand.class,
            MailflowCommand.class,
            RegistrationCommand.class);

    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FINDINGS = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status instead of exiting (tests use this). */
    public static int run(String... args) {
        return commandLine(args).execute(args);
    }

    /** Runs the command line with the given output streams (tests read them) and returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine() {
        return commandLine(new String[0]);
    }

    /**
     * The command line for these arguments. When they start with a subcommand's name, only that
     * subcommand is built: picocli reflects over every command it is given, and building all of
     * them took 85 ms of each run's start-up. Anything else (no arguments, an option, {@code help},
     * an unknown name) gets them all, for the usage text and "did you mean" suggestions.
     */
    static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new Main());
        List<Class<?>> named = args.length == 0 || args[0].equals("help") ? List.of()
                : SUBCOMMANDS.stream().filter(command -> nameOf(command).equals(args[0])).toList();
        for (Class<?> command : named.isEmpty() ? SUBCOMMANDS : named) {
            cli.addSubcommand(command);
        }
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version the build wrote into {@code version.properties}; the jar's manifest had none, so every build said "development build". */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties properties = new Properties();
            try (InputStream in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            String version = properties.getProperty("version", "");
            return new String[]{"lapsewatch " + (version.isEmpty() || version.startsWith("${") ? "development build" : version)};
        }
    }
}
