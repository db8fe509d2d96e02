package org.lapsewatch.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lapsewatch.config.RdapSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which RDAP server answers for a TLD (RFC 9224). Three tables, the first that names the TLD
 * wins: {@code rdap.overrides} from the configuration (where {@code none} means "no RDAP"),
 * the IANA bootstrap file, and the shipped {@code rdap-overrides.json} for registries IANA
 * does not list.
 *
 * <p>The bootstrap file is cached at {@code cacheFile} together with the time it was fetched
 * and its {@code publication} date, and fetched again once it is older than
 * {@code bootstrapMaxAge}. When fetching fails, the stale copy (or, without one, the other two
 * tables) keeps serving, and the fetch is not tried again for an hour.
 */
final class RdapBootstrap {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NONE = "none";
    private static final Duration RETRY_FAILED_FETCH = Duration.ofHours(1);
    private static final int MAX_BOOTSTRAP_BYTES = 16 * 1024 * 1024;

    /** Where to ask about a TLD; a {@code redirector}'s 404 proves nothing. */
    record Service(URI base, boolean redirector) {
    }

    /** The fetched table with its provenance. */
    private record Cached(URI url, Instant fetched, String publication, Map<String, URI> services) {
    }

    private final RdapSettings settings;
    private final Path cacheFile;
    private final Clock clock;
    private final HttpFetch http;
    private final Map<String, URI> shipped;
    private Cached bootstrap;
    private Instant nextAttempt = Instant.MIN;
    private String lastFailure;

    RdapBootstrap(RdapSettings settings, Path cacheFile, Clock clock, HttpFetch http) {
        this.settings = settings;
        this.cacheFile = cacheFile;
        this.clock = clock;
        this.http = http;
        this.shipped = shippedOverrides();
    }

    /** The RDAP server for {@code asciiName}'s TLD, or empty when there is none. */
    Optional<Service> find(String asciiName) throws InterruptedException {
        String tld = asciiName.substring(asciiName.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String configured = settings.overrides().get(tld);
        if (configured != null) {
            return configured.strip().equalsIgnoreCase(NONE) ? Optional.empty() : Optional.of(service(withSlash(configured)));
        }
        URI listed = current().services().get(tld);
        if (listed == null) {
            listed = shipped.get(tld);
        }
        return Optional.ofNullable(listed).map(this::service);
    }

    /** Why the bootstrap file could not be fetched last time, if it could not. */
    synchronized Optional<String> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    private Service service(URI base) {
        String b = base.toString();
        boolean redirector = settings.redirectors().stream().anyMatch(r -> b.startsWith(withSlash(r).toString()));
        return new Service(base, redirector);
    }

    private synchronized Cached current() throws InterruptedException {
        URI url = URI.create(settings.bootstrapUrl());
        Instant now = clock.instant();
        if (bootstrap == null) {
            bootstrap = readCache(url);
        }
        boolean fresh = bootstrap != null && bootstrap.fetched().plus(settings.bootstrapMaxAge()).isAfter(now);
        if (!fresh && !now.isBefore(nextAttempt)) {
            try {
                bootstrap = fetch(url, now);
                lastFailure = null;
                writeCache(bootstrap);
            } catch (HttpFetch.FetchFailure | IOException | RuntimeException e) {
                lastFailure = "RDAP bootstrap " + url + " unavailable: " + e.getMessage();
                nextAttempt = now.plus(RETRY_FAILED_FETCH);
            }
        }
        return bootstrap != null ? bootstrap : new Cached(url, Instant.EPOCH, null, Map.of());
    }

    private Cached fetch(URI url, Instant now) throws HttpFetch.FetchFailure, InterruptedException, IOException {
        HttpFetch.Answer answer = http.get(url, "application/json", settings.timeout(), MAX_BOOTSTRAP_BYTES);
        if (answer.status() != 200) {
            throw new IOException("HTTP " + answer.status());
        }
        JsonNode root = JSON.readTree(answer.body());
        return new Cached(url, now, root.path("publication").asText(null), services(root, url.toString()));
    }

    private Cached readCache(URI url) {
        if (cacheFile == null || !Files.isRegularFile(cacheFile)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(cacheFile.toFile());
            if (!url.toString().equals(root.path("url").asText())) {
                return null; // cached from another bootstrap URL: fetch ours
            }
            JsonNode file = root.path("bootstrap");
            return new Cached(url, Instant.parse(root.path("fetched").asText()), file.path("publication").asText(null),
                    services(file, cacheFile.toString()));
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache is fetched again
        }
    }

    private void writeCache(Cached fetched) throws IOException {
        if (cacheFile == null) {
            return;
        }
        ObjectNode root = JSON.createObjectNode();
        root.put("url", fetched.url().toString());
        root.put("fetched", fetched.fetched().toString());
        ObjectNode file = root.putObject("bootstrap");
        file.put("publication", fetched.publication());
        var services = file.putArray("services");
        Map<URI, java.util.List<String>> byBase = new java.util.TreeMap<>();
        fetched.services().forEach((tld, base) -> byBase.computeIfAbsent(base, b -> new java.util.ArrayList<>()).add(tld));
        byBase.forEach((base, tlds) -> {
            var entry = services.addArray();
            var names = entry.addArray();
            tlds.stream().sorted().forEach(names::add);
            entry.addArray().add(base.toString());
        });
        Files.createDirectories(cacheFile.toAbsolutePath().getParent());
        Path tmp = cacheFile.resolveSibling(cacheFile.getFileName() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), root);
        Files.move(tmp, cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** TLD → base URL from an RFC 9224 file; of several URLs an https one is preferred. */
    static Map<String, URI> services(JsonNode root, String origin) {
        JsonNode services = root.path("services");
        if (!services.isArray()) {
            throw new IllegalArgumentException(origin + ": no \"services\" array, not an RFC 9224 bootstrap file");
        }
        Map<String, URI> byTld = new HashMap<>();
        for (JsonNode service : services) {
            URI chosen = null;
            for (JsonNode url : service.path(1)) {
                URI candidate = withSlash(url.asText());
                if (chosen == null || "https".equals(candidate.getScheme()) && !"https".equals(chosen.getScheme())) {
                    chosen = candidate;
                }
            }
            if (chosen == null) {
                continue;
            }
            for (JsonNode tld : service.path(0)) {
                byTld.put(tld.asText().toLowerCase(Locale.ROOT), chosen);
            }
        }
        return byTld;
    }

    private static Map<String, URI> shippedOverrides() {
        try (InputStream in = RdapBootstrap.class.getResourceAsStream("rdap-overrides.json")) {
            return services(JSON.readTree(in), "rdap-overrides.json");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped rdap-overrides.json", e);
        }
    }

    private static URI withSlash(String url) {
        String u = url.strip();
        return URI.create(u.endsWith("/") ? u : u + "/");
    }
}
