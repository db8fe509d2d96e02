package org.lapsewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.registration.RegistrationEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * {@code lapsewatch registration lookup DOMAIN}: asks the registry live, through the configured
 * RDAP and WHOIS endpoints, and prints what it said. Exit status 0 whenever an answer was
 * printed, unknown included: the {@code state} field says whether it is one.
 */
@Command(name = "lookup", mixinStandardHelpOptions = true,
        description = {"Look a domain up live: RDAP first, WHOIS where RDAP is missing or gave no usable answer.",
                "Shows source, server, state, dates, registrar, nameservers and status, or why the answer is unknown."})
public final class RegistrationLookupCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    @Spec
    CommandSpec spec;

    @Mixin
    ConfigOption config;

    @Parameters(index = "0", paramLabel = "DOMAIN", description = "The registrable domain, in U-label or A-label form.")
    String domain;

    @Option(names = "--json", description = "Print the normalized registration (DESIGN.md §7) as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DomainName name = DomainName.parse(domain);
        Registration r = RegistrationEngine.create(config.load()).lookup(name);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JSON.writeValueAsString(r));
        } else {
            print(out, name, r);
        }
        out.flush();
        return Main.EXIT_OK;
    }

    private static void print(PrintWriter out, DomainName name, Registration r) {
        line(out, "domain", name.display());
        line(out, "source", r.source().wireName() + (r.server() == null ? "" : " (" + r.server() + ")"));
        line(out, "state", r.state().wireName());
        if (r.reason() != null) {
            line(out, "why", r.reason());
        }
        if (r.state().isUnknown()) {
            return;
        }
        line(out, "created", date(r.created()));
        line(out, "updated", date(r.updated()));
        line(out, "expires", date(r.expires()));
        line(out, "releases", date(r.releases()));
        line(out, "registrar", r.registrar() == null ? "not published" : r.registrar());
        line(out, "nameservers", r.nameservers().isEmpty() ? "none" : String.join(", ", r.nameservers()));
        line(out, "status", r.status().isEmpty() ? "none" : String.join(", ", r.status()));
        line(out, "dnssec", r.dnssec() == null ? "not published" : r.dnssec() ? "signed" : "unsigned");
    }

    private static String date(Instant instant) {
        return instant == null ? "not published" : instant.toString();
    }

    private static void line(PrintWriter out, String label, String value) {
        out.printf("%-12s %s%n", label, value);
    }
}
