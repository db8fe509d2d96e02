package org.lapsewatch.dns;

import org.junit.jupiter.api.Test;
import org.lapsewatch.rules.NameserverProviders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NameserverProvidersTest {

    @Test
    void the_bundled_table_tells_claimable_from_verifying_providers() {
        NameserverProviders table = ResidualTrustCheck.bundledProviders();
        assertThat(table.providerOf("NS1.DigitalOcean.com.")).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("DigitalOcean");
            assertThat(p.claimable()).isTrue();
        });
        assertThat(table.providerOf("kate.ns.cloudflare.com")).hasValueSatisfying(p -> assertThat(p.claimable()).isFalse());
        assertThat(table.providerOf("ns-1234.awsdns-56.org")).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("Amazon Route 53"));
        assertThat(table.providerOf("ns1.hoster.nl")).isEmpty();
        // a pattern does not match a look-alike suffix
        assertThat(table.providerOf("ns.cloudflare.com.evil.example")).isEmpty();
    }

    @Test
    void a_malformed_line_names_its_origin_and_line() {
        assertThatThrownBy(() -> NameserverProviders.parse("# c\nX | maybe | ns1.x.com\n", "providers.txt"))
                .hasMessage("providers.txt line 2: second field must be 'claimable' or 'verifies', got 'maybe'");
        assertThatThrownBy(() -> NameserverProviders.parse("X | claimable\n", "providers.txt"))
                .hasMessageStartingWith("providers.txt line 1: expected");
    }
}
