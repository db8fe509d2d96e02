package org.lapsewatch.web;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.rules.PointOfNoReturn;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {
    @Test
    void metrics_give_days_where_known_and_a_separate_unknown_series_never_minus_one() throws Exception {
        try (WebFixture site = new WebFixture("web:\n  metricsPublic: true\n")) {
            DomainName active = DomainName.parse("samenveilig.example");
            site.services.statuses().record(active, Registration.unknown("samenveilig.example", Registration.Source.RDAP,
                    "127.0.0.1", RegistrationState.THROTTLED, "HTTP 429"), new PointOfNoReturn.Unknown("the last lookup gave no answer"),
                    WebFixture.NOW);
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(site.uri("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            String text = r.body();
            // bjzutrecht.example: point of no return 2027-01-08T11:00Z, 40 days and 1 hour after NOW
            assertThat(text).containsPattern("lapsewatch_domain_days_to_point_of_no_return\\{domain=\"bjzutrecht.example\"} 40\\.04");
            assertThat(text).contains("lapsewatch_domain_point_of_no_return_unknown{domain=\"samenveilig.example\"} 1.0");
            assertThat(text).contains("lapsewatch_domain_expiry_unknown{domain=\"samenveilig.example\"} 1.0");
            assertThat(text).doesNotContain("lapsewatch_domain_days_to_point_of_no_return{domain=\"samenveilig.example\"}");
            assertThat(text).doesNotContainPattern("lapsewatch_domain_days_to_\\w+\\{[^}]*} -1");
            assertThat(text).contains("lapsewatch_findings_open{rule=\"registration.quarantine\",severity=\"CRITICAL\"} 1.0");
            assertThat(text).contains("lapsewatch_alert_outbox_depth 0.0");
            assertThat(List.of(text.split("\n"))).noneMatch(l -> l.contains("<script>"));
        }
    }

    @Test
    void metrics_need_a_login_unless_made_public() throws Exception {
        try (WebFixture site = new WebFixture("{}")) {
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(site.uri("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        }
    }
}
