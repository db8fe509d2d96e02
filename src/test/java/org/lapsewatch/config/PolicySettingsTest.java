package org.lapsewatch.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicySettingsTest {
    private final ConfigLoader loader = new ConfigLoader(name -> null);

    @Test
    void every_key_has_a_default() {
        PolicySettings p = loader.parse("{}", "test").policy();
        assertThat(p.port()).isEqualTo(10040);
        assertThat(p.socketmapPort()).isEqualTo(10041);
        assertThat(p.failMode()).isEqualTo("open");
        assertThat(p.refreshInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.maxLineLength()).isEqualTo(8192);
        assertThat(p.lifecycleActions()).containsEntry("retired", "warn").containsEntry("decommissioned", "reject");
        assertThat(p.findingActions()).containsEntry("registration.re-registered", "reject")
                .containsEntry("registration.unknown-too-long", "defer");
    }

    @Test
    void the_policy_section_reads_lists_and_maps() {
        PolicySettings p = loader.parse("""
                policy:
                  failMode: closed
                  refreshInterval: 5s
                  allowlist: [partner.example]
                  senderExceptions:
                    archive@samenveilig.nl: [bjzutrecht.nl]
                  lifecycleActions:
                    retired: defer
                  findingActions:
                    registration.quarantine: hold
                  rejectText: "Mail to {domain} stopped: {reason}"
                """, "test").policy();
        assertThat(p.failMode()).isEqualTo("closed");
        assertThat(p.refreshInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.allowlist()).containsExactly("partner.example");
        assertThat(p.senderExceptions()).containsEntry("archive@samenveilig.nl", List.of("bjzutrecht.nl"));
        assertThat(p.lifecycleActions()).containsEntry("retired", "defer").containsEntry("active", "allow");
        assertThat(p.findingActions()).containsExactlyEntriesOf(java.util.Map.of("registration.quarantine", "hold"));
    }

    @Test
    void bad_values_name_the_key() {
        assertThatThrownBy(() -> loader.parse("policy:\n  lifecycleActions:\n    retired: bounce\n", "test.yml"))
                .hasMessageContaining("lifecycleActions.retired").hasMessageContaining("bounce");
        assertThatThrownBy(() -> loader.parse("policy:\n  lifecycleActions:\n    gone: reject\n", "test.yml"))
                .hasMessageContaining("unknown lifecycle 'gone'");
        assertThatThrownBy(() -> loader.parse("policy:\n  maxLineLength: 10\n", "test.yml"))
                .hasMessageContaining("maxLineLength");
        assertThatThrownBy(() -> loader.parse("policy:\n  rejectText: \"two\\nlines\"\n", "test.yml"))
                .hasMessageContaining("rejectText");
        assertThatThrownBy(() -> loader.parse("policy:\n  failMode: ajar\n", "test.yml"))
                .hasMessageContaining("failMode");
    }
}
