package org.lapsewatch.policy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listener's connection threads, scheduled by its read loops (one, or two) and by the JDK's
 * scheduler (0 loops scheduling: the fallback where java.lang is not open), on a line protocol:
 * each line in gets {@code ok LINE} back.
 */
@ParameterizedClass(name = "scheduling loops: {0}")
@ValueSource(ints = {0, 1, 2})
class TcpListenerTest {
    @Parameter
    int schedulingLoops;

    private final Set<Thread> handlerThreads = ConcurrentHashMap.newKeySet();
    private final Set<String> carriers = ConcurrentHashMap.newKeySet();
    private TcpListener listener;

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
    }

    private int start() throws IOException {
        listener = new TcpListener("test", "127.0.0.1", 0, 10_000, Duration.ofMinutes(1), connection -> {
            handlerThreads.add(Thread.currentThread());
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.in(), StandardCharsets.US_ASCII));
            OutputStream out = connection.out();
            String line;
            while ((line = in.readLine()) != null) {
                // a mounted virtual thread names its carrier after the '@'
                String self = Thread.currentThread().toString();
                carriers.add(self.substring(self.indexOf('@') + 1));
                out.write(("ok " + line + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }, new PolicyMetrics(new SimpleMeterRegistry()).listener("test"), schedulingLoops);
        return listener.port();
    }

    @Test
    void each_connection_is_served_on_its_own_virtual_thread_run_where_the_listener_says() throws Exception {
        int port = start();
        for (int i = 0; i < 4; i++) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                assertThat(exchange(s, "hello " + i)).isEqualTo("ok hello " + i);
            }
        }
        PolicyProtocolTest.waitFor(() -> handlerThreads.size() == 4);
        assertThat(handlerThreads).allMatch(Thread::isVirtual);
        assertThat(carriers).isNotEmpty();
        if (schedulingLoops == 0) {
            assertThat(listener.scheduling()).isEqualTo("on the JDK's scheduler");
            assertThat(carriers).allMatch(c -> c.startsWith("ForkJoinPool"));
        } else {
            assertThat(listener.scheduling()).isEqualTo("on " + schedulingLoops + " read loop" + (schedulingLoops == 1 ? "" : "s"));
            List<String> loops = new ArrayList<>();
            for (int i = 0; i < schedulingLoops; i++) {
                loops.add("lapsewatch-test-read-" + i);
            }
            // connections go to the loops in turn, so four of them use every loop
            assertThat(carriers).containsExactlyInAnyOrderElementsOf(loops);
        }
    }

    @Test
    @Timeout(30)
    void a_peer_that_sends_nothing_or_reads_nothing_holds_up_only_its_own_connection() throws Exception {
        int port = start();
        try (Socket silent = new Socket("127.0.0.1", port); Socket flooding = new Socket("127.0.0.1", port)) {
            assertThat(exchange(silent, "first")).isEqualTo("ok first"); // its thread now waits for its next line
            // lines without reading a reply, until the replies fill both sockets' buffers, its thread
            // must wait to write, the server stops reading it, and this writer blocks in turn
            AtomicLong written = new AtomicLong();
            Thread flooder = Thread.ofVirtual().start(() -> {
                byte[] lines = "x\n".repeat(4096).getBytes(StandardCharsets.US_ASCII);
                try {
                    OutputStream flood = flooding.getOutputStream();
                    while (true) {
                        flood.write(lines);
                        written.addAndGet(lines.length);
                    }
                } catch (IOException closedAtTheEnd) {
                    // the socket closed when the test ends
                }
            });
            long seen;
            do {
                seen = written.get();
                Thread.sleep(300);
            } while (written.get() != seen || seen == 0);
            assertThat(flooder.isAlive()).as("the flooding peer is blocked").isTrue();
            for (int i = 0; i < 20; i++) {
                try (Socket other = new Socket("127.0.0.1", port)) {
                    assertThat(exchange(other, "other " + i)).isEqualTo("ok other " + i);
                }
            }
            assertThat(exchange(silent, "second")).isEqualTo("ok second");
        }
    }

    @Test
    @Timeout(60)
    void hundreds_of_connections_at_once_each_get_their_own_replies_in_order() throws Exception {
        int port = start();
        ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor();
        List<Future<Boolean>> results = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            int client = c;
            results.add(clients.submit(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    for (int r = 0; r < 50; r++) {
                        String line = "client " + client + " request " + r;
                        if (!exchange(s, line).equals("ok " + line)) {
                            return false;
                        }
                    }
                    return true;
                }
            }));
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get(50, TimeUnit.SECONDS)).isTrue();
        }
        clients.close();
    }

    @Test
    @Timeout(30)
    void closing_the_listener_ends_every_connection_and_its_thread() throws Exception {
        int port = start();
        List<Socket> peers = new ArrayList<>();
        try {
            for (int i = 0; i < 10; i++) {
                Socket s = new Socket("127.0.0.1", port);
                peers.add(s);
                assertThat(exchange(s, "hi")).isEqualTo("ok hi");
            }
            listener.close();
            for (Thread t : handlerThreads) {
                assertThat(t.join(Duration.ofSeconds(10))).as(t + " ended").isTrue();
            }
            assertThat(handlerThreads).hasSize(10);
            for (Socket s : peers) {
                s.setSoTimeout(10_000);
                assertThat(s.getInputStream().read()).as("end of stream").isEqualTo(-1);
            }
        } finally {
            for (Socket s : peers) {
                s.close();
            }
        }
    }

    private static String exchange(Socket s, String line) throws IOException {
        s.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        StringBuilder reply = new StringBuilder();
        int b;
        while ((b = s.getInputStream().read()) != '\n') {
            if (b < 0) {
                throw new IOException("connection closed after " + reply);
            }
            reply.append((char) b);
        }
        return reply.toString();
    }
}
