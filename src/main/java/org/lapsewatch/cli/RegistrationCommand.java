package org.lapsewatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.lapsewatch.model.Registration;
import org.lapsewatch.registration.RdapParser;
import org.lapsewatch.registration.WhoisParser;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code lapsewatch registration}: registration data (parse saved responses; live lookups). */
@Command(name = "registration",
        mixinStandardHelpOptions = true,
        description = "Registration data from RDAP and WHOIS.",
        subcommands = {
                RegistrationCommand.Parse.class,
                RegistrationLookupCommand.class,
        })
public final class RegistrationCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * {@code lapsewatch registration parse}: prints the normalized registration (DESIGN.md §7)
     * of saved RDAP or WHOIS responses, one JSON object per line per file, file name first.
     */
    @Command(name = "parse",
            mixinStandardHelpOptions = true,
            description = {"Print the normalized registration (JSON, one line per file) of saved RDAP or WHOIS responses.",
                    "Examples:",
                    "  lapsewatch registration parse --rdap example.com.json",
                    "  lapsewatch registration parse --whois --server whois.domain-registry.nl example.nl.txt"})
    static final class Parse implements Runnable {
        private static final ObjectMapper JSON = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        private static final Pattern FILE_SUFFIX = Pattern.compile("\\.(?:txt|json|whois|rdap|out)$", Pattern.CASE_INSENSITIVE);

        @ArgGroup(multiplicity = "1")
        Format format;

        static final class Format {
            @Option(names = "--rdap", required = true, description = "The files are RDAP JSON responses.")
            boolean rdap;

            @Option(names = "--whois", required = true, description = "The files are port-43 WHOIS responses.")
            boolean whois;
        }

        @Option(names = "--server", paramLabel = "HOST",
                description = "The server that answered, kept in the output (required with --whois).")
        String server;

        @Option(names = "--domain", paramLabel = "NAME",
                description = "The domain asked about. Default: the one in the response, else the file name.")
        String domain;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Saved responses (UTF-8).")
        List<Path> files = new ArrayList<>();

        @Spec
        CommandSpec spec;

        @Override
        public void run() {
            if (format.whois && (server == null || server.isBlank())) {
                throw new UsageException("--whois needs --server HOST (the WHOIS server that answered)");
            }
            List<String> texts = new ArrayList<>();
            for (Path file : files) {
                texts.add(read(file));
            }
            PrintWriter out = spec.commandLine().getOut();
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                Registration r = format.rdap ? RdapParser.parse(texts.get(i), server)
                        : WhoisParser.parse(texts.get(i), server, domain);
                out.println(line(file, withDomain(r, file)));
            }
            out.flush();
        }

        /** Reads every file before printing anything, so that a bad file list changes nothing. */
        private static String read(Path file) {
            try {
                return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + file + ": " + e.getMessage());
            }
        }

        private Registration withDomain(Registration r, Path file) {
            String name = domain != null ? domain.strip().toLowerCase(Locale.ROOT) : r.domain();
            if (name == null) {
                String stem = FILE_SUFFIX.matcher(file.getFileName().toString()).replaceAll("");
                name = stem.contains(".") ? stem.toLowerCase(Locale.ROOT) : null;
            }
            return r.withDomain(name);
        }

        static String line(Path file, Registration r) {
            ObjectNode node = JSON.createObjectNode();
            node.put("file", file.toString());
            node.setAll((ObjectNode) JSON.valueToTree(r));
            try {
                return JSON.writeValueAsString(node);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("cannot write the registration of " + file, e);
            }
        }
    }
}
