package org.lapsewatch.registration;

import org.lapsewatch.config.WhoisSettings;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The port-43 server for each TLD and the query each server expects: the shipped
 * {@code whois-servers.txt}, with {@code whois.servers} from the configuration replacing
 * entries per TLD. The query template belongs to the server's host name (DENIC wants
 * {@code -T dn,ace NAME}, Verisign {@code domain NAME}), so a registrar's server reached by
 * referral, or any unknown host, is asked with the plain name.
 */
final class WhoisServers {
    private static final int WHOIS_PORT = 43;

    /** Where to connect and what to send. */
    record Server(String host, int port, String queryTemplate) {
        String query(String asciiName) {
            return queryTemplate.formatted(asciiName);
        }
    }

    private final Map<String, String> serverByTld = new HashMap<>();
    private final Map<String, String> templateByHost = new HashMap<>();

    WhoisServers(WhoisSettings settings) {
        readShipped();
        settings.servers().forEach((tld, server) -> serverByTld.put(tld.toLowerCase(Locale.ROOT), server.strip()));
    }

    Optional<Server> forTld(String tld) {
        return Optional.ofNullable(serverByTld.get(tld.toLowerCase(Locale.ROOT))).map(WhoisServers.this::server);
    }

    /** A server named by host (and optional port), e.g. in a referral. */
    Server server(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon > 0 ? hostAndPort.substring(0, colon) : hostAndPort;
        int port = colon > 0 ? Integer.parseInt(hostAndPort.substring(colon + 1)) : WHOIS_PORT;
        host = host.toLowerCase(Locale.ROOT);
        return new Server(host, port, templateByHost.getOrDefault(host, "%s"));
    }

    private void readShipped() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                WhoisServers.class.getResourceAsStream("whois-servers.txt"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] parts = l.split("\\s+", 3);
                serverByTld.put(parts[0], parts[1]);
                if (parts.length == 3) {
                    templateByHost.put(parts[1], parts[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped whois-servers.txt", e);
        }
    }
}
