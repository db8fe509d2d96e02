package org.lapsewatch.cli;

import org.lapsewatch.store.Database;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lapsewatch serve}: the watch, the web server and the Postfix policy service until
 * SIGTERM or Ctrl-C. On shutdown the web server and policy service stop first, then the watch
 * stops taking new checks and waits (up to {@code watch.shutdownGrace}) for running ones so
 * their results are stored, and the database closes last.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Watch every inventory domain continuously, serve the web dashboard and the Postfix policy service.")
final class ServeCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--no-policy", description = "Do not run the Postfix policy service (e.g. when policy-server runs elsewhere).")
    boolean noPolicy;

    @Override
    public Integer call() throws InterruptedException {
        var loaded = config.load();
        Database db = Database.open(loaded);
        Running running;
        try {
            running = Running.start(loaded, db, Clock.systemUTC(), !noPolicy);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            running.close();
            db.close();
            stopped.countDown();
        }, "lapsewatch-shutdown"));
        var out = spec.commandLine().getOut();
        out.println("lapsewatch: watching the inventory; dashboard at " + running.web().uri()
                + (running.policy() == null ? "" : "; policy service on " + loaded.policy().host() + ":" + running.policy().policyPort()));
        running.web().setupUri().ifPresent(u -> out.println("lapsewatch: nobody has an account yet: open " + u
                + " once to create the first admin (or run 'lapsewatch users add NAME --role admin')"));
        out.flush();
        stopped.await();
        return Main.EXIT_OK;
    }
}
