package org.lapsewatch.sim;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.CAARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The full example in docs/sim.md loads and behaves as the comments there say. */
class DocumentedScenarioTest {
    @TempDir
    Path dir;

    @Test
    void example_in_docs_loads_and_serves_what_it_says() throws Exception {
        String doc = Files.readString(Path.of("docs/sim.md"));
        int from = doc.indexOf("```yaml\n") + "```yaml\n".length();
        Path file = dir.resolve("example.yml");
        Files.writeString(file, doc.substring(from, doc.indexOf("```", from)));

        try (Simulation sim = Simulation.start(Scenario.load(file))) {
            assertThat(sim.scenario().name()).isEqualTo("example-story");
            SRVRecord srv = (SRVRecord) Clients.query(sim.resolver(), "_sip._tcp.oldagency.nl", Type.SRV)
                    .getSection(Section.ANSWER).getFirst();
            assertThat(srv.getTarget().toString()).isEqualTo("sip.supplier.com.");
            CAARecord caa = (CAARecord) Clients.query(sim.resolver(), "oldagency.nl", Type.CAA)
                    .getSection(Section.ANSWER).getFirst();
            assertThat(caa.getValue()).isEqualTo("letsencrypt.org");
            assertThat(Clients.whois(sim.whois(), "oldagency.nl")).contains("Hoster B.V.");

            sim.clock().advance(Duration.ofDays(1));
            assertThat(Clients.whois(sim.whois(), "oldagency.nl")).contains("only 1 request per second");
            sim.clock().advance(Duration.ofDays(4));
            assertThat(Clients.whois(sim.whois(), "oldagency.nl")).contains("Other Hoster B.V.");
            sim.clock().advance(Duration.ofDays(25));
            assertThat(Clients.whois(sim.whois(), "oldagency.nl")).contains("in quarantine");
            assertThat(Clients.query(sim.resolver(), "oldagency.nl", Type.MX).getRcode()).isEqualTo(Rcode.NXDOMAIN);
            assertThat(Clients.get(sim.rdapBaseUrl().resolve("domain/supplier.com")).body()).contains("auto renew period");
            sim.clock().advance(Duration.ofDays(30));
            assertThat(Clients.whois(sim.whois(), "supplier.com")).startsWith("No match");
            sim.clock().advance(Duration.ofDays(10).plusHours(1));
            assertThat(Clients.whois(sim.whois(), "oldagency.nl")).contains("Snelle Registratie B.V.");
        }
    }
}
