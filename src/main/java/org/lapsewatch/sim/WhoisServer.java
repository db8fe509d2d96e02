package org.lapsewatch.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * A simulated port-43 service (RFC 3912): reads one query line, answers, closes. The registry
 * server answers for every TLD in the scenario that has WHOIS, in that registry's style; the
 * registrar server is where gTLD answers refer to ({@code Registrar WHOIS Server:}), as in
 * the thin .com model.
 */
final class WhoisServer implements AutoCloseable {
    /** Turns a query into the answer text, given the world at the time of asking. */
    interface Answers {
        String answer(String query, World world);
    }

    private final ServerSocket server;
    private final Supplier<World> world;
    private final Answers answers;
    private final Faults faults;
    private final CountDownLatch closed;

    WhoisServer(InetAddress address, Supplier<World> world, Answers answers, Faults faults, CountDownLatch closed)
            throws IOException {
        this.world = world;
        this.answers = answers;
        this.faults = faults;
        this.closed = closed;
        server = new ServerSocket(0, 50, address);
        Thread.ofVirtual().name("sim-whois-accept").start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread.ofVirtual().start(() -> serve(connection));
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setSoTimeout(10_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            String query = line == null ? "" : line.strip();
            OutputStream out = connection.getOutputStream();
            Optional<Fault.Effect> fault = faults.onRequest(Service.WHOIS, query);
            if (fault.isPresent() && fault.get() instanceof Fault.Latency latency) {
                sleep(latency.delay().toMillis());
            }
            byte[] answer = answers.answer(query, world.get()).getBytes(StandardCharsets.UTF_8);
            if (fault.isPresent()) {
                switch (fault.get()) {
                    case Fault.Latency ignored -> {
                        // already waited: answer normally
                    }
                    case Fault.TooManyRequests tooMany -> answer = throttled(query, tooMany.retryAfterSeconds());
                    case Fault.ServerError ignored -> answer = new byte[0];
                    case Fault.Timeout ignored -> {
                        closed.await();
                        return;
                    }
                    case Fault.Truncated ignored -> answer = Arrays.copyOf(answer, answer.length / 2);
                    case Fault.Garbage ignored -> {
                        answer = new byte[256 + ThreadLocalRandom.current().nextInt(1024)];
                        ThreadLocalRandom.current().nextBytes(answer);
                    }
                    case Fault.Oversized oversized -> {
                        writeOversized(out, answer, oversized.bytes());
                        return;
                    }
                }
            }
            out.write(answer);
            out.flush();
        } catch (IOException e) {
            // a client that went away concerns nobody else
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private byte[] throttled(String query, int retryAfterSeconds) {
        String tld = query.substring(query.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        Registry registry = world.get().scenario().registries().get(tld);
        Registry.WhoisStyle style = registry == null ? Registry.WhoisStyle.GTLD : registry.whois();
        return WhoisText.throttled(style, retryAfterSeconds).getBytes(StandardCharsets.UTF_8);
    }

    /** The normal answer followed by comment lines until about {@code bytes} were sent. */
    private static void writeOversized(OutputStream out, byte[] answer, int bytes) throws IOException {
        out.write(answer);
        byte[] line = ("% " + "x".repeat(1021) + "\n").getBytes(StandardCharsets.US_ASCII);
        for (long written = answer.length; written < bytes; written += line.length) {
            out.write(line);
        }
        out.flush();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
