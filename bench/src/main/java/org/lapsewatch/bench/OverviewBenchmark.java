package org.lapsewatch.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.DatabaseSettings;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.health.HealthCheck;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.web.WebServer;
import org.lapsewatch.web.WebServices;
import org.lapsewatch.web.auth.PasswordHasher;
import org.lapsewatch.web.auth.Role;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The overview page with N inventory domains (default 100,000) on H2 or PostgreSQL: seeds the
 * inventory, one status row per domain and a few thousand findings, logs in over HTTP and
 * requests {@code /} repeatedly, printing p50, p95 and max latency. Goal: p95 ≤ 200 ms.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lapsewatch.bench.OverviewBenchmark h2|postgres [domains] [requests]</pre>
 */
public final class OverviewBenchmark {
    private OverviewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String kind = args.length > 0 ? args[0] : "h2";
        int domains = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 300;
        String schema = null;
        String url;
        if (kind.equals("postgres")) {
            url = System.getProperty("postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            schema = "bench_" + System.nanoTime();
        } else {
            url = "jdbc:h2:file:" + Files.createTempDirectory("lw-bench").resolve("db") + ";" + DatabaseSettings.H2_MODE;
        }
        try (Database db = Database.open(url, null, null, 8, schema)) {
            Instant now = Instant.now();
            LapsewatchConfig config = new ConfigLoader(k -> null).parse("{}", "benchmark");
            WebServices services = WebServices.over(db, config, Clock.systemUTC(), FindingListener.NONE,
                    new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
            long seedStart = System.nanoTime();
            seed(db, services, domains, now);
            System.out.printf("seeded %,d domains on %s in %.1f s%n", domains, kind, (System.nanoTime() - seedStart) / 1e9);
            services.users().add("bench", new PasswordHasher().hash("benchmark-password".toCharArray()), Role.VIEWER, now);
            try (WebServer server = WebServer.start(config.web().withPort(0), services, new HealthCheck(db.dataSource(), List.of()))) {
                HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                        .followRedirects(HttpClient.Redirect.NEVER).build();
                logIn(http, server.uri());
                HttpRequest overview = HttpRequest.newBuilder(server.uri()).GET().build();
                for (int i = 0; i < 30; i++) {
                    check(http.send(overview, HttpResponse.BodyHandlers.ofString()));
                }
                long[] nanos = new long[requests];
                for (int i = 0; i < requests; i++) {
                    long t = System.nanoTime();
                    check(http.send(overview, HttpResponse.BodyHandlers.ofString()));
                    nanos[i] = System.nanoTime() - t;
                }
                Arrays.sort(nanos);
                System.out.printf("overview with %,d domains on %s: p50 %.1f ms, p95 %.1f ms, max %.1f ms over %d requests (goal p95 <= 200 ms)%n",
                        domains, kind, nanos[requests / 2] / 1e6, nanos[(int) (requests * 0.95)] / 1e6, nanos[requests - 1] / 1e6, requests);
            }
            if (schema != null) {
                String s = schema;
                db.jdbi().useHandle(h -> h.execute("drop schema " + s + " cascade"));
            }
        }
    }

    private static void seed(Database db, WebServices s, int domains, Instant now) {
        Random random = new Random(42);
        Lifecycle[] lifecycles = {Lifecycle.ACTIVE, Lifecycle.ACTIVE, Lifecycle.RETIRED, Lifecycle.DEFENSIVE, Lifecycle.DECOMMISSIONED};
        List<InventoryEntry> entries = new ArrayList<>(domains);
        for (int i = 0; i < domains; i++) {
            entries.add(new InventoryEntry(DomainName.parse("domain" + i + (i % 3 == 0 ? ".nl" : ".com")), lifecycles[i % lifecycles.length],
                    null, "owner" + (i % 50) + "@example.org", null, List.of("t" + (i % 7)), null, null, null, List.of()));
        }
        s.inventory().importAll(entries);
        // statuses in one batch: what the watch writes one check at a time
        db.jdbi().useTransaction(h -> {
            var batch = h.prepareBatch("insert into domain_status (domain, state, expires, releases, point_of_no_return, explanation,"
                    + " checked_at) values (:domain, 'registered', :expires, null, :ponr, :explanation, :at)");
            for (int i = 0; i < domains; i++) {
                boolean known = i % 3 != 0;
                Instant ponr = now.plus(Duration.ofHours(1 + random.nextInt(24 * 400)));
                batch.bind("domain", entries.get(i).name().ascii())
                        .bind("expires", known ? ponr.minus(Duration.ofDays(80)).atOffset(java.time.ZoneOffset.UTC) : null)
                        .bind("ponr", known ? ponr.atOffset(java.time.ZoneOffset.UTC) : null)
                        .bind("explanation", known ? "expiry + grace + redemption + pending delete" : "the .nl registry publishes no expiry date")
                        .bind("at", now.atOffset(java.time.ZoneOffset.UTC)).add();
            }
            batch.execute();
        });
        int findings = Math.min(domains, 5_000);
        for (int i = 0; i < findings; i++) {
            DomainName name = entries.get(i * (domains / findings)).name();
            Severity severity = Severity.values()[i % Severity.values().length];
            s.findings().reconcile(name, Set.of("registration.expiring"), List.of(new Finding("registration.expiring", name, severity,
                    Finding.Confidence.HIGH, name.ascii() + " expires soon", List.of(name.ascii()), List.of())), Set.of(), null, now);
        }
    }

    private static void logIn(HttpClient http, URI base) throws Exception {
        String form = http.send(HttpRequest.newBuilder(base.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(form);
        if (!m.find()) {
            throw new IllegalStateException("no login form");
        }
        String body = "_csrf=" + m.group(1) + "&username=bench&password=benchmark-password&next=/";
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 302) {
            throw new IllegalStateException("login failed: " + r.statusCode());
        }
    }

    private static void check(HttpResponse<String> r) {
        if (r.statusCode() != 200 || !r.body().contains("deadlines")) {
            throw new IllegalStateException("overview answered " + r.statusCode());
        }
    }
}
