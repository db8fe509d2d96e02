package org.lapsewatch.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lapsewatch.config.WebSettings;
import org.lapsewatch.health.HealthCheck;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.TestDatabases;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The inventory page, health check, stylesheet, taken port and shutdown, served on a free loopback port and fetched with the JDK client. */
class WebServerTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private TestDatabases.TestDatabase db;
    private InventoryRepository inventory;
    private WebServices services;

    @BeforeEach
    void openStore() {
        db = TestDatabases.Kind.H2.open();
        services = WebServices.over(db.database(), new org.lapsewatch.config.ConfigLoader(k -> null).parse("{}", "test"),
                Clock.systemUTC(), org.lapsewatch.store.FindingListener.NONE,
                new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT));
        inventory = services.inventory();
    }

    private WebServer start(int port) {
        return WebServer.start(new WebSettings("127.0.0.1", port, false, false), services, new HealthCheck(db.database().dataSource(), List.of()));
    }

    /** Logs in as a fresh admin and returns a client that carries the session. */
    private HttpClient loggedIn(WebServer server) throws Exception {
        services.users().add("admin", new org.lapsewatch.web.auth.PasswordHasher().hash("admin-password-long".toCharArray()),
                org.lapsewatch.web.auth.Role.ADMIN, java.time.Instant.now());
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        String form = browser.send(HttpRequest.newBuilder(server.uri().resolve("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        String csrf = WebFixture.Browser.csrf(form);
        browser.send(HttpRequest.newBuilder(server.uri().resolve("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf + "&username=admin&password=admin-password-long&next=/"))
                .build(), HttpResponse.BodyHandlers.ofString());
        return browser;
    }

    @AfterEach
    void closeStore() {
        db.close();
    }

    private HttpResponse<String> get(WebServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_inventory_page_lists_each_domain_with_both_forms_and_its_lifecycle() throws Exception {
        inventory.add(new InventoryEntry(DomainName.parse("bjzutrecht.nl"), Lifecycle.RETIRED, "Jan", "it@samenveilig.nl",
                null, List.of("legacy"), LocalDate.of(2015, 1, 1), DomainName.parse("samenveilig.nl"), null, List.of()));
        inventory.add(InventoryEntry.of(DomainName.parse("bücher.de"), Lifecycle.DEFENSIVE));
        try (WebServer server = start(0)) {
            var page = loggedIn(server).send(HttpRequest.newBuilder(server.uri().resolve("/inventory")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body())
                    .contains(">bjzutrecht.nl</a></td>")
                    .contains(">bücher.de</a> <span class=\"ascii\">xn--bcher-kva.de</span></td>")
                    .contains("<span class=\"badge retired\">retired</span>")
                    .contains("<span class=\"badge defensive\">defensive</span>")
                    .contains("Jan &lt;it@samenveilig.nl&gt;")
                    .contains("<td>2015-01-01</td>")
                    .contains("<td>samenveilig.nl</td>")
                    .contains("<span class=\"tag\">legacy</span>")
                    .contains("href=\"/lapsewatch.css\"")
                    .doesNotContain("http://", "https://");
        }
    }

    @Test
    void every_value_is_escaped() throws Exception {
        inventory.add(new InventoryEntry(DomainName.parse("a.nl"), Lifecycle.ACTIVE, "<script>alert('x')</script>", null,
                null, List.of(), null, null, null, List.of()));
        try (WebServer server = start(0)) {
            assertThat(loggedIn(server).send(HttpRequest.newBuilder(server.uri().resolve("/inventory")).build(),
                    HttpResponse.BodyHandlers.ofString()).body())
                    .doesNotContain("<script>")
                    .contains("&lt;script&gt;alert(")
                    .contains(")&lt;/script&gt;");
        }
    }

    @Test
    void an_empty_inventory_says_how_to_fill_it() throws Exception {
        try (WebServer server = start(0)) {
            assertThat(loggedIn(server).send(HttpRequest.newBuilder(server.uri().resolve("/inventory")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("The inventory is empty").doesNotContain("<table");
        }
    }

    @Test
    void health_and_stylesheet() throws Exception {
        try (WebServer server = start(0)) {
            var health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok");
            var css = get(server, "/lapsewatch.css");
            assertThat(css.headers().firstValue("content-type")).contains("text/css; charset=utf-8");
            assertThat(css.body()).contains(".badge.retired");
            assertThat(get(server, "/nothing-here").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void health_fails_with_503_and_a_line_per_problem() throws Exception {
        var failing = new HealthCheck(db.database().dataSource(), List.of(() -> Optional.of("alerts: no progress for 16 min"),
                () -> Optional.of("watch: a check has run for 20 min")));
        try (WebServer server = WebServer.start(new WebSettings("127.0.0.1", 0, false, false), services, failing)) {
            var health = get(server, "/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(health.headers().firstValue("content-type")).hasValueSatisfying(type ->
                    assertThat(type.replace(" ", "")).isEqualToIgnoringCase("text/plain;charset=utf-8"));
            assertThat(health.body()).isEqualTo("failing\nalerts: no progress for 16 min\nwatch: a check has run for 20 min\n");
        }
    }

    @Test
    void a_taken_port_is_refused_with_what_to_change() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> start(port))
                    .isInstanceOf(WebException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 is in use: set web.port in lapsewatch.yml or pass --port");
        }
    }

    @Test
    void close_stops_serving() throws Exception {
        URI uri;
        try (WebServer server = start(0)) {
            uri = server.uri();
            assertThat(uri.toString()).matches("http://127\\.0\\.0\\.1:\\d+/");
        }
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri.resolve("/health")).build(),
                HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void the_raw_registry_response_of_an_observation_is_served_as_plain_text_to_readers_only() throws Exception {
        DomainName domain = DomainName.parse("bjzutrecht.nl");
        inventory.add(InventoryEntry.of(domain, Lifecycle.RETIRED));
        String body = "Domain name: bjzutrecht.nl\nStatus: in quarantine\nRemark: <script>alert(1)</script>\n";
        long id = services.observations().record(domain, org.lapsewatch.model.Registration.unknown("bjzutrecht.nl",
                org.lapsewatch.model.Registration.Source.WHOIS, "whois.dns.nl", org.lapsewatch.model.RegistrationState.UNKNOWN,
                "unreadable"), body, java.time.Instant.parse("2026-05-01T00:00:00Z")).observed().id();
        long other = services.observations().record(DomainName.parse("samenveilig.nl"), org.lapsewatch.model.Registration.unknown(
                "samenveilig.nl", org.lapsewatch.model.Registration.Source.WHOIS, "whois.dns.nl",
                org.lapsewatch.model.RegistrationState.UNKNOWN, "timed out"), null, java.time.Instant.parse("2026-05-01T00:00:00Z"))
                .observed().id();
        try (WebServer server = start(0)) {
            String path = "/domains/bjzutrecht.nl/observations/" + id + "/raw";
            assertThat(get(server, path).statusCode()).as("not without a login").isNotEqualTo(200);
            assertThat(get(server, path).body()).doesNotContain("in quarantine");

            HttpClient browser = loggedIn(server);
            var raw = browser.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(raw.statusCode()).isEqualTo(200);
            assertThat(raw.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(raw.headers().firstValue("x-content-type-options")).hasValue("nosniff");
            assertThat(raw.body()).isEqualTo(body);

            assertThat(browser.send(HttpRequest.newBuilder(server.uri().resolve("/domains/bjzutrecht.nl")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("href=\"" + path + "\"");
            assertThat(browser.send(HttpRequest.newBuilder(server.uri().resolve("/domains/bjzutrecht.nl/observations/" + other + "/raw"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("another domain's observation").isEqualTo(404);
            assertThat(browser.send(HttpRequest.newBuilder(server.uri().resolve("/domains/samenveilig.nl/observations/" + other + "/raw"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as("no body kept").isEqualTo(404);
        }
    }
}
