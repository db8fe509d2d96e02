package org.lapsewatch.sim;

import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import static org.assertj.core.api.Assertions.assertThat;

class SimulationSmokeTest {
    @Test
    void jeugdzorg_answers_on_all_three_protocols() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
            var rdap = Clients.get(sim.rdapBaseUrl().resolve("domain/bjzutrecht.example"));
            System.out.println(rdap.body());
            assertThat(rdap.statusCode()).isEqualTo(200);
            System.out.println(Clients.whois(sim.whois(), "bjzutrecht.example"));
            Message m = Clients.query(sim.resolver(), "bjzutrecht.example", Type.MX);
            System.out.println(m);
            assertThat(m.getRcode()).isEqualTo(Rcode.NOERROR);
            assertThat(m.getSection(Section.ANSWER)).isNotEmpty();
            System.out.println(sim.configSnippet());
        }
    }
}
