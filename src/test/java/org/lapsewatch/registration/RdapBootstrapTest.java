package org.lapsewatch.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.RdapSettings;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Choosing the RDAP server: configured override, then the IANA-format bootstrap (cached a day), then the shipped table. */
class RdapBootstrapTest {
    private static final String BOOTSTRAP = """
            {"version": "1.0", "publication": "2026-01-01T12:00:00Z",
             "services": [[["com", "net"], ["http://rdap.example.com/", "https://rdap.example.com/v1"]],
                          [["example"], ["https://rdap.registry.example/"]]]}""";

    private HttpServer server;
    private final AtomicInteger fetches = new AtomicInteger();
    private String body = BOOTSTRAP;

    @TempDir
    Path home;

    @BeforeEach
    void serveBootstrap() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.createContext("/dns.json", exchange -> {
            fetches.incrementAndGet();
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private RdapBootstrap bootstrap(Map<String, String> overrides, FakeTime time) {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/dns.json";
        RdapSettings settings = new RdapSettings(url, overrides, null, Duration.ofSeconds(5), null,
                List.of("https://rdap.org/"), null, null, null, null, null, null);
        return new RdapBootstrap(settings, home.resolve("cache/rdap-bootstrap.json"), time, new HttpFetch(Duration.ofSeconds(2)));
    }

    @Test
    void bootstrap_entry_is_chosen_and_https_preferred() throws Exception {
        var service = bootstrap(Map.of(), new FakeTime()).find("example.com").orElseThrow();
        assertThat(service.base()).isEqualTo(URI.create("https://rdap.example.com/v1/"));
        assertThat(service.redirector()).isFalse();
    }

    @Test
    void shipped_table_covers_registries_the_bootstrap_does_not_list() throws Exception {
        RdapBootstrap b = bootstrap(Map.of(), new FakeTime());
        assertThat(b.find("example.nl").orElseThrow().base()).isEqualTo(URI.create("https://rdap.sidn.nl/"));
        assertThat(b.find("example.de").orElseThrow().base()).isEqualTo(URI.create("https://rdap.denic.de/"));
        assertThat(b.find("example.be")).isEmpty();
    }

    @Test
    void configured_override_replaces_bootstrap_and_shipped_entries_and_none_removes_them() throws Exception {
        RdapBootstrap b = bootstrap(Map.of("com", "http://127.0.0.1:9/rdap", "nl", "none", "be", "https://rdap.org"), new FakeTime());
        assertThat(b.find("example.com").orElseThrow().base()).isEqualTo(URI.create("http://127.0.0.1:9/rdap/"));
        assertThat(b.find("example.nl")).isEmpty();
        var be = b.find("example.be").orElseThrow();
        assertThat(be.redirector()).as("rdap.org is configured as a redirector").isTrue();
    }

    @Test
    void bootstrap_is_cached_on_disk_with_its_publication_and_fetched_again_after_a_day() throws Exception {
        FakeTime time = new FakeTime();
        bootstrap(Map.of(), time).find("example.com");
        assertThat(fetches).hasValue(1);
        Path cache = home.resolve("cache/rdap-bootstrap.json");
        var cached = new ObjectMapper().readTree(cache.toFile());
        assertThat(cached.path("bootstrap").path("publication").asText()).isEqualTo("2026-01-01T12:00:00Z");
        assertThat(cached.path("fetched").asText()).isEqualTo(time.instant().toString());

        time.advance(Duration.ofHours(23));
        RdapBootstrap restarted = bootstrap(Map.of(), time);
        assertThat(restarted.find("example.example").orElseThrow().base()).isEqualTo(URI.create("https://rdap.registry.example/"));
        assertThat(fetches).as("a fresh cache is not fetched again after a restart").hasValue(1);

        body = BOOTSTRAP.replace("https://rdap.registry.example/", "https://rdap2.registry.example/");
        time.advance(Duration.ofHours(2));
        assertThat(restarted.find("example.example").orElseThrow().base()).isEqualTo(URI.create("https://rdap2.registry.example/"));
        assertThat(fetches).hasValue(2);
    }

    @Test
    void unreachable_bootstrap_keeps_the_stale_cache_and_does_not_retry_at_once() throws Exception {
        FakeTime time = new FakeTime();
        bootstrap(Map.of(), time).find("example.com");
        server.stop(0);
        time.advance(Duration.ofDays(2));
        RdapBootstrap b = bootstrap(Map.of(), time);
        assertThat(b.find("example.com").orElseThrow().base()).isEqualTo(URI.create("https://rdap.example.com/v1/"));
        assertThat(b.lastFailure()).hasValueSatisfying(reason -> assertThat(reason).contains("unavailable"));
        assertThat(Files.readString(home.resolve("cache/rdap-bootstrap.json"))).contains("rdap.example.com");
    }
}
