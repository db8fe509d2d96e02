package org.lapsewatch.cli;

import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.dns.Lookup;
import org.lapsewatch.dns.Resolver;
import org.lapsewatch.dns.ZoneLookup;
import org.lapsewatch.dns.ZoneWalker;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.ZoneFacts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code lapsewatch import-zone FILE}: the references a BIND zone file makes, as the live walk would find them. */
@Command(name = "import-zone", mixinStandardHelpOptions = true,
        description = "List every name a BIND zone file points at (NS, MX, CNAME chains, SRV, SPF, DMARC, DKIM, CAA).")
final class ImportZoneCommand implements Callable<Integer> {

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The zone file.")
    Path file;

    @Option(names = "--origin", paramLabel = "ZONE", description = "The zone's name when the file has no $ORIGIN (default: the file name without .zone/.db).")
    String origin;

    @Option(names = "--offline", description = "Do not resolve names outside the zone (SPF includes and CNAME chains stop there).")
    boolean offline;

    @Option(names = "--json", description = "Print the references as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(file)) {
            throw new UsageException(file + ": zone file not found");
        }
        String zoneName = origin != null ? origin : file.getFileName().toString().replaceFirst("\\.(zone|db|txt)$", "");
        DomainName domain = DomainName.parse(zoneName);
        LapsewatchConfig cfg = config.load();
        Lookup outside = offline ? ZoneLookup.OFFLINE : Resolver.from(cfg.dns());
        ZoneLookup zone = ZoneLookup.readFile(file, domain.ascii(), outside);
        ZoneFacts facts = new ZoneWalker(zone, null, cfg.dns().hostnames(), cfg.dns().dkimSelectors(), cfg.dns().mtaStsMx())
                .walkWithRecordReferences(domain, Lifecycle.ACTIVE, zone.recordReferences(), cfg.dns().concurrency());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Map<String, Object>> refs = facts.references().stream().map(ImportZoneCommand::toJson).toList();
            out.println(Json.write(Map.of("zone", domain.ascii(), "records", zone.size(), "references", refs)));
        } else {
            out.println(domain.display() + ": " + zone.size() + " records, " + facts.references().size() + " references");
            for (DnsReference r : facts.references()) {
                out.printf("%-14s %-40s %s%n", r.kind().label(), r.target(), r.describe());
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static Map<String, Object> toJson(DnsReference r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
        m.put("owner", r.owner());
        m.put("target", r.target());
        m.put("registrable", r.registrableTarget().map(DomainName::ascii).orElse(null));
        m.put("chain", r.chain());
        m.put("resolution", r.resolution().name().toLowerCase(java.util.Locale.ROOT));
        return m;
    }

}
