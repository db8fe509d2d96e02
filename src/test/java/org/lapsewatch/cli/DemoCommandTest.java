package org.lapsewatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lapsewatch demo}: the simulated Jeugdzorg world behind the inventory page, on a free port. */
class DemoCommandTest {
    private static final Pattern OPEN = Pattern.compile("Open (http://127\\.0\\.0\\.1:\\d+/) in a browser and log in as 'demo' with password (\\S+)");

    @TempDir
    Path home;

    @Test
    void serves_the_scenario_inventory_and_stops_cleanly() throws Exception {
        Path config = Files.writeString(home.resolve("lapsewatch.yml"), "home: " + home.resolve("data") + "\n");
        // Left over from an earlier demo: wiped at start.
        Path leftover = Files.createDirectories(home.resolve("data/demo"));
        Files.writeString(leftover.resolve(".lapsewatch-demo"), "");
        Files.writeString(leftover.resolve("old-file"), "x");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger status = new AtomicInteger(-1);
        Thread demo = new Thread(() -> status.set(Main.run(new PrintWriter(out, true), new PrintWriter(err, true),
                "demo", "--config", config.toString(), "--port", "0")), "demo-under-test");
        demo.start();
        try {
            URI uri = awaitUri(out, err);
            assertThat(out.toString()).contains("Press Ctrl-C to stop.")
                    .contains("samenveilig.example (active), bjzutrecht.example (retired)");
            assertThat(leftover.resolve("old-file")).doesNotExist();

            HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            var login = http.send(HttpRequest.newBuilder(uri.resolve("/login")).build(), HttpResponse.BodyHandlers.ofString());
            var csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"").matcher(login.body());
            assertThat(csrf.find()).isTrue();
            var password = OPEN.matcher(out.toString());
            assertThat(password.find()).isTrue();
            http.send(HttpRequest.newBuilder(uri.resolve("/login")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&username=demo&password="
                            + password.group(2) + "&next=/inventory")).build(), HttpResponse.BodyHandlers.ofString());
            var page = http.send(HttpRequest.newBuilder(uri.resolve("/inventory")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            // Markup-light checks: the dashboard work restyles this page.
            assertThat(page.body())
                    .contains("samenveilig.example")
                    .contains("bjzutrecht.example")
                    .contains("lifecycle-active")
                    .contains("lifecycle-retired")
                    .contains("2015-03-02")
                    .doesNotContain("mailsupplier.example", "stranger-dns.example");
        } finally {
            demo.interrupt();
            demo.join(Duration.ofSeconds(20));
        }
        assertThat(demo.isAlive()).isFalse();
        assertThat(status.get()).as(err.toString()).isZero();
        assertThat(out.toString()).endsWith("Lapsewatch demo stopped.\n");
    }

    @Test
    void a_taken_port_is_a_usage_error_naming_the_port() throws Exception {
        Path config = Files.writeString(home.resolve("lapsewatch.yml"), "home: " + home.resolve("data") + "\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int status = Main.run(new PrintWriter(out), new PrintWriter(err), "demo", "--config", config.toString(),
                    "--port", String.valueOf(taken.getLocalPort()));
            assertThat(status).isEqualTo(Main.EXIT_USAGE);
            assertThat(err.toString()).isEqualTo("lapsewatch: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is in use: set web.port in lapsewatch.yml or pass --port\n");
        }
    }

    @Test
    void refuses_to_wipe_a_directory_it_did_not_make() throws Exception {
        Path config = Files.writeString(home.resolve("lapsewatch.yml"), "home: " + home.resolve("data") + "\n");
        Path precious = Files.createDirectories(home.resolve("data/demo"));
        Files.writeString(precious.resolve("notes.txt"), "mine");
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "demo", "--config",
                config.toString(), "--port", "0");
        assertThat(status).isEqualTo(Main.EXIT_USAGE);
        assertThat(err.toString()).contains("was not made by 'lapsewatch demo'");
        assertThat(precious.resolve("notes.txt")).hasContent("mine");
    }

    private static URI awaitUri(StringWriter out, StringWriter err) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = OPEN.matcher(out.toString());
            if (m.find()) {
                return URI.create(m.group(1));
            }
            if (!err.toString().isEmpty()) {
                throw new AssertionError("demo failed: " + err);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("demo did not start within 60 s; output so far:\n" + out + err);
    }
}
