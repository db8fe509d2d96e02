package org.lapsewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check-now} against the simulated internet (system clock: the scenario's start state). */
class CheckNowCommandTest {
    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void checks_an_inventory_domain_stores_it_and_prints_its_findings() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
            Path config = home.resolve("lapsewatch.yml");
            Files.writeString(config, "home: \"" + home.toAbsolutePath() + "\"\n" + sim.configSnippet()
                    + "watch:\n  tldPolicies: {example: \"no 0d 0d 0d 40d 1h\"}\n");
            String c = config.toString();
            assertThat(run("domains", "add", "--config", c, "bjzutrecht.example", "--lifecycle", "retired").exit()).isZero();

            Run text = run("check-now", "--config", c, "bjzutrecht.example");
            assertThat(text.exit()).as(text.err()).isZero();
            assertThat(text.out()).contains("bjzutrecht.example: registered, observation #1",
                    "point of no return: unknown (the .example registry publishes no expiry date",
                    "INFO registration.no-public-expiry", "opened", "next check: ");

            Run json = run("check-now", "--config", c, "--json", "bjzutrecht.example");
            JsonNode doc = new ObjectMapper().readTree(json.out());
            assertThat(doc.path("stored").asBoolean()).isTrue();
            assertThat(doc.path("observation").path("registration").path("registrar").asText()).isEqualTo("Registrar Noord B.V.");
            assertThat(doc.path("transitions")).isEmpty();
            assertThat(doc.path("findings").findValuesAsText("rule")).contains("registration.no-public-expiry");

            Run outside = run("check-now", "--config", c, "samenveilig.example");
            assertThat(outside.out()).contains("not in the inventory: nothing stored");
            assertThat(run("history", "--config", c, "samenveilig.example").out()).contains("no observations");
            assertThat(run("history", "--config", c, "bjzutrecht.example").out().lines()).hasSize(2);

            assertThat(run("check-now", "--config", c, "nota..domain").exit()).isEqualTo(Main.EXIT_USAGE);
        }
    }
}
