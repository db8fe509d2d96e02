package org.lapsewatch.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.lapsewatch.config.Durations;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The simulated RDAP service (RFC 9083 domain objects under {@code /rdap/}), its own IANA-style
 * bootstrap file at {@code /bootstrap/dns.json}, and {@code /sim/clock} to read or move the
 * virtual clock from outside ({@code POST /sim/clock?advance=30d} or {@code ?set=INSTANT}).
 */
final class RdapServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RdapServer.class.getName());
    private static final String RDAP_JSON = "application/rdap+json";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Supplier<World> world;
    private final Faults faults;
    private final VirtualClock clock;
    private final CountDownLatch closed;
    private final URI root;

    RdapServer(Supplier<World> world, Faults faults, VirtualClock clock, CountDownLatch closed) throws IOException {
        this.world = world;
        this.faults = faults;
        this.clock = clock;
        this.closed = closed;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/bootstrap/", this::bootstrap);
        server.createContext("/rdap/", this::rdap);
        server.createContext("/sim/clock", this::clockControl);
        server.start();
        root = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    URI bootstrapUrl() {
        return root.resolve("bootstrap/dns.json");
    }

    URI baseUrl() {
        return root.resolve("rdap/");
    }

    private void bootstrap(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/bootstrap/dns.json")) {
                send(exchange, 404, "application/json", error(404, "Not Found", "only /bootstrap/dns.json is here"));
                return;
            }
            List<String> tlds = world.get().scenario().registries().values().stream()
                    .filter(Registry::rdap).map(Registry::tld).toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("version", "1.0");
            body.put("publication", clock.instant().toString());
            body.put("description", "Lapsewatch simulated internet: RDAP bootstrap for the scenario's registries");
            body.put("services", tlds.isEmpty() ? List.of() : List.of(List.of(tlds, List.of(baseUrl().toString()))));
            send(exchange, 200, "application/json", json(body));
        }
    }

    private void rdap(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/rdap/".length());
            if (!path.startsWith("domain/") || path.length() == "domain/".length()) {
                faults.onRequest(Service.RDAP, null);
                send(exchange, 400, RDAP_JSON, error(400, "Bad Request", "this server answers domain/NAME lookups only"));
                return;
            }
            String query = path.substring("domain/".length());
            Optional<Fault.Effect> fault = faults.onRequest(Service.RDAP, query);
            if (fault.isPresent() && applyFault(exchange, fault.get(), query)) {
                return;
            }
            Response response;
            try {
                response = domainResponse(query);
            } catch (RuntimeException e) {
                // a bug must look like a broken server to the client, not like an answer
                LOG.log(System.Logger.Level.ERROR, "simulated RDAP server failed on " + query, e);
                response = new Response(500, error(500, "Internal Server Error", "the simulation failed: " + e));
            }
            send(exchange, response.status(), RDAP_JSON, response.body());
        }
    }

    private record Response(int status, byte[] body) {
    }

    private Response domainResponse(String query) {
        String ascii;
        try {
            ascii = DomainName.toAscii(query);
        } catch (InvalidDomainException e) {
            return new Response(400, error(400, "Bad Request", e.getMessage()));
        }
        World now = world.get();
        String tld = ascii.substring(ascii.lastIndexOf('.') + 1);
        Registry registry = now.scenario().registries().get(tld);
        if (registry == null || !registry.rdap()) {
            return new Response(404, error(404, "Not Found", "this server has no registry for ." + tld));
        }
        String domain = Names.domainUnderTld(Names.absolute(ascii));
        if (domain == null || !domain.equals(ascii) || now.standing(domain).phase() == DomainState.Phase.FREE) {
            return new Response(404, error(404, "Not Found", "The domain " + ascii + " was not found"));
        }
        return new Response(200, json(domainObject(now.state(domain).orElseThrow(), now.standing(domain), now.now())));
    }

    /** The RFC 9083 domain object. */
    private Map<String, Object> domainObject(DomainState state, DomainState.Standing standing, Instant now) {
        RegistryEntry reg = state.registration();
        String self = baseUrl().resolve("domain/" + state.domain()).toString();
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rdapConformance", List.of("rdap_level_0", "icann_rdap_response_profile_0"));
        o.put("objectClassName", "domain");
        o.put("handle", reg.handle());
        o.put("ldhName", state.domain());
        o.put("unicodeName", DomainName.toUnicode(state.domain()));
        o.put("status", standing.status());
        List<Map<String, Object>> events = new ArrayList<>();
        events.add(event("registration", reg.created()));
        if (standing.expires() != null) {
            events.add(event("expiration", standing.expires()));
        }
        if (reg.updated() != null) {
            events.add(event("last changed", reg.updated()));
        }
        if (standing.releases() != null) {
            events.add(event("deletion", standing.releases()));
        }
        events.add(event("last update of RDAP database", now));
        o.put("events", events);
        Map<String, Object> registrar = new LinkedHashMap<>();
        registrar.put("objectClassName", "entity");
        registrar.put("handle", reg.ianaId() == null ? reg.registrar() : String.valueOf(reg.ianaId()));
        registrar.put("roles", List.of("registrar"));
        if (reg.ianaId() != null) {
            registrar.put("publicIds", List.of(Map.of("type", "IANA Registrar ID", "identifier", String.valueOf(reg.ianaId()))));
        }
        registrar.put("vcardArray", List.of("vcard", List.of(
                List.of("version", Map.of(), "text", "4.0"),
                List.of("fn", Map.of(), "text", reg.registrar()))));
        o.put("entities", List.of(registrar));
        List<Map<String, Object>> nameservers = new ArrayList<>();
        for (String ns : reg.nameservers()) {
            nameservers.add(Map.of("objectClassName", "nameserver", "ldhName", ns));
        }
        o.put("nameservers", nameservers);
        o.put("secureDNS", Map.of("delegationSigned", reg.dnssec()));
        o.put("links", List.of(Map.of("value", self, "rel", "self", "href", self, "type", RDAP_JSON)));
        if (standing.phase() == DomainState.Phase.QUARANTINE) {
            o.put("remarks", List.of(Map.of("title", "Quarantine",
                    "description", List.of("In quarantine until " + standing.releases() + "; only the last holder can restore it."))));
        }
        o.put("notices", List.of(Map.of("title", "Simulated",
                "description", List.of("Lapsewatch simulated registry; scenario data, not a real registration."))));
        return o;
    }

    private static Map<String, Object> event(String action, Instant date) {
        return Map.of("eventAction", action, "eventDate", date.toString());
    }

    /** Applies a fault; returns false when the normal answer should still follow (latency). */
    private boolean applyFault(HttpExchange exchange, Fault.Effect effect, String query) throws IOException {
        switch (effect) {
            case Fault.Latency latency -> {
                sleep(latency.delay().toMillis());
                return false;
            }
            case Fault.TooManyRequests tooMany -> {
                exchange.getResponseHeaders().set("Retry-After", String.valueOf(tooMany.retryAfterSeconds()));
                send(exchange, 429, RDAP_JSON, error(429, "Too Many Requests", "rate limit exceeded"));
            }
            case Fault.ServerError serverError ->
                    send(exchange, serverError.status(), RDAP_JSON, error(serverError.status(), "Server Error", "simulated failure"));
            case Fault.Timeout ignored -> {
                try {
                    closed.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            case Fault.Truncated ignored -> {
                byte[] whole = domainResponse(query).body();
                exchange.getResponseHeaders().set("Content-Type", RDAP_JSON);
                exchange.sendResponseHeaders(200, whole.length);
                OutputStream out = exchange.getResponseBody();
                out.write(whole, 0, whole.length / 2);
                out.flush();
                // closing with bytes missing makes the JDK server drop the connection mid-body
            }
            case Fault.Garbage ignored -> {
                byte[] noise = new byte[256 + ThreadLocalRandom.current().nextInt(1024)];
                ThreadLocalRandom.current().nextBytes(noise);
                send(exchange, 200, RDAP_JSON, noise);
            }
            case Fault.Oversized oversized -> {
                exchange.getResponseHeaders().set("Content-Type", RDAP_JSON);
                exchange.sendResponseHeaders(200, 0);
                writeOversized(exchange.getResponseBody(), domainResponse(query).body(), oversized.bytes());
            }
        }
        return true;
    }

    /** A valid JSON object of about {@code bytes}: the answer's members plus a long remarks array. */
    private static void writeOversized(OutputStream out, byte[] answer, int bytes) throws IOException {
        String body = new String(answer, StandardCharsets.UTF_8);
        String head = body.substring(0, body.lastIndexOf('}'));
        out.write((head + (head.strip().endsWith("{") ? "" : ",") + "\"remarks\":[").getBytes(StandardCharsets.UTF_8));
        byte[] chunk = ("{\"description\":[\"" + "x".repeat(1000) + "\"]}").getBytes(StandardCharsets.UTF_8);
        for (long written = head.length(); written < bytes; written += chunk.length + 1) {
            if (written > head.length()) {
                out.write(',');
            }
            out.write(chunk);
        }
        out.write("]}".getBytes(StandardCharsets.UTF_8));
    }

    private void clockControl(HttpExchange exchange) throws IOException {
        try (exchange) {
            String q = exchange.getRequestURI().getQuery();
            if (exchange.getRequestMethod().equals("POST") && q != null) {
                try {
                    if (q.startsWith("advance=")) {
                        clock.advance(Durations.parse(q.substring("advance=".length())));
                    } else if (q.startsWith("set=")) {
                        clock.set(Instant.parse(q.substring("set=".length())));
                    } else {
                        send(exchange, 400, "text/plain", "use ?advance=30d or ?set=2026-03-01T00:00:00Z\n".getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    send(exchange, 400, "text/plain", (e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
                    return;
                }
            }
            send(exchange, 200, "text/plain", (clock.instant() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] error(int code, String title, String description) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("rdapConformance", List.of("rdap_level_0"));
        o.put("errorCode", code);
        o.put("title", title);
        o.put("description", List.of(description));
        return json(o);
    }

    private static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
