package org.lapsewatch.cli;

import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.dns.ResidualTrustCheck;
import org.lapsewatch.dns.Resolver;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.Severity;
import org.lapsewatch.registration.RegistrationEngine;
import org.lapsewatch.registration.RegistrationLookup;
import org.lapsewatch.rules.AvailabilityConfirmation;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.Observed;
import org.lapsewatch.rules.Reference;
import org.lapsewatch.rules.RuleInput;
import org.lapsewatch.rules.RuleSettings;
import org.lapsewatch.rules.ZoneFacts;
import org.lapsewatch.watch.DelegationProbe;
import org.lapsewatch.watch.DnsDelegationProbe;
import org.lapsewatch.rules.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code lapsewatch check DOMAIN…}: one residual-trust run for the given domains, for scripts and
 * CI. Exit status 0 when no finding is at or above {@code --fail-on}, 3 when one is.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the given domains once: their registration lifecycle, every name their DNS points at,",
                "lame delegations, hardening of retired domains. Exit status: 0 nothing at or above --fail-on, 3 something was,",
                "2 usage error, 1 internal error."})
final class CheckCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "DOMAIN", description = "Domains of the organisation to check (treated as active).")
    List<String> domains;

    @Option(names = "--retired", paramLabel = "DOMAIN", description = "A domain of the organisation that is retired (checked for hardening too).")
    List<String> retired = new ArrayList<>();

    @Option(names = "--json", description = "Print the findings as JSON.")
    boolean json;

    @Option(names = "--fail-on", paramLabel = "SEVERITY", defaultValue = "HIGH",
            description = "Lowest severity that makes the exit status 3 (CRITICAL, HIGH, MEDIUM, LOW, INFO). Default: ${DEFAULT-VALUE}.")
    String failOn;

    @Override
    public Integer call() throws Exception {
        Severity threshold;
        try {
            threshold = Severity.parse(failOn);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--fail-on: " + e.getMessage());
        }
        Map<DomainName, Lifecycle> inventory = new LinkedHashMap<>();
        for (String d : domains) {
            inventory.put(DomainName.parse(d), Lifecycle.ACTIVE);
        }
        for (String d : retired) {
            inventory.put(DomainName.parse(d), Lifecycle.RETIRED);
        }
        LapsewatchConfig cfg = config.load();
        Clock clock = Clock.systemUTC();
        RegistrationEngine registrations = RegistrationEngine.create(cfg);
        List<InventoryEntry> entries = inventory.entrySet().stream().map(e -> InventoryEntry.of(e.getKey(), e.getValue())).toList();
        ResidualTrustCheck.Result dns = new ResidualTrustCheck(cfg.dns(), Resolver.from(cfg.dns()), registrations,
                ResidualTrustCheck.bundledProviders(), clock).check(entries);
        List<Finding> findings = new ArrayList<>(dns.findings());
        findings.addAll(lifecycleFindings(entries, dns, registrations, new DnsDelegationProbe(cfg.dns()), clock.instant()));
        findings.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::rule));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(Map.of("findings", findings.stream().map(CheckCommand::toJson).toList())));
        } else {
            printText(out, findings);
        }
        out.flush();
        return findings.stream().anyMatch(f -> f.severity().atLeast(threshold)) ? Main.EXIT_FINDINGS : Main.EXIT_OK;
    }

    /**
     * The registration lifecycle rules for each given domain, with the DNS references the other
     * given zones make to it (an active zone still pointing at a retired one is "legacy referenced").
     */
    private static List<Finding> lifecycleFindings(List<InventoryEntry> entries, ResidualTrustCheck.Result dns,
                                                   RegistrationLookup registrations, DelegationProbe delegation, Instant now) {
        LifecycleRules rules = new LifecycleRules(RuleSettings.defaults());
        List<Finding> out = new ArrayList<>();
        for (InventoryEntry entry : entries) {
            Registration registration = registrations.lookup(entry.name());
            if (AvailabilityConfirmation.needsDelegationCheck(registration)) {
                registration = AvailabilityConfirmation.confirm(registration, delegation.ask(entry.name()));
            }
            List<Reference> references = new ArrayList<>();
            for (ZoneFacts zone : dns.zones()) {
                if (zone.domain().equals(entry.name())) {
                    continue;
                }
                zone.references().stream().filter(r -> r.registrableTarget().map(entry.name()::equals).orElse(false))
                        .forEach(r -> references.add(new Reference(Reference.Kind.DNS, r.describe(), now)));
            }
            out.addAll(rules.evaluate(new RuleInput(entry, Observed.at(registration, now), List.of(), references, now)).findings());
        }
        return out;
    }

    private static void printText(PrintWriter out, List<Finding> findings) {
        if (findings.isEmpty()) {
            out.println("no findings");
            return;
        }
        Set<String> seen = new TreeSet<>();
        for (Finding f : findings) {
            out.printf("%-8s %s %s: %s%n", f.severity(), f.rule(), f.subject().display(), f.summary());
            if (!f.triggerChain().isEmpty()) {
                out.println("         " + String.join(" → ", f.triggerChain()));
            }
            seen.add(f.rule());
        }
        out.println(findings.size() + " finding(s), rules: " + String.join(", ", seen));
    }

    /** A finding as every command's {@code --json} prints it. */
    static Map<String, Object> toJson(Finding f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rule", f.rule());
        m.put("subject", f.subject().ascii());
        m.put("severity", f.severity().name());
        m.put("confidence", f.confidence().name());
        m.put("summary", f.summary());
        m.put("triggerChain", f.triggerChain());
        m.put("evidence", f.evidence());
        return m;
    }
}
