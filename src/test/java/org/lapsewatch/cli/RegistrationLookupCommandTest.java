package org.lapsewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lapsewatch registration lookup} against the simulated internet, configured through a YAML file. */
class RegistrationLookupCommandTest {
    private Simulation sim;
    private Path config;

    @TempDir
    Path home;

    @BeforeEach
    void start() throws IOException, URISyntaxException {
        sim = Simulation.start(Scenario.load(Path.of(
                RegistrationLookupCommandTest.class.getResource("/org/lapsewatch/registration/clients.yml").toURI())));
        String whois = "127.0.0.1:" + sim.whois().getPort();
        config = home.resolve("lapsewatch.yml");
        Files.writeString(config, """
                home: "%s"
                rdap:
                  bootstrapUrl: "%s"
                  timeout: 3s
                  maxRedirects: 2
                  defaultQueriesPerSecond: 10
                whois:
                  servers: {example: "%s", test: "%s", com: "%s"}
                  timeout: 3s
                  whenRdapUnknown: false
                  maxReferrals: 0
                """.formatted(home.resolve("data"), sim.bootstrapUrl(), whois, whois, whois));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 4];
        full[0] = "registration";
        full[1] = "lookup";
        full[2] = "--config";
        full[3] = config.toString();
        System.arraycopy(args, 0, full, 4, args.length);
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), full);
        return new String[]{String.valueOf(status), out.toString(), err.toString()};
    }

    @Test
    void json_prints_the_normalized_registration_with_source_and_server() throws IOException {
        String[] result = run("samenveilig.example", "--json");
        assertThat(result[0]).isEqualTo("0");
        JsonNode json = new ObjectMapper().readTree(result[1]);
        assertThat(json.path("source").asText()).isEqualTo("rdap");
        assertThat(json.path("server").asText()).isEqualTo("127.0.0.1");
        assertThat(json.path("state").asText()).isEqualTo("registered");
        assertThat(json.path("created").asText()).isEqualTo("2015-03-02T10:14:00Z");
        assertThat(json.has("expires")).as("unpublished fields are null, not absent").isTrue();
        assertThat(json.path("expires").isNull()).isTrue();
        assertThat(json.path("registrar").asText()).isEqualTo("Registrar Noord B.V.");
    }

    @Test
    void text_shows_the_fields_and_says_why_an_answer_is_unknown() {
        String[] ok = run("hoster.test");
        assertThat(ok[1]).contains("source       whois (127.0.0.1)").contains("state        registered")
                .contains("registrar    Hoster B.V.").contains("expires      not published")
                .contains("nameservers  ns1.hoster.test, ns2.hoster.test");

        sim.faults().rdap(Fault.serverError(503));
        String[] failed = run("samenveilig.example");
        assertThat(failed[0]).isEqualTo("0");
        assertThat(failed[1]).contains("state        unknown").contains("why          HTTP 503 from 127.0.0.1");
    }

    @Test
    void a_bad_domain_is_a_usage_error() {
        String[] result = run("not a domain");
        assertThat(result[0]).isEqualTo("2");
        assertThat(result[2]).contains("not a domain");
    }
}
