package org.lapsewatch.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may see and change what, CSRF, hostile data, and API tokens, over real HTTP. */
class WebSecurityTest {
    private static WebFixture site;

    /** Every route the server registers, with sample path values. */
    private static final List<String[]> PRIVATE_ROUTES = List.of(
            new String[]{"GET", "/"}, new String[]{"GET", "/timeline"}, new String[]{"GET", "/domains/bjzutrecht.example"},
            new String[]{"GET", "/findings"}, new String[]{"POST", "/findings/1/ack"}, new String[]{"GET", "/inventory"},
            new String[]{"POST", "/inventory"}, new String[]{"POST", "/inventory/import"},
            new String[]{"POST", "/inventory/bjzutrecht.example/retire"}, new String[]{"GET", "/channels"},
            new String[]{"GET", "/audit"}, new String[]{"POST", "/logout"}, new String[]{"GET", "/metrics"},
            new String[]{"GET", "/api/domains"}, new String[]{"POST", "/api/domains"},
            new String[]{"GET", "/api/domains/bjzutrecht.example"}, new String[]{"POST", "/api/domains/bjzutrecht.example/retire"},
            new String[]{"GET", "/api/domains/bjzutrecht.example/history"}, new String[]{"GET", "/api/findings"},
            new String[]{"POST", "/api/findings/1/ack"}, new String[]{"GET", "/exposures"}, new String[]{"GET", "/api/exposures"},
            new String[]{"GET", "/api/verdicts"});

