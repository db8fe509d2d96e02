package org.lapsewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lapsewatch mailflow scan} end to end: logs, aliases, inventory, JSON, table, privacy and errors. */
class MailflowCommandTest {
    @TempDir
    Path dir;

    private static final String LOG = """
            Nov 28 10:00:00 gw1 postfix-out/pickup[10]: 1A2B3C4D5E: uid=33 from=<app@samenveilig.example>
            Nov 28 10:00:00 gw1 postfix-out/qmgr[12]: 1A2B3C4D5E: from=<app@samenveilig.example>, size=900, nrcpt=1 (queue active)
            Nov 28 10:00:01 gw1 postfix-out/smtp[13]: 1A2B3C4D5E: to=<staff@bjzutrecht.example>, orig_to=<jeugdzorg@samenveilig.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 ok)
            Nov 28 10:00:01 gw1 postfix-out/qmgr[12]: 1A2B3C4D5E: removed
            Nov 28 10:05:01 gw1 postfix-out/smtp[13]: 2A2B3C4D5E: to=<info@partner.example>, relay=mx.partner.example[198.51.100.2]:25, delay=1, delays=0.1/0/0.5/0.4, dsn=2.0.0, status=sent (250 ok)
            """;

    private record Run(int status, String out, String err) {
    }

    private Run run(String config, String... args) throws IOException {
        Path configFile = Files.writeString(dir.resolve("lapsewatch.yml"), "home: " + dir.resolve("home") + "\n" + config);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 4];
        full[0] = "mailflow";
        full[1] = "scan";
        full[2] = "--config";
        full[3] = configFile.toString();
        System.arraycopy(args, 0, full, 4, args.length);
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), full);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void json_report_ranks_the_retired_domain_first_with_its_finding() throws IOException {
        Path log = Files.writeString(dir.resolve("mail.log"), LOG);
        Path aliases = Files.writeString(dir.resolve("aliases"), "jeugdzorg: jan@bjzutrecht.example\n");
        Path inventory = Files.writeString(dir.resolve("inventory.csv"),
                "name,lifecycle\nbjzutrecht.example,retired\nsamenveilig.example,active\n");

        Run run = run("", "--zone", "UTC", "--json", "--inventory", inventory.toString(), "--aliases", aliases.toString(),
                log.toString());

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        JsonNode first = json.get("domains").get(0);
        assertThat(first.get("domain").asText()).isEqualTo("bjzutrecht.example");
        assertThat(first.get("lifecycle").asText()).isEqualTo("retired");
        assertThat(first.get("messages").asLong()).isEqualTo(1);
        assertThat(first.get("attempts").get("sent").asLong()).isEqualTo(1);
        assertThat(first.get("references").asLong()).isEqualTo(1);
        assertThat(first.get("viaAlias").asLong()).isEqualTo(1);
        assertThat(first.get("aliasSamples").get(0).asText()).isEqualTo("jeugdzorg@samenveilig.example");
        assertThat(json.get("domains").get(1).get("viaAlias").asLong()).isZero();
        assertThat(first.get("lastSeen").asText()).isEqualTo("2026-11-28T10:00:01Z");
        assertThat(first.get("topOrigins").get(0).get("value").asText()).isEqualTo("uid 33");
        assertThat(json.get("domains").get(1).get("domain").asText()).isEqualTo("partner.example");
        JsonNode finding = json.get("findings").get(0);
        assertThat(finding.get("rule").asText()).isEqualTo("mail.exposure");
        assertThat(finding.get("severity").asText()).isEqualTo("HIGH");
        assertThat(finding.get("triggerChain").get(0).asText())
                .startsWith("sender app@samenveilig.example → staff@bjzutrecht.example (gw1 postfix-out/smtp, 1 messages, last 2026-11-");
        assertThat(json.get("summary").get("lines").asLong()).isEqualTo(5);
        assertThat(json.get("summary").get("skippedFiles").isArray()).isTrue();
        JsonNode partner = json.get("domains").get(1);
        assertThat(partner.get("lifecycle").isNull()).as("a domain outside the inventory has no lifecycle").isTrue();
        assertThat(partner.get("recipientsCapped").isBoolean()).isTrue();
        assertThat(partner.get("topSenders").get(0).get("count").asLong()).isPositive();
        assertThat(partner.get("attempts").fieldNames()).toIterable()
                .containsExactly("sent", "deferred", "bounced", "rejected");
        assertThat(run.out()).as("indented, one value, ending with a newline").startsWith("{\n  \"domains\" : [ {").endsWith("}\n");
    }

    @Test
    void hashed_local_parts_never_show_an_address_in_the_clear() throws IOException {
        Path log = Files.writeString(dir.resolve("mail.log"), LOG);

        Run run = run("mailflow:\n  hashLocalParts: true\n  hashSalt: pepper\n", "--zone", "UTC", "--json", log.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).doesNotContain("staff@", "app@", "info@", "jeugdzorg@").contains("@bjzutrecht.example").containsPattern("h:[0-9a-f]{12}@");
    }

    @Test
    void the_table_names_each_domain_and_the_tallies() throws IOException {
        Path log = Files.writeString(dir.resolve("mail.log"), LOG + "not syslog\n");

        Run run = run("", "--zone", "UTC", log.toString());

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("VIA ALIAS", "bjzutrecht.example", "partner.example", "6 lines, 2 delivery attempts, 1 malformed",
                "malformed: " + log + ":6: unreadable syslog prefix: not syslog");
    }

    @Test
    void a_missing_log_is_a_usage_error_naming_the_file() throws IOException {
        Run run = run("", dir.resolve("missing.log").toString());

        assertThat(run.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(run.err()).contains("missing.log");
    }

    @Test
    void nothing_to_scan_is_a_usage_error() throws IOException {
        assertThat(run("").status()).isEqualTo(Main.EXIT_USAGE);
    }
}
