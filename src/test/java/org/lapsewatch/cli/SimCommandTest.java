package org.lapsewatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.LapsewatchConfig;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lapsewatch sim}: prints endpoints, writes a loadable snippet, refuses bad scenarios with exit 2. */
class SimCommandTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
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
    void runs_the_built_in_scenario_and_writes_the_config() throws Exception {
        Path config = dir.resolve("lapsewatch-sim.yml");

        Run run = run("sim", "--scenario", "builtin:jeugdzorg", "--write-config", config.toString(), "--run-for", "200ms");

        assertThat(run.exit()).isEqualTo(0);
        assertThat(run.out()).contains("scenario 'jeugdzorg'", "RDAP bootstrap  http://127.0.0.1:", "WHOIS           127.0.0.1:",
                "DNS root        127.0.1.1:", "Configuration written to " + config);
        LapsewatchConfig loaded = ConfigLoader.fromSystemEnvironment().load(config);
        assertThat(loaded.rdap().bootstrapUrl()).startsWith("http://127.0.0.1:").endsWith("/bootstrap/dns.json");
        assertThat(Files.readString(config)).contains("queryPort: ");
    }

    @Test
    void json_output_and_advanced_clock() throws Exception {
        Run run = run("sim", "--scenario", "builtin:jeugdzorg", "--json", "--advance", "30d", "--run-for", "100ms");

        assertThat(run.exit()).isEqualTo(0);
        var endpoints = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.out());
        assertThat(endpoints.path("scenario").asText()).isEqualTo("jeugdzorg");
        assertThat(endpoints.path("clock").asText()).isEqualTo("2026-02-04T09:00:00Z");
        assertThat(endpoints.path("whois").asText()).startsWith("127.0.0.1:");
        assertThat(endpoints.path("root").asText()).isEqualTo("127.0.1.1:" + endpoints.path("dnsPort").asInt());
    }

    @Test
    void bad_scenario_file_is_a_usage_error_naming_the_line() throws Exception {
        Path scenario = dir.resolve("bad.yml");
        Files.writeString(scenario, "start: 2026-01-05T09:00:00Z\nregistries:\n  nl: {whois: klingon}\n");

        Run run = run("sim", "--scenario", scenario.toString(), "--run-for", "1ms");

        assertThat(run.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains(scenario + " line 3: registries.nl.whois: 'klingon' is not one of nl, gtld, be, none");
    }

    @Test
    void missing_scenario_file_is_a_usage_error() {
        Run run = run("sim", "--scenario", dir.resolve("absent.yml").toString(), "--run-for", "1ms");

        assertThat(run.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("absent.yml: cannot read scenario");
    }
}
