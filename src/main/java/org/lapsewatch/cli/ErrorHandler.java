package org.lapsewatch.cli;

import org.lapsewatch.config.ConfigException;
import org.lapsewatch.model.LapsewatchException;
import picocli.CommandLine;

/**
 * Turns exceptions into messages and exit codes, once, at the edge: problems with the user's
 * input or configuration are exit status 2 with a one-line message; anything else is 1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cli, CommandLine.ParseResult parseResult) {
        var err = cli.getErr();
        int code = exitCodeOf(ex);
        if (code == Main.EXIT_USAGE) {
            err.println("lapsewatch: " + ex.getMessage());
        } else {
            err.println("lapsewatch: internal error: " + ex);
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static int exitCodeOf(Throwable ex) {
        if (ex instanceof CommandLine.ParameterException || ex instanceof UsageException || ex instanceof ConfigException || ex instanceof IllegalArgumentException
                || ex instanceof LapsewatchException) {
            return Main.EXIT_USAGE;
        }
        return Main.EXIT_INTERNAL;
    }
}
