package org.lapsewatch.policy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lapsewatch.config.PolicySettings;

import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP access policy delegation protocol over raw sockets, as Postfix speaks it and as it goes wrong. */
class PolicyProtocolTest {
    private static final String DEFER_CLOSED =
            "DEFER_IF_PERMIT 4.7.1 Lapsewatch policy service cannot decide; try again later";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private PolicyService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    private int start(PolicySettings settings, Supplier<VerdictTable> tables) throws IOException {
        service = PolicyService.serving(tables, settings, registry);
        return service.policyPort();
    }

    private int start(PolicySettings settings) throws IOException {
        VerdictTable table = Gateway.table(settings);
        return start(settings, () -> table);
    }

    private double count(String name, String tagKey, String tagValue) {
        var counter = registry.find(name).tag("listener", "policy").tag(tagKey, tagValue).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void every_verdict_gets_its_postfix_action_naming_the_domain_and_why() throws IOException {
        int port = start(Gateway.settings());
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("app@samenveilig.nl", "staff@mail.bjzutrecht.nl")))
                    .isEqualTo("REJECT 5.7.1 Lapsewatch: bjzutrecht.nl is no longer ours (registered by someone else)");
            assertThat(c.ask(PolicyClient.rcpt("app@samenveilig.nl", "staff@jeugdzorg-oud.nl")))
                    .isEqualTo("DEFER_IF_PERMIT 4.7.1 Lapsewatch: jeugdzorg-oud.nl is no longer ours (registration in quarantine)");
            assertThat(c.ask(PolicyClient.rcpt("app@samenveilig.nl", "staff@pendingdelete.example")))
                    .isEqualTo("HOLD Lapsewatch: pendingdelete.example is no longer ours (registration pending delete)");
            assertThat(c.ask(PolicyClient.rcpt("app@samenveilig.nl", "staff@stillours.nl")))
                    .isEqualTo("WARN Lapsewatch: stillours.nl is no longer ours (retired since 2015-01-01)");
            assertThat(c.ask(PolicyClient.rcpt("app@samenveilig.nl", "staff@samenveilig.nl"))).isEqualTo("DUNNO");
            assertThat(c.ask(PolicyClient.rcpt("", "someone@example.org"))).isEqualTo("DUNNO");
        }
        assertThat(count("lapsewatch.policy.decisions", "action", "reject")).isEqualTo(1);
        assertThat(count("lapsewatch.policy.decisions", "action", "defer")).isEqualTo(1);
        assertThat(count("lapsewatch.policy.decisions", "action", "hold")).isEqualTo(1);
        assertThat(count("lapsewatch.policy.decisions", "action", "warn")).isEqualTo(1);
        assertThat(count("lapsewatch.policy.decisions", "action", "allow")).isEqualTo(2);
    }

    @Test
    void only_the_rcpt_state_is_decided() throws IOException {
        int port = start(Gateway.settings());
        try (PolicyClient c = new PolicyClient(port)) {
            for (String state : List.of("CONNECT", "EHLO", "MAIL", "DATA", "END-OF-MESSAGE", "VRFY", "ETRN")) {
                assertThat(c.ask(PolicyClient.request(state, "app@samenveilig.nl", "staff@bjzutrecht.nl")))
                        .as(state).isEqualTo("DUNNO");
            }
        }
        assertThat(count("lapsewatch.policy.decisions", "action", "skipped")).isEqualTo(7);
    }

    @Test
    void sender_exceptions_let_the_named_sender_through() throws IOException {
        PolicySettings s = new PolicySettings("127.0.0.1", 0, 0, true, "open", false, null, null, null, null, null,
                null, null, null, java.util.Map.of("archive@samenveilig.nl", List.of("bjzutrecht.nl")), null, null, null, null);
        int port = start(s);
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("archive@samenveilig.nl", "staff@bjzutrecht.nl"))).isEqualTo("DUNNO");
            assertThat(c.ask(PolicyClient.rcpt("app@samenveilig.nl", "staff@bjzutrecht.nl"))).startsWith("REJECT 5.7.1");
        }
        assertThat(count("lapsewatch.policy.decisions", "action", "exempt")).isEqualTo(1);
    }

    @Test
    void one_connection_carries_many_requests() throws IOException {
        int port = start(Gateway.settings());
        try (PolicyClient c = new PolicyClient(port)) {
            for (int i = 0; i < 2000; i++) {
                String recipient = i % 2 == 0 ? "u" + i + "@bjzutrecht.nl" : "u" + i + "@samenveilig.nl";
                assertThat(c.ask(PolicyClient.rcpt("app@samenveilig.nl", recipient)))
                        .startsWith(i % 2 == 0 ? "REJECT" : "DUNNO");
            }
        }
    }

    @Test
    void pipelined_requests_in_one_write_are_answered_in_order() throws IOException {
        int port = start(Gateway.settings());
        try (PolicyClient c = new PolicyClient(port)) {
            c.send(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl") + PolicyClient.rcpt("a@b.nl", "x@samenveilig.nl")
                    + PolicyClient.rcpt("a@b.nl", "x@stillours.nl"));
            assertThat(c.readAction()).startsWith("REJECT");
            assertThat(c.readAction()).isEqualTo("DUNNO");
            assertThat(c.readAction()).startsWith("WARN");
        }
    }

    @Test
    @Timeout(60)
    void a_burst_of_pipelined_requests_many_reads_long_is_answered_in_order() throws Exception {
        int port = start(Gateway.settings());
        int n = 1000;
        StringBuilder burst = new StringBuilder();
        for (int i = 0; i < n; i++) {
            burst.append(PolicyClient.rcpt("a@b.nl", i % 2 == 0 ? "x" + i + "@bjzutrecht.nl" : "x" + i + "@samenveilig.nl"));
        }
        // the server reads ReadLoop.CHUNK bytes at a time, and stops reading this connection while its
        // thread is still answering the last chunk: a resume that never comes hangs this test
        assertThat(burst.length()).isGreaterThan(50 * ReadLoop.CHUNK);
        try (PolicyClient c = new PolicyClient(port); ExecutorService writer = Executors.newSingleThreadExecutor()) {
            Future<?> sent = writer.submit(() -> {
                c.send(burst.toString());
                return null;
            });
            for (int i = 0; i < n; i++) {
                assertThat(c.readAction()).as("reply %d", i).startsWith(i % 2 == 0 ? "REJECT" : "DUNNO");
            }
            sent.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(120)
    void a_client_that_stops_reading_its_replies_holds_up_only_itself() throws Exception {
        int port = start(Gateway.settings());
        byte[] request = PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int n = 100_000; // about 60 MB of requests and 10 MB of rejections: more than the sockets' buffers hold
        try (PolicyClient stuck = new PolicyClient(port); PolicyClient other = new PolicyClient(port);
             ExecutorService writer = Executors.newSingleThreadExecutor()) {
            Future<?> sent = writer.submit(() -> {
                for (int i = 0; i < n; i++) {
                    stuck.socket.getOutputStream().write(request);
                }
                return null;
            });
            // the server's replies fill the buffers, its write waits, it stops reading, and so the client's writes block
            Thread.sleep(2000);
            assertThat(sent.isDone()).as("the client's writes are blocked").isFalse();
            for (int i = 0; i < 20; i++) {
                assertThat(other.ask(PolicyClient.rcpt("a@b.nl", "x@samenveilig.nl"))).isEqualTo("DUNNO");
            }
            for (int i = 0; i < n; i++) {
                assertThat(stuck.readAction()).as("reply %d", i).startsWith("REJECT 5.7.1");
            }
            sent.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_line_without_equals_sign_gets_the_fail_mode_and_the_connection_resyncs() throws IOException {
        int port = start(withFailMode("closed"));
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask("request=smtpd_access_policy\nthis line is broken\nprotocol_state=RCPT\n"
                    + "recipient=x@samenveilig.nl\n\n")).isEqualTo(DEFER_CLOSED);
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).startsWith("REJECT 5.7.1");
            assertThat(c.ask("=novalue\n\n")).isEqualTo(DEFER_CLOSED);
            assertThat(c.ask("\n")).as("an empty request").isEqualTo(DEFER_CLOSED);
            assertThat(c.ask("request=something_else\nprotocol_state=RCPT\nrecipient=x@bjzutrecht.nl\n\n"))
                    .isEqualTo(DEFER_CLOSED);
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@samenveilig.nl"))).isEqualTo("DUNNO");
        }
        assertThat(count("lapsewatch.policy.failures", "kind", "malformed")).isEqualTo(4);
    }

    @Test
    void crlf_line_ends_are_accepted() throws IOException {
        int port = start(Gateway.settings());
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl").replace("\n", "\r\n")))
                    .startsWith("REJECT 5.7.1");
        }
    }

    @Test
    void an_oversized_line_gets_the_fail_mode_and_the_connection_is_closed() throws IOException {
        int port = start(withFailMode("closed"));
        try (PolicyClient c = new PolicyClient(port)) {
            c.send("request=smtpd_access_policy\nsender=" + "a".repeat(10_000) + "@b.nl\n");
            assertThat(c.readAction()).isEqualTo(DEFER_CLOSED);
            assertThat(c.readAction()).as("closed after the reply").isNull();
        }
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).startsWith("REJECT");
        }
        assertThat(count("lapsewatch.policy.failures", "kind", "oversized")).isEqualTo(1);
    }

    @Test
    void an_oversized_request_of_short_lines_is_refused_and_closed() throws IOException {
        int port = start(withFailMode("open"));
        try (PolicyClient c = new PolicyClient(port)) {
            StringBuilder huge = new StringBuilder();
            for (int i = 0; i < 20_000; i++) {
                huge.append("x=").append(i).append('\n');
            }
            Thread.ofVirtual().start(() -> {
                try {
                    c.send(huge.toString());
                } catch (IOException expected) {
                    // the server stops reading after its limit
                }
            });
            assertThat(c.readAction()).isEqualTo("DUNNO");
            assertThat(c.readAction()).isNull();
        }
        assertThat(count("lapsewatch.policy.failures", "kind", "oversized")).isEqualTo(1);
    }

    @Test
    void too_many_attributes_get_the_fail_mode_and_the_connection_goes_on() throws IOException {
        int port = start(withFailMode("closed"));
        try (PolicyClient c = new PolicyClient(port)) {
            StringBuilder many = new StringBuilder("request=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=x@samenveilig.nl\n");
            for (int i = 0; i < 150; i++) {
                many.append("extra").append(i).append("=v\n");
            }
            assertThat(c.ask(many.append('\n').toString())).isEqualTo(DEFER_CLOSED);
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@samenveilig.nl"))).isEqualTo("DUNNO");
        }
    }

    @Test
    @Timeout(30)
    void a_slow_client_sending_a_byte_at_a_time_gets_its_answer() throws Exception {
        int port = start(Gateway.settings());
        try (PolicyClient slow = new PolicyClient(port); PolicyClient fast = new PolicyClient(port)) {
            String request = PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl");
            slow.sendSlowly(request.substring(0, 100), 2);
            assertThat(fast.ask(PolicyClient.rcpt("a@b.nl", "x@stillours.nl"))).startsWith("WARN");
            slow.sendSlowly(request.substring(100), 1);
            assertThat(slow.readAction()).startsWith("REJECT 5.7.1");
        }
    }

    @Test
    void a_client_that_disconnects_mid_request_does_not_disturb_the_others() throws Exception {
        int port = start(Gateway.settings());
        try (PolicyClient other = new PolicyClient(port)) {
            for (int i = 0; i < 20; i++) {
                try (PolicyClient quitter = new PolicyClient(port)) {
                    quitter.send("request=smtpd_access_policy\nprotocol_state=RCPT\nrecipi");
                }
                assertThat(other.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).startsWith("REJECT");
            }
        }
        waitFor(() -> count("lapsewatch.policy.failures", "kind", "disconnected") == 20);
        waitFor(() -> registry.get("lapsewatch.policy.connections").tag("listener", "policy").gauge().value() == 0);
    }

    @Test
    void idle_connections_are_closed_after_the_idle_timeout() throws IOException {
        PolicySettings s = new PolicySettings("127.0.0.1", 0, 0, true, "open", false, null,
                java.time.Duration.ofMillis(300), null, null, null, null, null, null, null, null, null, null, null);
        int port = start(s);
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@b.nl"))).isEqualTo("DUNNO");
            long started = System.nanoTime();
            assertThat(c.readAction()).isNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(200L, 5000L);
        }
    }

    @Test
    void the_idle_timeout_counts_from_the_last_byte_received_not_from_the_start_of_a_request() throws Exception {
        PolicySettings s = new PolicySettings("127.0.0.1", 0, 0, true, "open", false, null,
                java.time.Duration.ofMillis(400), null, null, null, null, null, null, null, null, null, null, null);
        int port = start(s);
        String request = PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl");
        try (PolicyClient trickling = new PolicyClient(port); PolicyClient stalled = new PolicyClient(port)) {
            stalled.send(request.substring(0, 40));
            // 12 pauses of 100 ms: the request takes three idle timeouts, but no gap reaches one
            String slowPart = request.substring(0, 12);
            trickling.sendSlowly(slowPart, 100);
            trickling.send(request.substring(12));
            assertThat(trickling.readAction()).startsWith("REJECT 5.7.1");
            long started = System.nanoTime();
            assertThat(stalled.readAction()).as("half a request, then silence").isNull();
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(5000L);
        }
    }

    @Test
    @Timeout(120)
    void thousands_of_concurrent_connections_are_all_served() throws Exception {
        int port = start(Gateway.settings());
        int n = 2000;
        List<PolicyClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                clients.add(new PolicyClient(port));
            }
            try (PolicyClient other = new PolicyClient(port)) {
                assertThat(other.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).startsWith("REJECT");
            }
            waitFor(() -> registry.get("lapsewatch.policy.connections").tag("listener", "policy").gauge().value() >= n);
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    PolicyClient c = clients.get(i);
                    String recipient = i % 2 == 0 ? "x@bjzutrecht.nl" : "x@samenveilig.nl";
                    answers.add(pool.submit(() -> c.ask(PolicyClient.rcpt("a@b.nl", recipient))));
                }
                for (int i = 0; i < n; i++) {
                    assertThat(answers.get(i).get(60, TimeUnit.SECONDS)).startsWith(i % 2 == 0 ? "REJECT" : "DUNNO");
                }
            }
        } finally {
            for (PolicyClient c : clients) {
                c.close();
            }
        }
    }

    @Test
    void connections_over_the_limit_are_closed_and_counted() throws Exception {
        PolicySettings s = new PolicySettings("127.0.0.1", 0, 0, true, "open", false, null, null, null, null, null,
                2, null, null, null, null, null, null, null);
        int port = start(s);
        try (PolicyClient a = new PolicyClient(port); PolicyClient b = new PolicyClient(port)) {
            assertThat(a.ask(PolicyClient.rcpt("a@b.nl", "x@b.nl"))).isEqualTo("DUNNO");
            assertThat(b.ask(PolicyClient.rcpt("a@b.nl", "x@b.nl"))).isEqualTo("DUNNO");
            try (PolicyClient refused = new PolicyClient(port)) {
                refused.send(PolicyClient.rcpt("a@b.nl", "x@b.nl"));
                assertThat(readOrReset(refused)).isNull();
            }
            assertThat(registry.get("lapsewatch.policy.connections.refused").tag("listener", "policy").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void an_internal_error_answers_dunno_when_failing_open() throws IOException {
        int port = start(withFailMode("open"), failingLookup());
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).isEqualTo("DUNNO");
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).as("connection still usable").isEqualTo("DUNNO");
        }
        assertThat(count("lapsewatch.policy.failures", "kind", "internal")).isEqualTo(2);
    }

    @Test
    void an_internal_error_defers_when_failing_closed() throws IOException {
        int port = start(withFailMode("closed"), failingLookup());
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).isEqualTo(DEFER_CLOSED);
            assertThat(c.ask(PolicyClient.request("MAIL", "a@b.nl", ""))).as("non-RCPT states need no table")
                    .isEqualTo("DUNNO");
        }
        assertThat(count("lapsewatch.policy.failures", "kind", "internal")).isEqualTo(1);
    }

    @Test
    void dry_run_answers_dunno_and_counts_what_it_would_have_done() throws IOException {
        PolicySettings s = Gateway.settings().withBehaviour("open", true);
        int port = start(s);
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).isEqualTo("DUNNO");
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@jeugdzorg-oud.nl"))).isEqualTo("DUNNO");
        }
        assertThat(count("lapsewatch.policy.dry.run", "action", "reject")).isEqualTo(1);
        assertThat(count("lapsewatch.policy.dry.run", "action", "defer")).isEqualTo(1);
        assertThat(count("lapsewatch.policy.decisions", "action", "reject")).isZero();
    }

    @Test
    void a_table_swapped_in_is_used_by_the_next_request_on_the_same_connection() throws IOException {
        var current = new java.util.concurrent.atomic.AtomicReference<>(VerdictTable.empty());
        int port = start(Gateway.settings(), current::get);
        try (PolicyClient c = new PolicyClient(port)) {
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).isEqualTo("DUNNO");
            current.set(Gateway.table(Gateway.settings()));
            assertThat(c.ask(PolicyClient.rcpt("a@b.nl", "x@bjzutrecht.nl"))).startsWith("REJECT");
        }
    }

    private static Supplier<VerdictTable> failingLookup() {
        return () -> {
            throw new IllegalStateException("verdict lookup broken on purpose");
        };
    }

    private static PolicySettings withFailMode(String mode) {
        return Gateway.settings().withBehaviour(mode, false);
    }

    private static String readOrReset(PolicyClient c) throws IOException {
        try {
            return c.readAction();
        } catch (java.net.SocketException reset) {
            return null;
        }
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }
}
