package org.lapsewatch.cli;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;
import org.lapsewatch.rules.Observed;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.ObservationRepository;
import org.lapsewatch.watch.RegistrationDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lapsewatch history DOMAIN [--json] [--diff ID1 ID2] [--raw ID]}: a domain's registration observations. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List a domain's registration observations (newest first), or show how two of them differ.")
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The registrable domain.")
    String domain;

    @Option(names = "--diff", arity = "2", paramLabel = "ID", description = "Show the fields in which observation ID1 and ID2 differ.")
    List<Long> diff;

    @Option(names = "--raw", paramLabel = "ID",
            description = "Print the registry's response body kept with observation ID (RDAP JSON or WHOIS text), as received.")
    Long raw;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many observations (default: ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        DomainName name;
        try {
            name = DomainName.parse(domain);
        } catch (InvalidDomainException e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Database db = Database.open(config.load())) {
            var observations = new ObservationRepository(db);
            if (raw != null) {
                Observed o = require(observations, name, raw);
                String body = observations.raw(o.id())
                        .orElseThrow(() -> new UsageException("observation #" + o.id() + " of " + name.display()
                                + " has no response body kept (no answer came, or it predates evidence keeping)"));
                out.print(body);
                if (!body.endsWith("\n")) {
                    out.println();
                }
                return Main.EXIT_OK;
            }
            if (diff != null) {
                Observed from = require(observations, name, diff.get(0));
                Observed to = require(observations, name, diff.get(1));
                var changes = RegistrationDiff.between(from.registration(), to.registration());
                if (json) {
                    out.println(WatchOutput.json(Map.of("domain", name.ascii(), "from", from.id(), "to", to.id(), "changes", changes)));
                } else if (changes.isEmpty()) {
                    out.println("observations #" + from.id() + " and #" + to.id() + " say the same");
                } else {
                    out.println(name.display() + ": #" + from.id() + " (" + from.firstSeen() + ") → #" + to.id() + " (" + to.firstSeen() + ")");
                    changes.forEach(c -> out.println("  " + c.field() + ": " + c.before() + " → " + c.after()));
                }
                return Main.EXIT_OK;
            }
            List<Observed> history = observations.history(name, limit);
            if (json) {
                out.println(WatchOutput.json(history));
            } else if (history.isEmpty()) {
                out.println("no observations of " + name.display() + " yet");
            } else {
                out.printf("%-6s %-20s %-20s %-6s %-14s %-20s %s%n", "ID", "FIRST SEEN", "LAST CONFIRMED", "SOURCE", "STATE", "EXPIRES", "REGISTRAR");
                for (Observed o : history) {
                    var r = o.registration();
                    out.printf("%-6d %-20s %-20s %-6s %-14s %-20s %s%n", o.id(), o.firstSeen(), o.lastConfirmed(),
                            r.source().wireName(), r.state().wireName(), r.expires() == null ? "-" : r.expires(),
                            r.registrar() == null ? (r.reason() == null ? "-" : r.reason()) : r.registrar());
                }
            }
            return Main.EXIT_OK;
        }
    }

    private static Observed require(ObservationRepository observations, DomainName name, long id) {
        return observations.find(id)
                .filter(o -> name.ascii().equalsIgnoreCase(o.registration().domain())
                        || name.unicode().equalsIgnoreCase(o.registration().domain()))
                .orElseThrow(() -> new UsageException("there is no observation #" + id + " of " + name.display()));
    }
}
