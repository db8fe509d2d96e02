package org.lapsewatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lapsewatch.config.Durations;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code lapsewatch sim}: runs the simulated internet standalone until interrupted. */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = {"Run the simulated internet (RDAP, WHOIS, DNS on loopback) from a scenario until Ctrl-C.",
                "Prints the endpoints and a configuration snippet that points Lapsewatch at them."})
public final class SimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--scenario", required = true, paramLabel = "FILE|builtin:NAME",
            description = "Scenario YAML file, or builtin:jeugdzorg.")
    String scenario;

    @Option(names = "--write-config", paramLabel = "FILE",
            description = "Also write the configuration snippet to FILE (e.g. lapsewatch-sim.yml).")
    Path writeConfig;

    @Option(names = "--advance", paramLabel = "DURATION",
            description = "Start with the clock this far past the scenario's start (e.g. 30d, 70d). Default: at the start.")
    String advance;

    @Option(names = "--json", description = "Print the endpoints as one JSON object instead of text.")
    boolean json;

    @Option(names = "--run-for", paramLabel = "DURATION", hidden = true,
            description = "Stop after this long instead of waiting for Ctrl-C (for scripts and tests).")
    String runFor;

    @Override
    public Integer call() throws InterruptedException {
        Duration limit = runFor == null ? null : Durations.parse(runFor);
        Duration head = advance == null ? Duration.ZERO : Durations.parse(advance);
        if (head.isNegative()) {
            throw new UsageException("--advance must not be negative, got " + advance);
        }
        Scenario loaded = Scenario.fromArgument(scenario);
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stop = new CountDownLatch(1);
        try (Simulation sim = Simulation.start(loaded)) {
            Thread hook = new Thread(stop::countDown, "sim-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            sim.clock().advance(head);
            if (writeConfig != null) {
                write(writeConfig, sim.configSnippet());
            }
            if (json) {
                out.println(endpointsJson(sim));
            } else {
                describe(out, sim, loaded);
            }
            out.flush();
            if (limit == null) {
                stop.await();
            } else {
                stop.await(limit.toMillis(), TimeUnit.MILLISECONDS);
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return Main.EXIT_OK;
    }

    private void describe(PrintWriter out, Simulation sim, Scenario loaded) {
        out.println("Simulated internet for scenario '" + loaded.name() + "', clock at " + sim.clock().instant());
        if (!loaded.description().isEmpty()) {
            out.println("  " + loaded.description());
        }
        out.println("  RDAP bootstrap  " + sim.bootstrapUrl());
        out.println("  RDAP base       " + sim.rdapBaseUrl());
        out.println("  WHOIS           " + host(sim.whois().getAddress().getHostAddress(), sim.whois().getPort()));
        out.println("  DNS resolver    " + host(sim.resolver().getAddress().getHostAddress(), sim.dnsPort()));
        out.println("  DNS root        " + host(sim.root().getAddress().getHostAddress(), sim.dnsPort()));
        out.println("  Move the clock  curl -X POST '" + sim.bootstrapUrl().resolve("/sim/clock") + "?advance=30d'");
        out.println();
        out.println(writeConfig == null ? "Configuration snippet:" : "Configuration written to " + writeConfig + ":");
        out.println(sim.configSnippet());
        out.println("Press Ctrl-C to stop.");
    }

    private static String endpointsJson(Simulation sim) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("scenario", sim.scenario().name());
        o.put("clock", sim.clock().instant().toString());
        o.put("rdapBootstrapUrl", sim.bootstrapUrl().toString());
        o.put("rdapBaseUrl", sim.rdapBaseUrl().toString());
        o.put("whois", host(sim.whois().getAddress().getHostAddress(), sim.whois().getPort()));
        o.put("resolver", host(sim.resolver().getAddress().getHostAddress(), sim.dnsPort()));
        o.put("root", host(sim.root().getAddress().getHostAddress(), sim.dnsPort()));
        o.put("dnsPort", sim.dnsPort());
        o.put("clockControl", sim.bootstrapUrl().resolve("/sim/clock").toString());
        try {
            return new ObjectMapper().writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }

    private static String host(String address, int port) {
        return address + ":" + port;
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + e.getMessage());
        }
    }
}
