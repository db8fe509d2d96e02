package org.lapsewatch.sim;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Real clients for the simulated servers: JDK HttpClient, a port-43 socket, dnsjava. */
final class Clients {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Clients() {
    }

    static HttpResponse<String> get(URI uri) {
        return get(uri, Duration.ofSeconds(10));
    }

    static HttpResponse<String> get(URI uri, Duration timeout) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> getBytes(URI uri) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static String whois(InetSocketAddress server, String query) {
        return new String(whoisBytes(server, query, 10_000), StandardCharsets.UTF_8);
    }

    static byte[] whoisBytes(InetSocketAddress server, String query, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(server, 5_000);
            socket.setSoTimeout(timeoutMillis);
            socket.getOutputStream().write((query + "\r\n").getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return socket.getInputStream().readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static SimpleResolver resolver(InetSocketAddress server) {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(Duration.ofSeconds(5));
        return resolver;
    }

    static Message query(InetSocketAddress server, String name, int type) throws IOException {
        return resolver(server).send(question(name, type));
    }

    static Message question(String name, int type) {
        return Message.newQuery(Record.newRecord(Name.fromConstantString(name.endsWith(".") ? name : name + "."), type, DClass.IN));
    }

    /** The scenario in {@code src/test/resources/org/lapsewatch/sim/NAME.yml}. */
    static Scenario testScenario(String name) {
        try {
            return Scenario.load(java.nio.file.Path.of(Clients.class.getResource(name + ".yml").toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
