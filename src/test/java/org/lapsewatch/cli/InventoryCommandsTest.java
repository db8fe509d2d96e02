package org.lapsewatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code domains add|retire|show|list}, {@code import} and {@code export} run as a user would, against a temporary home. */
class InventoryCommandsTest {
    @TempDir
    Path home;
    CliRun cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliRun(home);
    }

    @Test
    void add_normalizes_and_list_shows_both_forms() {
        assertThat(cli.run("domains", "add", "BJZUtrecht.nl.", "--lifecycle", "retired", "--replacement", "samenveilig.nl",
                "--owner-name", "Jan", "--tag", "jeugdzorg", "--tag", "Legacy", "--expected-ns", "NS1.example.net.")).satisfies(r -> {
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo("added bjzutrecht.nl (retired)\n");
        });
        assertThat(cli.run("domains", "add", "bücher.de").out()).isEqualTo("added bücher.de (xn--bcher-kva.de) (active)\n");

        var list = cli.run("domains", "list");
        assertThat(list.status()).isZero();
        assertThat(list.out().lines()).containsExactly(
                "DOMAIN                        LIFECYCLE  OWNER  TAGS              RETIRED SINCE  REPLACEMENT",
                "bjzutrecht.nl                 retired    Jan    jeugdzorg legacy  -              samenveilig.nl",
                "bücher.de (xn--bcher-kva.de)  active     -      -                 -              -");
    }

    @Test
    void list_json_and_lifecycle_filter() throws Exception {
        cli.run("domains", "add", "samenveilig.nl");
        cli.run("domains", "add", "bücher.de", "--lifecycle", "defensive", "--owner-email", "it@samenveilig.nl");

        var r = cli.run("domains", "list", "--json", "--lifecycle", "DEFENSIVE");
        assertThat(r.status()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).get("name").asText()).isEqualTo("xn--bcher-kva.de");
        assertThat(json.get(0).get("unicode").asText()).isEqualTo("bücher.de");
        assertThat(json.get(0).get("lifecycle").asText()).isEqualTo("defensive");
        assertThat(json.get(0).get("owner_email").asText()).isEqualTo("it@samenveilig.nl");
    }

    @Test
    void add_refuses_a_subdomain_naming_the_registrable_domain_and_writes_nothing() {
        var r = cli.run("domains", "add", "Mail.BJZUtrecht.nl.");
        assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("lapsewatch: NAME: 'Mail.BJZUtrecht.nl.' is a subdomain, not a registrable domain;"
                + " the registrable domain is bjzutrecht.nl\n");
        assertThat(cli.run("domains", "list", "--json").out().strip()).isEqualTo("[ ]");
    }

    @Test
    void add_names_the_bad_option() {
        assertThat(cli.run("domains", "add", "a.nl", "--owner-email", "nobody").err())
                .isEqualTo("lapsewatch: --owner-email: 'nobody' is not an e-mail address\n");
        assertThat(cli.run("domains", "add", "a.nl", "--lifecycle", "gone").err())
                .startsWith("lapsewatch: --lifecycle: unknown lifecycle 'gone'");
        assertThat(cli.run("domains", "add", "a.nl", "--expected-ns", "bad_ns!.net").status()).isEqualTo(Main.EXIT_USAGE);
        var twice = cli.run("domains", "add", "a.nl");
        assertThat(twice.status()).isZero();
        assertThat(cli.run("domains", "add", "A.NL.").err()).isEqualTo("lapsewatch: a.nl is already in the inventory\n");
    }

    @Test
    void retire_and_show_accept_a_host_under_an_inventory_domain() {
        cli.run("domains", "add", "bjzutrecht.nl", "--owner-name", "Jan");
        var r = cli.run("domains", "retire", "Mail.BJZUtrecht.nl.", "--since", "2015-01-01", "--replacement", "samenveilig.nl");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("retired bjzutrecht.nl since 2015-01-01, replaced by samenveilig.nl\n");

        var show = cli.run("domains", "show", "www.bjzutrecht.nl");
        assertThat(show.out()).isEqualTo("""
                bjzutrecht.nl
                  lifecycle: retired
                  owner_name: Jan
                  retired_since: 2015-01-01
                  replacement: samenveilig.nl
                """);
    }

    @Test
    void retire_of_an_unknown_domain_or_bad_date_is_a_usage_error() {
        var unknown = cli.run("domains", "retire", "nowhere.nl");
        assertThat(unknown.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(unknown.err()).isEqualTo("lapsewatch: nowhere.nl is not in the inventory\n");
        cli.run("domains", "add", "a.nl");
        assertThat(cli.run("domains", "retire", "a.nl", "--since", "01-01-2015").err())
                .isEqualTo("lapsewatch: --since: '01-01-2015' is not a date (write YYYY-MM-DD)\n");
    }

    @Test
    void import_is_all_or_nothing_and_names_file_line_and_field() throws Exception {
        cli.run("domains", "add", "keep.nl");
        Path bad = Files.writeString(home.resolve("domains.csv"), """
                name,lifecycle,retired_since
                samenveilig.nl,active,
                bjzutrecht.nl,retired,2015-02-30
                """);
        var r = cli.run("import", bad.toString());
        assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).isEqualTo("lapsewatch: " + bad + " line 3, field retired_since: '2015-02-30' is not a date (write YYYY-MM-DD)\n");
        assertThat(cli.run("export").out()).isEqualTo(
                "name,lifecycle,owner_name,owner_email,notes,tags,retired_since,replacement,expected_registrar,expected_nameservers\n"
                        + "keep.nl,active,,,,,,,,\n");
    }

    @Test
    void import_yaml_then_export_csv_and_back() throws Exception {
        Path yaml = Files.writeString(home.resolve("domains.yaml"), """
                - name: samenveilig.nl
                  owner_email: it@samenveilig.nl
                - name: BJZUtrecht.nl.
                  lifecycle: retired
                  retired_since: 2015-01-01
                  replacement: samenveilig.nl
                  tags: jeugdzorg legacy
                """);
        var imported = cli.run("import", yaml.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).isEqualTo("imported 2 domains from " + yaml + " (2 new, 0 updated)\n");
        assertThat(cli.run("import", yaml.toString()).out()).isEqualTo("imported 2 domains from " + yaml + " (0 new, 2 updated)\n");

        Path csv = home.resolve("out.csv");
        assertThat(cli.run("export", "--output", csv.toString()).status()).isZero();
        assertThat(Files.readString(csv)).contains("bjzutrecht.nl,retired,,,,\"jeugdzorg legacy\",2015-01-01,samenveilig.nl,,");

        Path other = Files.createDirectory(home.resolve("other"));
        CliRun fresh = new CliRun(other);
        assertThat(fresh.run("import", csv.toString()).status()).isZero();
        assertThat(fresh.run("export", "--format", "yaml").out()).isEqualTo(cli.run("export", "--format", "yaml").out());
    }

    @Test
    void import_replace_removes_domains_not_in_the_file() throws Exception {
        cli.run("domains", "add", "old.nl");
        Path csv = Files.writeString(home.resolve("d.csv"), "name\nnew.nl\n");
        assertThat(cli.run("import", csv.toString(), "--replace").status()).isZero();
        assertThat(cli.run("domains", "list", "--json").out()).contains("new.nl").doesNotContain("old.nl");
    }

    @Test
    void import_needs_a_known_format_and_an_existing_file() throws Exception {
        Path txt = Files.writeString(home.resolve("domains.txt"), "name\na.nl\n");
        assertThat(cli.run("import", txt.toString()).err())
                .isEqualTo("lapsewatch: " + txt + ": cannot tell the format from the file name; pass --format csv or --format yaml\n");
        assertThat(cli.run("import", txt.toString(), "--format", "csv").status()).isZero();
        var missing = cli.run("import", home.resolve("nope.csv").toString());
        assertThat(missing.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).isEqualTo("lapsewatch: " + home.resolve("nope.csv") + ": no such file\n");
    }

    @Test
    void every_command_has_help() {
        for (String[] command : new String[][]{{"domains"}, {"domains", "add"}, {"domains", "retire"}, {"domains", "show"},
                {"domains", "list"}, {"import"}, {"export"}, {"demo"}}) {
            String[] args = java.util.Arrays.copyOf(command, command.length + 1);
            args[command.length] = "--help";
            var r = cli.run(args);
            assertThat(r.status()).as(String.join(" ", args)).isZero();
            assertThat(r.out()).as(String.join(" ", args)).startsWith("Usage: lapsewatch " + String.join(" ", command));
        }
    }

    @Test
    void unknown_options_are_usage_errors() {
        var r = cli.run("domains", "list", "--colour");
        assertThat(r.status()).isEqualTo(Main.EXIT_USAGE);
        assertThat(r.err()).contains("Unknown option: '--colour'");
    }
}
