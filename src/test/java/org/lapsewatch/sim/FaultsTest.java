package org.lapsewatch.sim;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every fault kind on every server, as a real client experiences it. */
class FaultsTest {
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

    @AfterEach
    void clear() {
        sim.faults().clear();
    }

    private static URI domain(String name) {
        return sim.rdapBaseUrl().resolve("domain/" + name);
    }

    // RDAP

    @Test
    void rdap_latency_delays_the_answer() {
        sim.faults().rdap(Fault.latency(Duration.ofMillis(400)));
        long started = System.nanoTime();

        HttpResponse<String> response = Clients.get(domain("oldagency.nl"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
    }

    @Test
    void rdap_429_carries_retry_after_and_stops_after_n_requests() {
        sim.faults().rdap(Fault.tooManyRequests(30).times(2));

        HttpResponse<String> first = Clients.get(domain("oldagency.nl"));
        assertThat(first.statusCode()).isEqualTo(429);
        assertThat(first.headers().firstValue("Retry-After")).contains("30");
        assertThat(Clients.get(domain("oldagency.nl")).statusCode()).isEqualTo(429);
        assertThat(Clients.get(domain("oldagency.nl")).statusCode()).isEqualTo(200);
    }

    @Test
    void rdap_fault_scoped_to_a_domain_leaves_others_alone() {
        sim.faults().rdap(Fault.serverError(503).forDomain("oldagency.nl"));

        assertThat(Clients.get(domain("oldagency.nl")).statusCode()).isEqualTo(503);
        assertThat(Clients.get(domain("hoster.nl")).statusCode()).isEqualTo(200);
    }

    @Test
    void rdap_timeout_never_answers() {
        sim.faults().rdap(Fault.timeout().times(1));

        assertThatThrownBy(() -> Clients.get(domain("oldagency.nl"), Duration.ofMillis(500)))
                .isInstanceOf(UncheckedIOException.class).hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void rdap_truncated_body_ends_early() {
        sim.faults().rdap(Fault.truncated());

        assertThatThrownBy(() -> Clients.getBytes(domain("oldagency.nl"))).isInstanceOf(IOException.class);
    }

    @Test
    void rdap_garbage_is_not_json() {
        sim.faults().rdap(Fault.garbage());

        HttpResponse<String> response = Clients.get(domain("oldagency.nl"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(isDomainObject(response.body())).isFalse();
        sim.faults().clear();
        assertThat(isDomainObject(Clients.get(domain("oldagency.nl")).body())).isTrue();
    }

    private static boolean isDomainObject(String body) {
        try {
            return JSON.readTree(body).path("objectClassName").asText().equals("domain");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void rdap_oversized_answer_is_valid_json_of_three_megabytes() throws Exception {
        sim.faults().rdap(Fault.oversized(3_000_000));

        HttpResponse<byte[]> response = Clients.getBytes(domain("oldagency.nl"));

        assertThat(response.body().length).isGreaterThanOrEqualTo(3_000_000);
        assertThat(JSON.readTree(response.body()).path("ldhName").asText()).isEqualTo("oldagency.nl");
    }

    @Test
    void rdap_requests_are_counted() {
        long before = sim.faults().requests(Service.RDAP);
        Clients.get(domain("oldagency.nl"));
        Clients.get(domain("nothing.nl"));
        assertThat(sim.faults().requests(Service.RDAP) - before).isEqualTo(2);
    }

    // WHOIS

    @Test
    void whois_latency_delays_the_answer() {
        sim.faults().whois(Fault.latency(Duration.ofMillis(300)));
        long started = System.nanoTime();

        String answer = Clients.whois(sim.whois(), "oldagency.nl");

        assertThat(answer).contains("Domain name: oldagency.nl");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void whois_rate_limit_speaks_the_registrys_words() {
        sim.faults().whois(Fault.tooManyRequests(1));

        assertThat(Clients.whois(sim.whois(), "oldagency.nl")).contains("only 1 request per second allowed");
    }

    @Test
    void whois_server_error_closes_without_a_word() {
        sim.faults().whois(Fault.serverError(500));

        assertThat(Clients.whois(sim.whois(), "oldagency.nl")).isEmpty();
    }

    @Test
    void whois_timeout_never_answers() {
        sim.faults().whois(Fault.timeout().times(1));

        assertThatThrownBy(() -> Clients.whoisBytes(sim.whois(), "oldagency.nl", 500))
                .hasCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void whois_truncated_answer_is_the_first_half() {
        String whole = Clients.whois(sim.whois(), "oldagency.nl");
        sim.faults().whois(Fault.truncated());

        String half = Clients.whois(sim.whois(), "oldagency.nl");

        assertThat(half).hasSize(whole.length() / 2);
        assertThat(whole).startsWith(half);
    }

    @Test
    void whois_garbage_is_not_the_answer() {
        sim.faults().whois(Fault.garbage());

        byte[] noise = Clients.whoisBytes(sim.whois(), "oldagency.nl", 5_000);

        assertThat(noise.length).isGreaterThanOrEqualTo(256);
        assertThat(new String(noise, StandardCharsets.UTF_8)).doesNotContain("Domain name:");
    }

    @Test
    void whois_oversized_answer_keeps_coming() {
        sim.faults().whois(Fault.oversized(3_000_000));

        byte[] answer = Clients.whoisBytes(sim.whois(), "oldagency.nl", 10_000);

        assertThat(answer.length).isGreaterThanOrEqualTo(3_000_000);
        assertThat(new String(answer, 0, 40, StandardCharsets.UTF_8)).startsWith("Domain name: oldagency.nl");
    }

    @Test
    void whois_fault_scheduled_by_the_scenario_applies_only_in_its_window() {
        try (Simulation own = Simulation.start(Clients.testScenario("mixed"))) {
            assertThat(Clients.whois(own.whois(), "oldagency.nl")).contains("Domain name:");
            own.clock().advance(Duration.ofDays(1));
            assertThat(Clients.whois(own.whois(), "oldagency.nl")).contains("only 1 request per second allowed");
            own.clock().advance(Duration.ofDays(1));
            assertThat(Clients.whois(own.whois(), "oldagency.nl")).contains("Domain name:");
        }
    }

    // DNS

    @Test
    void dns_latency_delays_the_answer() throws Exception {
        sim.faults().dns(Fault.latency(Duration.ofMillis(300)));
        long started = System.nanoTime();

        Message answer = Clients.query(sim.resolver(), "oldagency.nl", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void dns_rate_limit_is_refused_and_server_error_is_servfail() throws Exception {
        sim.faults().dns(Fault.tooManyRequests(1).times(1)).dns(Fault.serverError(500).times(1));

        assertThat(Clients.query(sim.resolver(), "oldagency.nl", Type.A).getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(Clients.query(sim.resolver(), "oldagency.nl", Type.A).getRcode()).isEqualTo(Rcode.SERVFAIL);
        assertThat(Clients.query(sim.resolver(), "oldagency.nl", Type.A).getRcode()).isEqualTo(Rcode.NOERROR);
    }

    @Test
    void dns_timeout_drops_the_query() {
        sim.faults().dns(Fault.timeout().forDomain("oldagency.nl"));
        SimpleResolver resolver = Clients.resolver(sim.resolver());
        resolver.setTimeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> resolver.send(Clients.question("www.oldagency.nl", Type.A))).isInstanceOf(IOException.class);
    }

    @Test
    void dns_truncated_reply_does_not_parse() throws Exception {
        sim.faults().dns(Fault.truncated());

        byte[] reply = udpExchange(Clients.question("oldagency.nl", Type.MX).toWire());

        assertThatThrownBy(() -> new Message(reply)).isInstanceOf(IOException.class);
    }

    @Test
    void dns_garbage_reply_is_not_an_answer_to_the_query() throws Exception {
        sim.faults().dns(Fault.garbage());
        Message query = Clients.question("oldagency.nl", Type.MX);

        byte[] reply = udpExchange(query.toWire());

        boolean answersTheQuery;
        try {
            Message parsed = new Message(reply);
            answersTheQuery = parsed.getHeader().getID() == query.getHeader().getID()
                    && query.getQuestion().equals(parsed.getQuestion());
        } catch (IOException e) {
            answersTheQuery = false;
        }
        assertThat(answersTheQuery).isFalse();
    }

    @Test
    void dns_oversized_reply_exceeds_the_udp_limit_without_tc() throws Exception {
        sim.faults().dns(Fault.oversized(20_000));

        byte[] reply = udpExchange(Clients.question("oldagency.nl", Type.MX).toWire());

        assertThat(reply.length).isGreaterThan(512);
        assertThat(new Message(reply).getHeader().getFlag(Flags.TC)).isFalse();
    }

    private static byte[] udpExchange(byte[] query) throws IOException {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5_000);
            socket.send(new DatagramPacket(query, query.length, sim.resolver()));
            byte[] buffer = new byte[65_535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return Arrays.copyOf(buffer, packet.getLength());
        }
    }
}
