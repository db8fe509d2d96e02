package org.lapsewatch.cli;

import org.lapsewatch.alert.AlertPlanner;
import org.lapsewatch.alert.Channel;
import org.lapsewatch.alert.Channels;
import org.lapsewatch.config.LapsewatchConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lapsewatch notify test CHANNEL}: proves a channel reaches someone. */
@Command(name = "notify", mixinStandardHelpOptions = true, description = "Work with alert channels.",
        subcommands = NotifyCommand.Test.class)
final class NotifyCommand {

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = "Send a test message through one channel now (email, or a webhook's name). Exit 0 when it was accepted, 1 when not.")
    static final class Test implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Parameters(paramLabel = "CHANNEL", description = "email, or the name of a configured webhook")
        String channel;

        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            LapsewatchConfig cfg = config.load();
            Clock clock = Clock.systemUTC();
            Map<String, Channel> channels = Channels.fromSettings(cfg.alerts(), clock);
            Channel target = channels.get(channel);
            if (target == null) {
                throw new UsageException("no channel named '" + channel + "' is configured (configured: "
                        + (channels.isEmpty() ? "none; see alerts.smtp and alerts.webhooks" : String.join(", ", channels.keySet())) + ")");
            }
            try {
                target.deliver(new AlertPlanner(cfg.alerts()).test(channel, clock.instant()));
            } catch (Channel.DeliveryException e) {
                spec.commandLine().getErr().println("lapsewatch: test message to '" + channel + "' failed: " + e.getMessage());
                return Main.EXIT_INTERNAL;
            }
            spec.commandLine().getOut().println("test message to '" + channel + "' was accepted");
            return Main.EXIT_OK;
        }
    }
}
