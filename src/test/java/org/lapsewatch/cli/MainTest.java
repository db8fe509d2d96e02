package org.lapsewatch.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    private static final String[] ALL = {"help", "check", "import-zone", "domains", "import", "export", "sim", "demo",
            "notify", "users", "history", "check-now", "serve", "policy-server", "policy", "mailflow", "registration"};

    @Test
    void a_command_line_naming_a_subcommand_builds_only_that_one() {
        assertThat(Main.commandLine(new String[]{"mailflow", "scan", "x.log"}).getSubcommands().keySet())
                .containsExactly("mailflow");
        assertThat(Main.commandLine(new String[]{"mailflow"}).getSubcommands().get("mailflow").getSubcommands())
                .containsKey("scan");
    }

    @Test
    void help_options_and_unknown_names_get_every_subcommand_in_order() {
        for (String[] args : new String[][]{{}, {"--help"}, {"help", "mailflow"}, {"mailflw"}}) {
            assertThat(Main.commandLine(args).getSubcommands().keySet()).as(String.join(" ", args)).containsExactly(ALL);
        }
    }

    @Test
    void help_for_a_subcommand_and_suggestions_for_a_typo_still_work() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(err), "help", "mailflow")).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString()).contains("Usage: lapsewatch mailflow").contains("scan");

        StringWriter typoErr = new StringWriter();
        assertThat(Main.run(new PrintWriter(new StringWriter()), new PrintWriter(typoErr), "mailflw")).isEqualTo(Main.EXIT_USAGE);
        assertThat(typoErr.toString()).contains("Did you mean: lapsewatch mailflow");
    }

    @Test
    void the_version_is_the_one_the_build_gave() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "--version")).isEqualTo(Main.EXIT_OK);
        assertThat(out.toString().strip()).matches("lapsewatch \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void a_subcommand_built_alone_keeps_the_shared_settings() {
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                "mailflow", "scan", "--format", "POSTFIX", "/nonexistent/lapsewatch-main-test.log");
        // the enum value in capitals is accepted (case-insensitive enums) and the missing file is a usage error
        assertThat(status).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("/nonexistent/lapsewatch-main-test.log").doesNotContain("Invalid value");
    }
}
