package org.lapsewatch.cli;

import org.lapsewatch.store.Database;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.watch.Cadence;
import org.lapsewatch.watch.Watch;
import org.lapsewatch.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code lapsewatch serve}: the watch and the web server until SIGTERM or Ctrl-C; then stops
 * taking new checks, waits (up to {@code watch.shutdownGrace}) for running ones so their results
 * are stored, and closes the database.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Watch every inventory domain continuously and serve the web dashboard.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        var loaded = config.load();
        Clock clock = Clock.systemUTC();
        Database db = Database.open(loaded);
        Watch watch;
        WebServer web;
        try {
            var runner = WatchWiring.checkRunner(loaded, db, clock);
            watch = Watch.start(db, runner, new Cadence(loaded.watch()), loaded.watch(), clock);
            web = WebServer.start(loaded.web(), new InventoryRepository(db, clock));
            // WIRING(policy): start the Postfix policy service (branch 'policy', PolicyService) here and stop it in the hook.
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            web.close();
            watch.close();
            db.close();
            stopped.countDown();
        }, "lapsewatch-shutdown"));
        spec.commandLine().getOut().println("lapsewatch: watching the inventory; dashboard at " + web.uri());
        spec.commandLine().getOut().flush();
        stopped.await();
        return Main.EXIT_OK;
    }
}
