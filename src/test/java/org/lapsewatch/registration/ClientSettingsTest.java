package org.lapsewatch.registration;

import org.junit.jupiter.api.Test;
import org.lapsewatch.config.ConfigException;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.LapsewatchConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rdap: and whois: keys the clients read: defaults, YAML, bad values, and copies that keep them. */
class ClientSettingsTest {
    private static LapsewatchConfig parse(String yaml) {
        return new ConfigLoader(name -> null).parse(yaml, "test.yml");
    }

    @Test
    void defaults_are_polite() {
        LapsewatchConfig config = parse("");
        assertThat(config.rdap().defaultQueriesPerSecond()).isEqualTo(2.0);
        assertThat(config.rdap().redirectors()).containsExactly("https://rdap.org/");
        assertThat(config.rdap().maxRedirects()).isEqualTo(5);
        assertThat(config.rdap().bootstrapMaxAge()).isEqualTo(Duration.ofDays(1));
        assertThat(config.whois().defaultQueriesPerSecond()).isEqualTo(1.0);
        assertThat(config.whois().maxReferrals()).isEqualTo(1);
        assertThat(config.whois().whenRdapUnknown()).isTrue();
    }

    @Test
    void yaml_sets_every_key() {
        LapsewatchConfig config = parse("""
                rdap:
                  redirectors: ["https://rdap.example/"]
                  maxRedirects: 2
                  bootstrapMaxAge: 12h
                  defaultQueriesPerSecond: 0.5
                  queriesPerSecond: {rdap.sidn.nl: 0.2}
                  backoffBase: 1s
                  backoffMax: 1m
                whois:
                  servers: {nl: "whois.example:4343"}
                  defaultQueriesPerSecond: 0.25
                  maxReferrals: 0
                  whenRdapUnknown: false
                """);
        assertThat(config.rdap().queriesPerSecond()).isEqualTo(Map.of("rdap.sidn.nl", 0.2));
        assertThat(config.rdap().bootstrapMaxAge()).isEqualTo(Duration.ofHours(12));
        assertThat(config.whois().servers()).isEqualTo(Map.of("nl", "whois.example:4343"));
        assertThat(config.whois().whenRdapUnknown()).isFalse();
        assertThat(config.whois().maxReferrals()).isZero();
    }

    @Test
    void bad_values_name_the_key() {
        assertThatThrownBy(() -> parse("whois:\n  defaultQueriesPerSecond: 0\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("defaultQueriesPerSecond");
        assertThatThrownBy(() -> parse("whois:\n  servers: {nl: \"whois.example:notaport\"}\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("servers.nl");
        assertThatThrownBy(() -> parse("rdap:\n  maxRedirects: -1\n"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("maxRedirects");
    }

    @Test
    void endpoint_copies_keep_the_politeness_keys() {
        LapsewatchConfig config = parse("rdap:\n  maxRedirects: 2\nwhois:\n  maxReferrals: 0\n");
        var rdap = config.rdap().withEndpoints("http://127.0.0.1:1/dns.json", Map.of("nl", "none"));
        assertThat(rdap.maxRedirects()).isEqualTo(2);
        assertThat(rdap.overrides()).containsEntry("nl", "none");
        assertThat(config.whois().withServers(Map.of("nl", "127.0.0.1:43")).maxReferrals()).isZero();
        assertThat(rdap.redirectors()).isEqualTo(List.of("https://rdap.org/"));
    }
}