    @BeforeAll
    static void start() {
        site = new WebFixture("{}");
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void every_route_without_a_session_is_refused_except_the_public_ones() throws Exception {
        HttpClient anonymous = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        for (String[] route : PRIVATE_ROUTES) {
            var request = HttpRequest.newBuilder(site.uri(route[1]))
                    .method(route[0], route[0].equals("GET") ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                    .build();
            HttpResponse<String> r = anonymous.send(request, HttpResponse.BodyHandlers.ofString());
            if (route[0].equals("GET") && !route[1].startsWith("/api/") && !route[1].equals("/metrics")) {
                assertThat(r.statusCode()).as(route[0] + " " + route[1]).isEqualTo(302);
                assertThat(r.headers().firstValue("Location")).as(route[1]).get().asString().startsWith("/login");
            } else {
                assertThat(r.statusCode()).as(route[0] + " " + route[1]).isEqualTo(401);
            }
            assertThat(r.body()).doesNotContain("bjzutrecht");
        }
        for (String publicPath : List.of("/health", "/login", "/lapsewatch.css", "/api/openapi.json")) {
            assertThat(anonymous.send(HttpRequest.newBuilder(site.uri(publicPath)).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).as(publicPath).isEqualTo(200);
        }
    }

    @Test
    void every_answer_carries_a_content_security_policy_and_the_session_cookie_is_strict() throws Exception {
        var browser = new WebFixture.Browser(site);
        HttpResponse<String> login = browser.get("/login");
        assertThat(login.headers().firstValue("Content-Security-Policy")).contains(Security.CSP);
        assertThat(login.headers().firstValue("X-Frame-Options")).contains("DENY");
        HttpResponse<String> r = browser.post("/login", Map.of("_csrf", WebFixture.Browser.csrf(login.body()),
                "username", "admin", "password", WebFixture.PASSWORD, "next", "/"));
        String cookie = r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("lw_session=")).findFirst().orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
    }

    @Test
    void a_change_without_the_csrf_token_is_refused() throws Exception {
        var admin = new WebFixture.Browser(site);
        admin.logIn("admin");
        HttpResponse<String> r = admin.post("/inventory", Map.of("name", "csrf-test.example", "lifecycle", "active"));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(admin.post("/inventory", Map.of("_csrf", "forged", "name", "csrf-test.example", "lifecycle", "active"))
                .statusCode()).isEqualTo(403);
        assertThat(site.services.inventory().find(org.lapsewatch.model.DomainName.parse("csrf-test.example"))).isEmpty();
    }

    @Test
    void a_viewer_can_look_but_cannot_change_anything() throws Exception {
        var viewer = new WebFixture.Browser(site);
        String csrf = viewer.logIn("viewer");
        assertThat(viewer.get("/domains/bjzutrecht.example").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/findings").body()).doesNotContain("class=\"ack\"");
        assertThat(viewer.post("/findings/" + site.findingId + "/ack", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/inventory", Map.of("_csrf", csrf, "name", "viewer.example", "lifecycle", "active")).statusCode())
                .isEqualTo(403);
        assertThat(viewer.post("/inventory/bjzutrecht.example/retire", Map.of("_csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(site.services.findings().find(site.findingId).orElseThrow().state().wireName()).isEqualTo("open");
    }

    @Test
    void hostile_text_from_registries_and_users_renders_inert() throws Exception {
        var admin = new WebFixture.Browser(site);
        admin.logIn("admin");
        for (String page : List.of("/domains/bjzutrecht.example", "/findings", "/inventory", "/", "/exposures", "/timeline")) {
            String html = admin.get(page).body();
            assertThat(html).as(page).doesNotContain("<script>alert").doesNotContain("<img src=x");
        }
        String domain = admin.get("/domains/bjzutrecht.example").body();
        assertThat(domain).contains("&lt;script&gt;alert(").contains("&lt;img src=x onerror=alert(1)&gt;");
    }

    @Test
    void an_api_token_works_until_it_is_revoked() throws Exception {
        var token = site.services.users().createToken("viewer", "ci", Instant.now());
        HttpClient http = HttpClient.newHttpClient();
        var request = HttpRequest.newBuilder(site.uri("/api/findings")).header("Authorization", "Bearer " + token.secret()).build();
        HttpResponse<String> ok = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).contains("registration.quarantine");
        // hostile text stays data: JSON with nosniff is never rendered as HTML
        assertThat(ok.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
        assertThat(ok.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        // a viewer's token cannot change anything either
        var change = HttpRequest.newBuilder(site.uri("/api/findings/" + site.findingId + "/ack"))
                .header("Authorization", "Bearer " + token.secret()).POST(HttpRequest.BodyPublishers.noBody()).build();
        assertThat(http.send(change, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);

        site.services.users().revokeToken(token.id(), Instant.now());
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }

    @Test
    void an_admin_token_changes_through_the_api_without_csrf_and_the_change_is_audited() throws Exception {
        var token = site.services.users().createToken("admin", "automation", Instant.now());
        HttpClient http = HttpClient.newHttpClient();
        var add = HttpRequest.newBuilder(site.uri("/api/domains")).header("Authorization", "Bearer " + token.secret())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Bücher.Example.\",\"lifecycle\":\"defensive\"}")).build();
        HttpResponse<String> r = http.send(add, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).contains("\"domain\":\"xn--bcher-kva.example\"", "\"unicode\":\"bücher.example\"");
        assertThat(site.services.audit().latest(5)).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo("admin");
            assertThat(e.action()).isEqualTo("domain.add");
            assertThat(e.subject()).isEqualTo("xn--bcher-kva.example");
        });
        var bad = HttpRequest.newBuilder(site.uri("/api/domains")).header("Authorization", "Bearer " + token.secret())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"mail.bjzutrecht.example\"}")).build();
        HttpResponse<String> refused = http.send(bad, HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("registrable domain is bjzutrecht.example");
    }

    @Test
    void the_domain_page_lists_the_dns_references_other_zones_make_to_it() throws Exception {
        var viewer = new WebFixture.Browser(site);
        viewer.logIn("viewer");
        String old = viewer.get("/domains/bjzutrecht.example").body();
        assertThat(old).contains("Referenced by DNS", "samenveilig.example MX → mail.bjzutrecht.example")
                .as("the zone's records about itself are not a use").doesNotContain("www.bjzutrecht.example CNAME");
        assertThat(viewer.get("/domains/samenveilig.example").body()).contains("No other zone points here in DNS");
    }

    @Test
    void exposures_and_verdicts_are_shown_and_served_as_json() throws Exception {
        var viewer = new WebFixture.Browser(site);
        viewer.logIn("viewer");
        assertThat(viewer.get("/exposures").body()).contains("bjzutrecht.example", "dossiers@samenveilig.example (40)", "42",
                "Via alias", "<td>12<div>jeugdzorg@samenveilig.example</div></td>");
        assertThat(viewer.get("/domains/bjzutrecht.example").body()).contains("id=\"exposures\"", "gw1 postfix/smtp (42)");
        var token = site.services.users().createToken("viewer", "reader", Instant.now());
        HttpClient http = HttpClient.newHttpClient();
        String verdicts = http.send(HttpRequest.newBuilder(site.uri("/api/verdicts")).header("Authorization", "Bearer " + token.secret())
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        // the retired domain is in quarantine: the gateway defers mail to it
        assertThat(verdicts).contains("\"domain\":\"bjzutrecht.example\"", "\"action\":\"defer\"");
        String exposures = http.send(HttpRequest.newBuilder(site.uri("/api/exposures")).header("Authorization", "Bearer " + token.secret())
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(exposures).contains("\"messages\":42", "\"sent\":42", "\"viaAlias\":12",
                "\"aliasSamples\":[\"jeugdzorg@samenveilig.example\"]");
    }

    @Test
    void the_domain_page_draws_what_the_zone_trusts_with_each_targets_state() throws Exception {
        var viewer = new WebFixture.Browser(site);
        viewer.logIn("viewer");
        String html = viewer.get("/domains/samenveilig.example").body();
        // samenveilig.example's MX points into its own retired domain, which is in quarantine
        assertThat(html).contains("id=\"trust-graph\"").contains("class=\"edge ending\"")
                .contains("bjzutrecht.example · own · quarantine").contains(">MX<");
    }

    @Test
    void login_is_throttled_after_repeated_failures() throws Exception {
        try (WebFixture own = new WebFixture("{}")) { // its own server: the throttle remembers this client address
            assertThrottled(new WebFixture.Browser(own));
        }
    }

    private static void assertThrottled(WebFixture.Browser browser) throws Exception {
        int last = 0;
        for (int i = 0; i < 7; i++) {
            String csrf = WebFixture.Browser.csrf(browser.get("/login").body());
            last = browser.post("/login", Map.of("_csrf", csrf, "username", "throttled-user", "password", "wrong", "next", "/"))
                    .statusCode();
        }
        assertThat(last).isEqualTo(429);
    }

    @Test
    void the_login_form_does_not_redirect_to_other_sites() {
        assertThat(Pages.safeNext("https://evil.example/")).isEqualTo("/");
        assertThat(Pages.safeNext("//evil.example/")).isEqualTo("/");
        assertThat(Pages.safeNext("/domains/x")).isEqualTo("/domains/x");
    }
}
