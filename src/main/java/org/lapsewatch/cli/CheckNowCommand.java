package org.lapsewatch.cli;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.PointOfNoReturn;
import org.lapsewatch.store.Database;
import org.lapsewatch.watch.CheckResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lapsewatch check-now DOMAIN}: one registration check, now, stored like a scheduled one. */
@Command(name = "check-now", mixinStandardHelpOptions = true,
        description = "Check one domain's registration now: store the observation, update its findings and print them."
                + " A domain outside the inventory is checked as if active, and nothing is stored.")
final class CheckNowCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The registrable domain.")
    String domain;

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
        var loaded = config.load();
        try (Database db = Database.open(loaded)) {
            CheckResult result = WatchWiring.checkRunner(loaded, db, Clock.systemUTC(),
                    WatchWiring.alerts(loaded, db, Clock.systemUTC())).check(name);
            print(spec.commandLine().getOut(), name, result);
        }
        return Main.EXIT_OK;
    }

    private static Map<String, Object> findingJson(Finding f) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("rule", f.rule());
        doc.put("subject", f.subject().ascii());
        doc.put("severity", f.severity().name());
        doc.put("confidence", f.confidence().name());
        doc.put("summary", f.summary());
        doc.put("triggerChain", f.triggerChain());
        doc.put("evidence", f.evidence());
        return doc;
    }

    private void print(PrintWriter out, DomainName name, CheckResult result) {
        var reg = result.observed().registration();
        PointOfNoReturn pnr = result.evaluation().pointOfNoReturn();
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("domain", name.ascii());
            doc.put("stored", result.stored());
            doc.put("observation", result.observed());
            doc.put("pointOfNoReturn", pnr instanceof PointOfNoReturn.Known k
                    ? Map.of("at", k.at(), "explanation", k.explanation())
                    : Map.of("unknown", ((PointOfNoReturn.Unknown) pnr).reason()));
            doc.put("findings", result.evaluation().findings().stream().map(CheckNowCommand::findingJson).toList());
            doc.put("transitions", result.transitions().stream()
                    .map(t -> Map.of("kind", t.kind().wireName(), "rule", t.finding().finding().rule(), "id", t.finding().id())).toList());
            doc.put("nextCheck", result.nextCheck());
            out.println(WatchOutput.json(doc));
            return;
        }
        out.println(name.display() + ": " + reg.state().wireName() + (reg.reason() == null ? "" : " (" + reg.reason() + ")")
                + (result.stored() ? ", observation #" + result.observed().id() : ", not in the inventory: nothing stored"));
        if (reg.expires() != null) {
            out.println("  expires: " + reg.expires());
        }
        if (reg.releases() != null) {
            out.println("  releases: " + reg.releases());
        }
        out.println("  point of no return: " + switch (pnr) {
            case PointOfNoReturn.Known k -> k.at() + " (" + k.explanation() + ")";
            case PointOfNoReturn.Unknown u -> "unknown (" + u.reason() + ")";
        });
        if (result.evaluation().findings().isEmpty()) {
            out.println("  no findings");
        }
        for (Finding f : result.evaluation().findings()) {
            out.println("  " + f.severity() + " " + f.rule() + ": " + f.summary());
        }
        result.transitions().forEach(t -> out.println("  finding #" + t.finding().id() + " " + t.kind().wireName()));
        if (result.stored()) {
            out.println("  next check: " + result.nextCheck());
        }
    }
}
