package org.lapsewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrationParseCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void whois_files_print_one_normalized_object_per_line_with_the_file_first(@TempDir Path dir) throws Exception {
        Path registered = Files.writeString(dir.resolve("example.nl.txt"), """
                Domain name: example.nl
                Status: active
                Registrar:
                   Example Registrar B.V.

                Domain nameservers:
                   ns1.example.nl

                Creation Date: 2001-05-27
                """);
        Path free = Files.writeString(dir.resolve("other.nl.txt"), "other.nl is free\n");
        Run run = run("registration", "parse", "--whois", "--server", "whois.domain-registry.nl",
                registered.toString(), free.toString());
        assertThat(run.exit()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        List<String> keys = new ArrayList<>();
        first.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("file", "domain", "source", "server", "state", "status", "created", "updated",
                "expires", "releases", "registrar", "nameservers", "dnssec");
        assertThat(first.get("file").asText()).isEqualTo(registered.toString());
        assertThat(first.get("source").asText()).isEqualTo("whois");
        assertThat(first.get("state").asText()).isEqualTo("registered");
        assertThat(first.get("created").asText()).isEqualTo("2001-05-27T00:00:00Z");
        assertThat(first.get("expires").isNull()).isTrue();
        assertThat(first.get("registrar").asText()).isEqualTo("Example Registrar B.V.");
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("state").asText()).isEqualTo("available");
        assertThat(second.get("domain").asText()).as("from the file name").isEqualTo("other.nl");
    }

    @Test
    void rdap_files_and_an_explicit_domain(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("saved.json"), """
                {"objectClassName":"domain","ldhName":"EXAMPLE.COM",
                 "events":[{"eventAction":"expiration","eventDate":"2030-01-02T03:04:05Z"}]}""");
        Run run = run("registration", "parse", "--rdap", file.toString());
        assertThat(run.exit()).isZero();
        JsonNode node = JSON.readTree(run.out().strip());
        assertThat(node.get("domain").asText()).isEqualTo("example.com");
        assertThat(node.get("source").asText()).isEqualTo("rdap");
        assertThat(node.get("expires").asText()).isEqualTo("2030-01-02T03:04:05Z");

        Run garbage = run("registration", "parse", "--rdap", Files.writeString(dir.resolve("x.json"), "<html>").toString());
        JsonNode unknown = JSON.readTree(garbage.out().strip());
        assertThat(unknown.get("state").asText()).isEqualTo("unknown");
        assertThat(unknown.get("reason").asText()).contains("not JSON");
    }

    @Test
    void bad_input_is_a_usage_error_naming_it_and_prints_nothing(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("a.nl.txt"), "a.nl is free\n");
        Run missing = run("registration", "parse", "--whois", "--server", "whois.domain-registry.nl", good.toString(),
                dir.resolve("missing.txt").toString());
        assertThat(missing.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).contains("missing.txt");
        assertThat(missing.out()).isEmpty();

        Run noServer = run("registration", "parse", "--whois", good.toString());
        assertThat(noServer.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(noServer.err()).contains("--server");

        assertThat(run("registration", "parse", "--rdap", "--whois", good.toString()).exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run("registration", "parse", "--help").exit()).isZero();
    }
}
