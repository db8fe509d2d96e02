package org.lapsewatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.ObservationRepository;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryCommandTest {
    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private static Registration reg(RegistrationState state, String registrar, Instant releases) {
        return new Registration("bjzutrecht.nl", Registration.Source.WHOIS, "whois.dns.nl", state, List.of(), null, null, null,
                releases, registrar, List.of(), null, null);
    }

    @Test
    void lists_observations_newest_first_and_diffs_two() throws Exception {
        Path config = home.resolve("lapsewatch.yml");
        Files.writeString(config, "home: " + home.toAbsolutePath() + "\n");
        long first;
        long second;
        try (Database db = Database.open(ConfigLoader.fromSystemEnvironment().load(config))) {
            var repo = new ObservationRepository(db);
            first = repo.record(DomainName.parse("bjzutrecht.nl"), reg(RegistrationState.REGISTERED, "Registrar B.V.", null), null,
                    Instant.parse("2026-05-01T00:00:00Z")).observed().id();
            second = repo.record(DomainName.parse("bjzutrecht.nl"), reg(RegistrationState.QUARANTINE, null,
                    Instant.parse("2026-06-10T12:00:00Z")), null, Instant.parse("2026-05-02T00:00:00Z")).observed().id();
        }
        Run list = run("history", "--config", config.toString(), "bjzutrecht.nl");
        assertThat(list.exit()).isZero();
        assertThat(list.out().lines().skip(1).map(l -> l.split("\\s+")[4]).toList()).containsExactly("quarantine", "registered");

        Run diff = run("history", "--config", config.toString(), "bjzutrecht.nl", "--diff", "" + first, "" + second);
        assertThat(diff.out()).contains("state: registered → quarantine", "registrar: Registrar B.V. → null",
                "releases: null → 2026-06-10T12:00:00Z");

        Run json = run("history", "--config", config.toString(), "bjzutrecht.nl", "--json", "--diff", "" + first, "" + second);
        assertThat(json.out()).contains("\"field\" : \"state\"", "\"before\" : \"registered\"");

        Run missing = run("history", "--config", config.toString(), "bjzutrecht.nl", "--diff", "" + first, "999");
        assertThat(missing.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(missing.err()).contains("there is no observation #999 of bjzutrecht.nl");

        assertThat(run("history", "--config", config.toString(), "not a domain").exit()).isEqualTo(Main.EXIT_USAGE);
    }

    @Test
    void prints_the_raw_response_kept_with_an_observation() throws Exception {
        Path config = home.resolve("lapsewatch.yml");
        Files.writeString(config, "home: " + home.toAbsolutePath() + "\n");
        long withBody;
        long withoutBody;
        try (Database db = Database.open(ConfigLoader.fromSystemEnvironment().load(config))) {
            var repo = new ObservationRepository(db);
            withBody = repo.record(DomainName.parse("bjzutrecht.nl"), reg(RegistrationState.REGISTERED, "Registrar B.V.", null),
                    "Domain name: bjzutrecht.nl\nStatus: active\nRegistrar: Registrar B.V.\n",
                    Instant.parse("2026-05-01T00:00:00Z")).observed().id();
            withoutBody = repo.record(DomainName.parse("bjzutrecht.nl"), Registration.unknown("bjzutrecht.nl",
                    Registration.Source.WHOIS, "whois.dns.nl", RegistrationState.UNKNOWN, "timed out"), null,
                    Instant.parse("2026-05-02T00:00:00Z")).observed().id();
        }
        Run raw = run("history", "--config", config.toString(), "bjzutrecht.nl", "--raw", "" + withBody);
        assertThat(raw.exit()).isZero();
        assertThat(raw.out()).isEqualTo("Domain name: bjzutrecht.nl\nStatus: active\nRegistrar: Registrar B.V.\n");

        Run none = run("history", "--config", config.toString(), "bjzutrecht.nl", "--raw", "" + withoutBody);
        assertThat(none.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(none.err()).contains("observation #" + withoutBody + " of bjzutrecht.nl has no response body kept");

        Run otherDomain = run("history", "--config", config.toString(), "example.nl", "--raw", "" + withBody);
        assertThat(otherDomain.exit()).isEqualTo(Main.EXIT_USAGE);
        assertThat(otherDomain.out()).doesNotContain("Registrar B.V.");
    }
}
