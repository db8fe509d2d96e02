package org.lapsewatch.registration;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MeteredRegistrationLookupTest {
    @Test
    void every_check_is_counted_by_source_and_outcome_with_a_latency_histogram() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        RegistrationLookup registry429 = domain -> Registration.unknown(domain.ascii(), Registration.Source.RDAP, "rdap.example",
                RegistrationState.THROTTLED, "HTTP 429");
        RegistrationLookup whoisAnswer = domain -> new Registration(domain.ascii(), Registration.Source.WHOIS, "whois.example",
                RegistrationState.REGISTERED, List.of(), null, null, null, null, "Registrar", List.of(), null, null);
        new MeteredRegistrationLookup(registry429, registry).lookup(DomainName.parse("a.nl"));
        new MeteredRegistrationLookup(registry429, registry).lookup(DomainName.parse("b.nl"));
        var answer = new MeteredRegistrationLookup(whoisAnswer, registry).ask(DomainName.parse("c.nl"));

        assertThat(answer.registration().state()).isEqualTo(RegistrationState.REGISTERED);
        String text = registry.scrape();
        assertThat(text).contains("lapsewatch_registration_checks_seconds_count{outcome=\"throttled\",source=\"rdap\"} 2");
        assertThat(text).contains("lapsewatch_registration_checks_seconds_count{outcome=\"registered\",source=\"whois\"} 1");
        assertThat(text).contains("lapsewatch_registration_checks_seconds_bucket{outcome=\"throttled\",source=\"rdap\",le=");
    }
}
