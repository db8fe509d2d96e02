package org.lapsewatch.policy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.lapsewatch.config.PolicySettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The Postfix socketmap protocol for {@code transport_maps}, over raw sockets. */
class SocketmapProtocolTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private PolicyService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private Socket connect(PolicySettings settings, Supplier<VerdictTable> tables) throws IOException {
        service = PolicyService.serving(tables, settings, registry);
        Socket s = new Socket("127.0.0.1", service.socketmapPort());
        s.setSoTimeout(10_000);
        return s;
    }

    private Socket connect(PolicySettings settings) throws IOException {
        VerdictTable table = Gateway.table(settings);
        return connect(settings, () -> table);
    }

    private static String lookup(Socket s, String key) throws IOException {
        send(s, netstring("transport " + key));
        return readNetstring(s.getInputStream());
    }

    private static String netstring(String payload) {
        return payload.getBytes(StandardCharsets.UTF_8).length + ":" + payload + ",";
    }

    private static void send(Socket s, String raw) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(raw.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads one netstring reply strictly; null at end of stream. */
    static String readNetstring(InputStream in) throws IOException {
        int length = 0;
        int b = in.read();
        if (b < 0) {
            return null;
        }
        while (b != ':') {
            if (b < '0' || b > '9') {
                throw new IOException("not a netstring length: " + (char) b);
            }
            length = length * 10 + (b - '0');
            b = in.read();
        }
        byte[] body = in.readNBytes(length);
        if (body.length != length || in.read() != ',') {
            throw new IOException("truncated netstring");
        }
        return new String(body, StandardCharsets.US_ASCII);
    }

    @Test
    void blocked_domains_get_error_or_retry_transports_in_every_key_form() throws IOException {
        try (Socket s = connect(Gateway.settings())) {
            String rejected = "OK error:5.7.1 Lapsewatch: bjzutrecht.nl is no longer ours (registered by someone else)";
            assertThat(lookup(s, "staff@bjzutrecht.nl")).isEqualTo(rejected);
            assertThat(lookup(s, "bjzutrecht.nl")).isEqualTo(rejected);
            assertThat(lookup(s, "mail.bjzutrecht.nl")).isEqualTo(rejected);
            assertThat(lookup(s, ".bjzutrecht.nl")).isEqualTo(rejected);
            assertThat(lookup(s, "staff@jeugdzorg-oud.nl"))
                    .isEqualTo("OK retry:4.7.1 Lapsewatch: jeugdzorg-oud.nl is no longer ours (registration in quarantine)");
            assertThat(lookup(s, "pendingdelete.example")).as("hold becomes retry in a transport table")
                    .startsWith("OK retry:4.7.1 ");
            assertThat(lookup(s, "stillours.nl")).as("warn has no transport equivalent").isEqualTo("NOTFOUND ");
            assertThat(lookup(s, "samenveilig.nl")).isEqualTo("NOTFOUND ");
            assertThat(lookup(s, ".nl")).isEqualTo("NOTFOUND ");
            assertThat(lookup(s, "*")).isEqualTo("NOTFOUND ");
        }
    }

    @Test
    void requests_may_arrive_pipelined_and_a_byte_at_a_time() throws Exception {
        try (Socket s = connect(Gateway.settings())) {
            send(s, netstring("transport a@samenveilig.nl") + netstring("transport a@bjzutrecht.nl"));
            assertThat(readNetstring(s.getInputStream())).isEqualTo("NOTFOUND ");
            assertThat(readNetstring(s.getInputStream())).startsWith("OK error:5.7.1");
            for (byte b : netstring("transport x@bjzutrecht.nl").getBytes(StandardCharsets.US_ASCII)) {
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                Thread.sleep(1);
            }
            assertThat(readNetstring(s.getInputStream())).startsWith("OK error:5.7.1");
        }
    }

    @Test
    void an_unknown_map_name_is_a_permanent_error_and_the_connection_goes_on() throws IOException {
        try (Socket s = connect(Gateway.settings())) {
            send(s, netstring("virtual staff@bjzutrecht.nl"));
            assertThat(readNetstring(s.getInputStream())).startsWith("PERM unknown map name");
            assertThat(lookup(s, "bjzutrecht.nl")).startsWith("OK error:");
        }
    }

    @Test
    void bytes_that_are_not_a_netstring_get_perm_and_the_connection_is_closed() throws IOException {
        try (Socket s = connect(Gateway.settings())) {
            send(s, "transport bjzutrecht.nl\n");
            assertThat(readNetstring(s.getInputStream())).isEqualTo("PERM malformed request");
            assertThat(readNetstring(s.getInputStream())).isNull();
        }
        try (Socket s = new Socket("127.0.0.1", service.socketmapPort())) {
            send(s, "5:transport x,");
            assertThat(readNetstring(s.getInputStream())).as("payload longer than its length, no comma where due")
                    .isEqualTo("PERM malformed request");
        }
        assertThat(registry.get("lapsewatch.policy.failures").tag("listener", "socketmap").tag("kind", "malformed")
                .counter().count()).isEqualTo(2);
    }

    @Test
    void an_oversized_netstring_is_refused_without_reading_it() throws IOException {
        try (Socket s = connect(Gateway.settings())) {
            send(s, "999999999:transport ");
            assertThat(readNetstring(s.getInputStream())).isEqualTo("PERM malformed request");
            assertThat(readNetstring(s.getInputStream())).isNull();
        }
        try (Socket s = new Socket("127.0.0.1", service.socketmapPort())) {
            send(s, netstring("transport " + "a".repeat(9000) + "@bjzutrecht.nl"));
            assertThat(readNetstring(s.getInputStream())).isEqualTo("PERM malformed request");
        }
        assertThat(registry.get("lapsewatch.policy.failures").tag("listener", "socketmap").tag("kind", "oversized")
                .counter().count()).isEqualTo(2);
    }

    @Test
    void a_client_that_disconnects_mid_netstring_is_counted_and_others_go_on() throws IOException, InterruptedException {
        try (Socket s = connect(Gateway.settings())) {
            try (Socket quitter = new Socket("127.0.0.1", service.socketmapPort())) {
                send(quitter, "30:transport sta");
            }
            assertThat(lookup(s, "bjzutrecht.nl")).startsWith("OK error:");
            PolicyProtocolTest.waitFor(() -> registry.get("lapsewatch.policy.failures").tag("listener", "socketmap")
                    .tag("kind", "disconnected").counter().count() == 1);
        }
    }

    @Test
    void internal_errors_follow_the_fail_mode() throws IOException {
        Supplier<VerdictTable> broken = () -> {
            throw new IllegalStateException("broken on purpose");
        };
        try (Socket s = connect(Gateway.settings().withBehaviour("closed", false), broken)) {
            assertThat(lookup(s, "bjzutrecht.nl")).isEqualTo("TEMP Lapsewatch cannot decide");
        }
        service.close();
        try (Socket s = connect(Gateway.settings().withBehaviour("open", false), broken)) {
            assertThat(lookup(s, "bjzutrecht.nl")).isEqualTo("NOTFOUND ");
        }
    }

    @Test
    void dry_run_answers_not_found() throws IOException {
        try (Socket s = connect(Gateway.settings().withBehaviour("open", true))) {
            assertThat(lookup(s, "staff@bjzutrecht.nl")).isEqualTo("NOTFOUND ");
        }
        assertThat(registry.get("lapsewatch.policy.dry.run").tag("listener", "socketmap").tag("action", "reject")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void the_transport_export_holds_the_same_answers_for_postmap() throws IOException {
        var out = new java.io.StringWriter();
        int blocked = TransportExport.write(Gateway.table(Gateway.settings()), out);
        assertThat(blocked).isEqualTo(4);
        assertThat(out.toString().lines()).contains(
                "bjzutrecht.nl error:5.7.1 Lapsewatch: bjzutrecht.nl is no longer ours (registered by someone else)",
                ".bjzutrecht.nl error:5.7.1 Lapsewatch: bjzutrecht.nl is no longer ours (registered by someone else)",
                "jeugdzorg-oud.nl retry:4.7.1 Lapsewatch: jeugdzorg-oud.nl is no longer ours (registration in quarantine)")
                .noneMatch(l -> l.contains("stillours.nl"));
    }
}
