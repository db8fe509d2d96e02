package org.lapsewatch.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Simulation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's own words travel with the normalized answer, so they can be kept as evidence. */
class RawAnswerTest {
    private Simulation sim;

    @TempDir
    Path home;

    @BeforeEach
    void start() {
        sim = SimRegistries.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private RegistrationLookup.Answer ask(Duration timeout, String domain) {
        LapsewatchConfig config = SimRegistries.config(home, SimRegistries.rdap(sim, Map.of(), List.of(), timeout),
                SimRegistries.whois(sim, timeout, null, false));
        return SimRegistries.engine(config, new FakeTime(), new FakeTime()).ask(DomainName.parse(domain));
    }

    @Test
    void an_rdap_answer_carries_the_json_it_was_read_from() throws Exception {
        RegistrationLookup.Answer answer = ask(Duration.ofSeconds(5), "samenveilig.example");
        assertThat(answer.registration().state()).isEqualTo(RegistrationState.REGISTERED);
        JsonNode json = new ObjectMapper().readTree(answer.raw());
        assertThat(json.path("ldhName").asText()).isEqualToIgnoringCase("samenveilig.example");
        assertThat(answer.raw()).contains("Registrar Noord B.V.");
    }

    @Test
    void a_whois_answer_carries_its_text_and_a_referral_carries_both_servers_text_labelled() {
        RegistrationLookup.Answer direct = ask(Duration.ofSeconds(5), "hoster.test");
        assertThat(direct.registration().registrar()).isEqualTo("Hoster B.V.");
        assertThat(direct.raw()).contains("Hoster B.V.").doesNotContain("% Lapsewatch:");

        RegistrationLookup.Answer referred = ask(Duration.ofSeconds(5), "thin.com");
        assertThat(referred.registration().state()).isEqualTo(RegistrationState.REGISTERED);
        String[] parts = referred.raw().split("% Lapsewatch: answer from 127\\.0\\.0\\.\\d+\n", -1);
        assertThat(parts).as("one label before the registry's answer and one before the registrar's").hasSize(3);
        assertThat(parts[0]).isEmpty();
        assertThat(parts[1]).as("the registry").contains("Registry Expiry Date: 2027-03-15");
        assertThat(parts[2]).as("the registrar").contains("Registrar Registration Expiration Date: 2027-03-15");
    }

    @Test
    void no_body_means_no_raw_and_a_garbage_body_is_kept() {
        sim.faults().rdap(Fault.timeout().times(1));
        RegistrationLookup.Answer timedOut = ask(Duration.ofMillis(800), "samenveilig.example");
        assertThat(timedOut.registration().state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(timedOut.raw()).isNull();

        sim.faults().rdap(Fault.garbage().times(1));
        RegistrationLookup.Answer garbage = ask(Duration.ofSeconds(5), "samenveilig.example");
        assertThat(garbage.registration().state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(garbage.raw()).isNotBlank();
    }

    @Test
    void an_oversized_body_is_cut_at_the_cap_and_says_so() {
        String huge = "x".repeat(RegistrationLookup.Answer.MAX_RAW_CHARS + 10);
        RegistrationLookup.Answer answer = new RegistrationLookup.Answer(
                ask(Duration.ofSeconds(5), "hoster.test").registration(), huge);
        assertThat(answer.raw()).startsWith("x".repeat(1000)).endsWith("% Lapsewatch: truncated at 262144 characters\n")
                .hasSizeLessThan(RegistrationLookup.Answer.MAX_RAW_CHARS + 100);
    }
}
