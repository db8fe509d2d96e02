package org.lapsewatch.sim;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;

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
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * The simulated port-43 service (RFC 3912): reads one query line, answers in the style of the
 * queried TLD's registry, closes. One server answers for every TLD in the scenario that has
 * WHOIS.
 */
final class WhoisServer implements AutoCloseable {
    private final ServerSocket server;
    private final Supplier<World> world;
    private final Faults faults;
    private final CountDownLatch closed;

    WhoisServer(Supplier<World> world, Faults faults, CountDownLatch closed) throws IOException {
        this.world = world;
        this.faults = faults;
        this.closed = closed;
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
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
            byte[] answer = answer(query).getBytes(StandardCharsets.UTF_8);
            if (fault.isPresent()) {
                switch (fault.get()) {
                    case Fault.Latency latency -> sleep(latency.delay().toMillis());
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

    private String answer(String query) {
        String ascii;
        try {
            ascii = DomainName.toAscii(query);
        } catch (InvalidDomainException e) {
            return "% Invalid query: " + e.getMessage() + "\n";
        }
        World now = world.get();
        String tld = ascii.substring(ascii.lastIndexOf('.') + 1);
        Registry registry = now.scenario().registries().get(tld);
        if (registry == null || registry.whois() == Registry.WhoisStyle.NONE) {
            return "% This server has no WHOIS data for ." + tld + "\n";
        }
        String domain = Names.domainUnderTld(Names.absolute(ascii));
        if (domain == null) {
            return "% Query a domain name, e.g. example." + tld + "\n";
        }
        return WhoisText.answer(registry, domain, now);
    }

    private byte[] throttled(String query, int retryAfterSeconds) {
        String tld = query.substring(query.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
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
