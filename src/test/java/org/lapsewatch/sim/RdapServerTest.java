package org.lapsewatch.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The RDAP server and its bootstrap file, read with the JDK HttpClient. */
class RdapServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Simulation sim;

    @BeforeAll
    static void start() {
        sim = Simulation.start(Clients.testScenario("mixed"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void domain_object_carries_the_rfc_9083_members() throws Exception {
        HttpResponse<String> response = Clients.get(sim.rdapBaseUrl().resolve("domain/bigtxt.com"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/rdap+json");
        JsonNode domain = JSON.readTree(response.body());
        assertThat(domain.path("objectClassName").asText()).isEqualTo("domain");
        assertThat(domain.path("ldhName").asText()).isEqualTo("bigtxt.com");
        assertThat(domain.path("unicodeName").asText()).isEqualTo("bigtxt.com");
        assertThat(domain.path("handle").asText()).isEqualTo("2336799_DOMAIN_COM-VRSN");
        assertThat(texts(domain.path("status"))).containsExactly("client transfer prohibited", "client delete prohibited");
        assertThat(event(domain, "registration")).isEqualTo("1999-03-15T05:00:00Z");
        assertThat(event(domain, "expiration")).isEqualTo("2026-02-01T05:00:00Z");
        JsonNode registrar = domain.path("entities").get(0);
        assertThat(texts(registrar.path("roles"))).containsExactly("registrar");
        assertThat(registrar.path("vcardArray").get(1).get(1).get(0).asText()).isEqualTo("fn");
        assertThat(registrar.path("vcardArray").get(1).get(1).get(3).asText()).isEqualTo("Example Registrar, LLC");
        assertThat(registrar.path("publicIds").get(0).path("type").asText()).isEqualTo("IANA Registrar ID");
        assertThat(registrar.path("publicIds").get(0).path("identifier").asText()).isEqualTo("9999");
        assertThat(domain.path("nameservers").get(0).path("ldhName").asText()).isEqualTo("ns1.hoster.nl");
        assertThat(domain.path("secureDNS").path("delegationSigned").asBoolean()).isFalse();
    }

    @Test
    void nl_domain_has_no_expiration_event_and_signs_its_delegation() throws Exception {
        JsonNode domain = JSON.readTree(Clients.get(sim.rdapBaseUrl().resolve("domain/oldagency.nl")).body());

        assertThat(event(domain, "expiration")).isNull();
        assertThat(event(domain, "last changed")).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(domain.path("secureDNS").path("delegationSigned").asBoolean()).isTrue();
        assertThat(texts(domain.path("status"))).containsExactly("active");
    }

    @Test
    void unknown_name_is_404_with_an_error_object() throws Exception {
        HttpResponse<String> response = Clients.get(sim.rdapBaseUrl().resolve("domain/never-registered.nl"));

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("errorCode").asInt()).isEqualTo(404);
        assertThat(error.path("title").asText()).isEqualTo("Not Found");
        assertThat(error.path("description").isArray()).isTrue();
    }

    @Test
    void whois_only_registry_is_not_served_over_rdap() {
        assertThat(Clients.get(sim.rdapBaseUrl().resolve("domain/klant.be")).statusCode()).isEqualTo(404);
    }

    @Test
    void bootstrap_lists_the_rdap_tlds_and_leads_to_the_domain() throws Exception {
        JsonNode bootstrap = JSON.readTree(Clients.get(sim.bootstrapUrl()).body());

        assertThat(bootstrap.path("version").asText()).isEqualTo("1.0");
        JsonNode service = bootstrap.path("services").get(0);
        assertThat(texts(service.get(0))).containsExactlyInAnyOrder("com", "nl");
        URI base = URI.create(service.get(1).get(0).asText());
        assertThat(base).isEqualTo(sim.rdapBaseUrl());
        assertThat(Clients.get(base.resolve("domain/oldagency.nl")).statusCode()).isEqualTo(200);
    }

    @Test
    void query_in_upper_case_finds_the_domain() {
        assertThat(Clients.get(sim.rdapBaseUrl().resolve("domain/OLDAGENCY.NL")).statusCode()).isEqualTo(200);
    }

    @Test
    void internationalized_name_is_found_by_its_u_label_and_shows_both_forms() throws Exception {
        HttpResponse<String> response = Clients.get(URI.create(sim.rdapBaseUrl() + "domain/b%C3%BCcher.nl"));

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode domain = JSON.readTree(response.body());
        assertThat(domain.path("ldhName").asText()).isEqualTo("xn--bcher-kva.nl");
        assertThat(domain.path("unicodeName").asText()).isEqualTo("bücher.nl");
    }

    static String event(JsonNode domain, String action) {
        for (JsonNode e : domain.path("events")) {
            if (e.path("eventAction").asText().equals(action)) {
                return e.path("eventDate").asText();
            }
        }
        return null;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
