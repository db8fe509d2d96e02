package org.lapsewatch.health;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.store.Database;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The status port of {@code policy-server}: what a monitoring check and Prometheus get. */
class StatusServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_fails_with_the_problems_and_metrics_are_the_registrys() throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.counter("lapsewatch.test.things").increment(3);
        try (Database db = Database.open("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;" + DatabaseSettings.H2_MODE,
                null, null, 2, null);
             StatusServer server = StatusServer.start("127.0.0.1", 0, new HealthCheck(db.dataSource(),
                     List.of(() -> Optional.of("verdicts: not reloaded for 4 min"))), metrics)) {
            URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
            var health = send(HttpRequest.newBuilder(base.resolve("/health")));
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.body()).isEqualTo("failing\nverdicts: not reloaded for 4 min\n");

            var scrape = send(HttpRequest.newBuilder(base.resolve("/metrics")));
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("content-type")).contains("text/plain; version=0.0.4; charset=utf-8");
            assertThat(scrape.body()).contains("lapsewatch_test_things_total 3.0");

            var head = send(HttpRequest.newBuilder(base.resolve("/metrics")).method("HEAD", HttpRequest.BodyPublishers.noBody()));
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.body()).isEmpty();
        }
    }

    @Test
    void a_taken_port_is_refused_naming_the_address_and_the_setting() {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        HealthCheck nothing = new HealthCheck(null, List.of());
        try (StatusServer first = StatusServer.start("127.0.0.1", 0, nothing, metrics)) {
            assertThatThrownBy(() -> StatusServer.start("127.0.0.1", first.port(), nothing, metrics))
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessageStartingWith("cannot serve /metrics and /health on 127.0.0.1:" + first.port() + ": ")
                    .hasMessageEndingWith("(set policy.statusPort or pass --status-port)");
        }
    }
}
