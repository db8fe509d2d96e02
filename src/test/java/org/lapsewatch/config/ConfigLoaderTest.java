package org.lapsewatch.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading lapsewatch.yml: defaults, ${ENV_VAR} substitution, and refusals that name file, line and key. */
class ConfigLoaderTest {
    private static final ConfigLoader LOADER = new ConfigLoader(Map.of("DB_PASSWORD", "s3cret", "WEB_PORT", "9090")::get);

    private static LapsewatchConfig parse(String yaml) {
        return LOADER.parse(yaml, "lapsewatch.yml");
    }

    @Test
    void an_empty_file_and_no_file_give_the_defaults() {
        for (LapsewatchConfig c : new LapsewatchConfig[]{parse(""), parse("# nothing\n"), LOADER.load(null)}) {
            assertThat(c.web().host()).isEqualTo("127.0.0.1");
            assertThat(c.web().port()).isEqualTo(8080);
            assertThat(c.database().url()).isNull();
            assertThat(c.database().poolSize()).isEqualTo(10);
            assertThat(c.jdbcUrl()).startsWith("jdbc:h2:file:").endsWith(DatabaseSettings.H2_MODE);
            assertThat(c.watch().quietInterval()).isEqualTo(Duration.ofDays(1));
        }
        // no file skips the YAML mapper: it must still give exactly what an empty mapping gives
        assertThat(LOADER.load(null)).isEqualTo(parse("{}"));
    }

    @Test
    void values_override_defaults_section_by_section() {
        var c = parse("""
                home: /var/lib/lapsewatch
                web:
                  port: 8181
                database:
                  url: jdbc:postgresql://db.internal/lapsewatch
                  user: lapsewatch
                """);
        assertThat(c.home()).isEqualTo("/var/lib/lapsewatch");
        assertThat(c.web().port()).isEqualTo(8181);
        assertThat(c.web().host()).isEqualTo("127.0.0.1");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal/lapsewatch");
        assertThat(c.database().user()).isEqualTo("lapsewatch");
        assertThat(c.database().poolSize()).isEqualTo(10);
    }

    @Test
    void environment_variables_are_substituted_with_optional_defaults() {
        var c = parse("""
                database:
                  url: jdbc:postgresql://db/lw
                  password: ${DB_PASSWORD}
                  user: ${DB_USER:-lapsewatch}
                web:
                  port: ${WEB_PORT}   # ${NOT_SET} in a comment is left alone
                """);
        assertThat(c.database().password()).isEqualTo("s3cret");
        assertThat(c.database().user()).isEqualTo("lapsewatch");
        assertThat(c.web().port()).isEqualTo(9090);
    }

    @Test
    void a_missing_environment_variable_names_it_and_the_line() {
        assertThatThrownBy(() -> parse("""
                database:
                  url: jdbc:postgresql://db/lw
                  password: ${LAPSEWATCH_DB_PASSWORD}
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("lapsewatch.yml line 3: environment variable LAPSEWATCH_DB_PASSWORD is not set"
                        + " (write ${LAPSEWATCH_DB_PASSWORD:-default} for a default)");
    }

    @Test
    void the_dns_walk_interval_defaults_to_six_hours_and_must_be_positive() {
        assertThat(parse("").dns().walkInterval()).isEqualTo(java.time.Duration.ofHours(6));
        assertThat(parse("dns:\n  walkInterval: 30m\n").dns().walkInterval()).isEqualTo(java.time.Duration.ofMinutes(30));
        assertThatThrownBy(() -> parse("dns:\n  walkInterval: 0s\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("walkInterval");
    }

    @Test
    void an_unknown_key_names_the_key_its_line_and_the_known_keys() {
        assertThatThrownBy(() -> parse("""
                web:
                  host: 127.0.0.1
                  prot: 8080
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("lapsewatch.yml line 3: unknown key 'web.prot' (known keys here: host, metricsPublic, port, secureCookies)");
        assertThatThrownBy(() -> parse("webb:\n  port: 1\n"))
                .hasMessageStartingWith("lapsewatch.yml line 1: unknown key 'webb' (known keys here: alerts, database,");
    }

    @Test
    void a_wrong_type_names_the_key_line_and_expected_type() {
        assertThatThrownBy(() -> parse("web:\n  port: eighty\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("lapsewatch.yml line 2: wrong type for 'web.port': expected a whole number, got 'eighty'");
        assertThatThrownBy(() -> parse("web:\n  port: [8080]\n"))
                .hasMessage("lapsewatch.yml line 2: wrong type for 'web.port': expected a whole number");
        assertThatThrownBy(() -> parse("web: 8080\n"))
                .hasMessageStartingWith("lapsewatch.yml line 1: wrong type for 'web': expected a mapping");
        assertThatThrownBy(() -> parse("watch:\n  quietInterval: often\n"))
                .hasMessageStartingWith("lapsewatch.yml line 2: bad value for 'watch.quietInterval': 'often'");
    }

    @Test
    void a_bad_value_names_the_key_and_line() {
        assertThatThrownBy(() -> parse("web:\n  host: 0.0.0.0\n  port: 70000\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("lapsewatch.yml line 3: bad value for 'web.port': must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> parse("database:\n  url: jdbc:mysql://x/y\n"))
                .hasMessage("lapsewatch.yml line 2: bad value for 'database.url': must start with jdbc:h2: or jdbc:postgresql:,"
                        + " got 'jdbc:mysql://x/y'");
        assertThatThrownBy(() -> parse("database:\n  poolSize: 0\n"))
                .hasMessage("lapsewatch.yml line 2: bad value for 'database.poolSize': must be between 1 and 200, got 0");
    }

    @Test
    void keys_inside_lists_are_named_with_their_index() {
        assertThatThrownBy(() -> parse("""
                alerts:
                  webhooks:
                    - name: ops
                      url: https://hooks.example/ops
                    - name: cert
                      url: ftp://hooks.example/cert
                """))
                .hasMessage("lapsewatch.yml line 6: bad value for 'alerts.webhooks[1].url': must be an http(s) URL,"
                        + " got 'ftp://hooks.example/cert'");
    }

    @Test
    void broken_yaml_names_the_line() {
        assertThatThrownBy(() -> parse("web:\n  host: 127.0.0.1\n  port: \"8080\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("lapsewatch.yml line 3: not valid YAML");
    }

    @Test
    void load_names_a_missing_file(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yml");
        assertThatThrownBy(() -> LOADER.load(missing)).hasMessage(missing + ": configuration file not found");
        Path file = Files.writeString(dir.resolve("lapsewatch.yml"), "web:\n  colour: blue\n");
        assertThatThrownBy(() -> LOADER.load(file)).hasMessageStartingWith(file + " line 2: unknown key 'web.colour'");
    }
}
