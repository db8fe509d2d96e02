package org.lapsewatch.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.health.HealthCheck;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.web.auth.PasswordHasher;
import org.lapsewatch.web.auth.Role;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A running dashboard over an H2 database with the Jeugdzorg story in it: an admin and a viewer,
 * the retired domain in quarantine with a CRITICAL finding, and hostile text in registry fields.
 */
final class WebFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery staple";
    static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");
    static final String XSS = "<script>alert('xss')</script><img src=x onerror=alert(1)>\"'&";

    final Database db;
    final WebServices services;
    final WebServer server;
    final long findingId;

    WebFixture(String extraConfig) {
        db = Database.open("jdbc:h2:mem:" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;"
                + org.lapsewatch.config.DatabaseSettings.H2_MODE, null, null, 4, null);
        LapsewatchConfig config = new ConfigLoader(k -> null).parse(extraConfig, "test");
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        services = WebServices.over(db, config, clock, FindingListener.NONE, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        PasswordHasher hasher = new PasswordHasher();
        services.users().add("admin", hasher.hash(PASSWORD.toCharArray()), Role.ADMIN, NOW);
        services.users().add("viewer", hasher.hash(PASSWORD.toCharArray()), Role.VIEWER, NOW);

        DomainName old = DomainName.parse("bjzutrecht.example");
        DomainName current = DomainName.parse("samenveilig.example");
        services.inventory().add(new InventoryEntry(current, Lifecycle.ACTIVE, "IT", "it@samenveilig.example", null, List.of(),
                null, null, null, List.of()));
        services.inventory().add(new InventoryEntry(old, Lifecycle.RETIRED, "IT", "it@samenveilig.example", XSS, List.of("youth-care"),
                java.time.LocalDate.parse("2015-01-01"), current, null, List.of()));
        services.observations().record(old, new Registration("bjzutrecht.example", Registration.Source.WHOIS, "127.0.0.1",
                RegistrationState.REGISTERED, List.of("active"), Instant.parse("2001-05-27T00:00:00Z"), null, null, null,
                "Registrar " + XSS, List.of("ns1.samenveilig.example"), false, null), "raw " + XSS, NOW.minusSeconds(86400 * 40));
        Registration quarantined = new Registration("bjzutrecht.example", Registration.Source.WHOIS, "127.0.0.1",
                RegistrationState.QUARANTINE, List.of("in quarantine"), Instant.parse("2001-05-27T00:00:00Z"), null, null,
                Instant.parse("2027-01-08T10:00:00Z"), "Registrar " + XSS, List.of(), false, null);
        services.observations().record(old, quarantined, "raw", NOW.minusSeconds(86400));
        services.statuses().record(old, quarantined, new org.lapsewatch.rules.PointOfNoReturn.Known(
                Instant.parse("2027-01-08T11:00:00Z"), "quarantine ends 2027-01-08T10:00:00Z " + XSS), NOW);
        services.exposures().replaceSource("mail.log", List.of(new org.lapsewatch.mailflow.DomainExposure(old, 42, 3, false,
                Map.of(org.lapsewatch.mailflow.DeliveryStatus.SENT, 42L), List.of(new org.lapsewatch.mailflow.Count("dossiers@samenveilig.example", 40)),
                List.of(new org.lapsewatch.mailflow.Count("gw1 postfix/smtp", 42)), List.of(), NOW.minusSeconds(86400 * 7), NOW.minusSeconds(3600),
                List.of("j.devries@bjzutrecht.example"), 12, List.of("jeugdzorg@samenveilig.example"), 0, List.of(), "mail.log " + XSS)), NOW);
        services.dnsReferences().replaceZone(current, List.of(new org.lapsewatch.rules.DnsReference(org.lapsewatch.rules.ReferenceKind.MX,
                "samenveilig.example", "mail.bjzutrecht.example", List.of("samenveilig.example MX", "mail.bjzutrecht.example"))), NOW);
        services.dnsReferences().replaceZone(old, List.of(new org.lapsewatch.rules.DnsReference(org.lapsewatch.rules.ReferenceKind.CNAME,
                "www.bjzutrecht.example", "web.bjzutrecht.example", List.of("www.bjzutrecht.example CNAME", "web.bjzutrecht.example"))), NOW);
        var transitions = services.findings().reconcile(old, Set.of("registration.quarantine"), List.of(new Finding(
                        "registration.quarantine", old, Severity.CRITICAL, Finding.Confidence.HIGH,
                        "bjzutrecht.example is in quarantine " + XSS, List.of("bjzutrecht.example (retired)", XSS), List.of())),
                Set.of(), null, NOW);
        findingId = transitions.getFirst().finding().id();
        server = WebServer.start(config.web().withPort(0), services, new HealthCheck(db.dataSource(), List.of()));
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    /** A browser-like client: keeps cookies, does not follow redirects. */
    static final class Browser {
        final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private final WebFixture site;

        Browser(WebFixture site) {
            this.site = site;
        }

        HttpResponse<String> get(String path) throws Exception {
            return http.send(HttpRequest.newBuilder(site.uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream()
                    .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                    .collect(Collectors.joining("&"));
            return http.send(HttpRequest.newBuilder(site.uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** Logs in through the form; returns the session's CSRF token. */
        String logIn(String user) throws Exception {
            String form = get("/login").body();
            HttpResponse<String> r = post("/login", Map.of("_csrf", csrf(form), "username", user, "password", PASSWORD, "next", "/"));
            if (r.statusCode() != 302) {
                throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
            }
            return csrf(get("/").body());
        }

        static String csrf(String html) {
            Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(html);
            if (!m.find()) {
                throw new AssertionError("no CSRF field in page");
            }
            return m.group(1);
        }
    }

    @Override
    public void close() {
        server.close();
        db.close();
    }
}
