package org.lapsewatch.cli;

import org.lapsewatch.policy.ReadPollers;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * The {@code lapsewatch} command. Exit status: 0 success, 1 internal error, 2 usage or input
 * error, 3 findings at or above the threshold ({@code check}).
 */
@Command(name = "lapsewatch",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Never lose a domain you still depend on; never send data to one you have lost.",
        subcommands = {
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
                RegistrationCommand.class,
        })
public final class Main implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_INTERNAL = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_FINDINGS = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        ReadPollers.preferPlatformThreads();
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit status instead of exiting (tests use this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** Runs the command line with the given output streams (tests read them) and returns the exit status. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine();
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
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setExitCodeExceptionMapper(ErrorHandler::exitCodeOf);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[]{"lapsewatch " + (v == null ? "development build" : v)};
        }
    }
}
