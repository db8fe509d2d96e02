package org.lapsewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lapsewatch check} run like a process (through {@link Main#run}) against the simulated internet. */
class CheckCommandTest {
    private static Simulation sim;
    @TempDir
    static Path dir;
    private static Path config;

    /** Exit status and what the command printed. */
    private record Run(int status, String out, String err) {
    }

    @BeforeAll
    static void start() throws Exception {
        sim = Simulation.start(Scenario.load(Path.of(CheckCommandTest.class.getResource("/dns/residual-trust.yml").toURI())));
        config = dir.resolve("lapsewatch.yml");
        Files.writeString(config, "home: \"" + dir.resolve("home") + "\"\n" + sim.configSnippet() + "  timeout: 500ms\n  retries: 0\n");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static synchronized Run run(String... args) {
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = Main.run(args);
            return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
    }

    @Test
    void a_critical_finding_exits_3_and_prints_the_rule_and_chain() {
        Run r = run("check", "--config", config.toString(), "lame.nl");
        assertThat(r.status()).as(r.err()).isEqualTo(3);
        assertThat(r.out()).contains("CRITICAL dns.lame-delegation lame.nl: lame.nl is delegated to ns1.digitalocean.com at DigitalOcean")
                .contains("lame.nl NS → ns1.digitalocean.com (lame: REFUSED");
    }

    @Test
    void an_mx_at_a_domain_the_simulated_registry_calls_free_is_critical_with_both_sources() throws Exception {
        Run r = run("check", "--config", config.toString(), "--json", "mxdead.nl");
        assertThat(r.status()).as(r.err()).isEqualTo(3);
        JsonNode finding = StreamSupport.stream(new ObjectMapper().readTree(r.out()).get("findings").spliterator(), false)
                .filter(f -> f.get("rule").asText().equals("dns.mx-target-unregistered")).findFirst().orElseThrow();
        assertThat(finding.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(finding.get("triggerChain")).extracting(JsonNode::asText)
                .containsExactly("mxdead.nl MX", "mx1.oldvendor.com", "oldvendor.com (unregistered)");
        assertThat(finding.get("evidence")).extracting(JsonNode::asText).anySatisfy(e -> assertThat(e).contains("available"))
                .anySatisfy(e -> assertThat(e).isEqualTo("TLD servers: nxdomain (NXDOMAIN at the servers of .com)"));
    }

    @Test
    void findings_below_the_threshold_exit_0_and_the_threshold_is_configurable() {
        // mxok.nl is sound; .nl publishes no expiry date, which the lifecycle rules say below HIGH
        Run quiet = run("check", "--config", config.toString(), "mxok.nl");
        assertThat(quiet.status()).as(quiet.out() + quiet.err()).isEqualTo(0);
        assertThat(quiet.out()).doesNotContain("CRITICAL").doesNotContain("HIGH").doesNotContain("dns.");
        assertThat(run("check", "--config", config.toString(), "--fail-on", "info", "mxok.nl").status()).isEqualTo(3);
    }

    @Test
    void json_output_lists_hardening_findings_for_a_retired_domain() throws Exception {
        Run r = run("check", "--config", config.toString(), "--json", "--fail-on", "MEDIUM", "mxok.nl", "--retired", "oldbrand.nl");
        assertThat(r.status()).as(r.err()).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("findings")).filteredOn(f -> f.get("rule").asText().equals("dns.hardening-missing"))
                .extracting(f -> f.get("triggerChain").get(1).asText())
                .containsExactlyInAnyOrder("oldbrand.nl. IN MX 0 .", "oldbrand.nl. IN TXT \"v=spf1 -all\"",
                        "_dmarc.oldbrand.nl. IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc-reports@mxok.nl\"");
    }

    @Test
    void usage_errors_exit_2_with_a_message_naming_the_input() {
        Run badSeverity = run("check", "--config", config.toString(), "--fail-on", "SEVERE", "mxok.nl");
        assertThat(badSeverity.status()).isEqualTo(2);
        assertThat(badSeverity.err()).contains("--fail-on: unknown severity 'SEVERE'");
        Run subdomain = run("check", "--config", config.toString(), "www.mxok.nl");
        assertThat(subdomain.status()).isEqualTo(2);
        assertThat(subdomain.err()).contains("www.mxok.nl").contains("mxok.nl");
        assertThat(run("check").status()).isEqualTo(2);
    }

    @Test
    void import_zone_lists_references_offline_and_rejects_a_missing_file() throws Exception {
        Path zone = Path.of(CheckCommandTest.class.getResource("/dns/example.nl.zone").toURI());
        Run r = run("import-zone", "--offline", "--json", zone.toString());
        assertThat(r.status()).as(r.err()).isEqualTo(0);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("zone").asText()).isEqualTo("example.nl");
        assertThat(json.get("references")).extracting(n -> n.get("kind").asText() + " " + n.get("registrable").asText())
                .contains("mx oldvendor.com", "spf mailvendor.com", "srv mailvendor.com", "dmarc_rua example.org");
        Run missing = run("import-zone", dir.resolve("nope.zone").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.zone: zone file not found");
    }
}
