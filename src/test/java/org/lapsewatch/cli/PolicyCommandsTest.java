package org.lapsewatch.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code policy verdicts}, {@code policy export-transport} and {@code policy-server} as a user runs them. */
class PolicyCommandsTest {
    @TempDir
    Path home;
    Path config;

    @BeforeEach
    void inventory() throws IOException {
        config = home.resolve("lapsewatch.yml");
        Files.writeString(config, "home: " + home.resolve("data") + "\npolicy:\n  port: 0\n  socketmapPort: 0\n  statusPort: 0\n");
        assertThat(run("domains", "add", "bjzutrecht.nl", "--lifecycle", "decommissioned", "--config", config.toString()).status)
                .isZero();
        assertThat(run("domains", "add", "stillours.nl", "--lifecycle", "retired", "--config", config.toString()).status)
                .isZero();
        assertThat(run("domains", "add", "samenveilig.nl", "--config", config.toString()).status).isZero();
    }

    @Test
    void verdicts_lists_the_non_allow_verdicts_as_json() {
        Result r = run("policy", "verdicts", "--json", "--config", config.toString());
        assertThat(r.status).isZero();
        assertThat(r.out).contains("\"domain\" : \"bjzutrecht.nl\"", "\"action\" : \"reject\"", "\"domain\" : \"stillours.nl\"",
                "\"action\" : \"warn\"").doesNotContain("samenveilig.nl");
    }

    @Test
    void export_transport_writes_a_postmap_file() throws IOException {
        Path file = home.resolve("transport");
        Result r = run("policy", "export-transport", file.toString(), "--config", config.toString());
        assertThat(r.status).isZero();
        assertThat(r.err).contains("wrote 1 blocked domains");
        assertThat(Files.readAllLines(file)).contains(
                "bjzutrecht.nl error:5.7.1 Lapsewatch: bjzutrecht.nl is no longer a trusted destination (decommissioned, no longer ours)",
                ".bjzutrecht.nl error:5.7.1 Lapsewatch: bjzutrecht.nl is no longer a trusted destination (decommissioned, no longer ours)");
    }

    @Test
    void policy_server_refuses_a_bad_fail_mode_with_exit_2() {
        Result r = run("policy-server", "--fail-mode", "ajar", "--config", config.toString());
        assertThat(r.status).isEqualTo(2);
        assertThat(r.err).contains("--fail-mode must be open or closed");
    }

    @Test
    @Timeout(60)
    void policy_server_answers_from_the_database_and_stops_on_sigterm() throws Exception {
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // what the jar's manifest does for java -jar and the launcher
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "org.lapsewatch.cli.Main",
                "policy-server", "--config", config.toString(), "--fail-mode", "closed").start();
        try {
            BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(), StandardCharsets.UTF_8));
            Pattern ready = Pattern.compile("policy-server: policy on 127\\.0\\.0\\.1:(\\d+), socketmap on 127\\.0\\.0\\.1:(\\d+), 2 domains"
                    + " with a verdict; /metrics and /health on (http://127\\.0\\.0\\.1:\\d+/)");
            List<String> seen = new ArrayList<>();
            Matcher m = null;
            String line;
            while ((line = err.readLine()) != null) {
                seen.add(line);
                m = ready.matcher(line);
                if (m.find()) {
                    break;
                }
            }
            assertThat(line).as("startup line in " + seen).isNotNull();
            assertThat(seen).as("start-up log").anyMatch(l -> l.matches(".*connection threads run on \\d+ read loops?$"));
            int port = Integer.parseInt(m.group(1));
            try (Socket s = new Socket("127.0.0.1", port)) {
                OutputStream out = s.getOutputStream();
                out.write("request=smtpd_access_policy\nprotocol_state=RCPT\nrecipient=staff@bjzutrecht.nl\n\n"
                        .getBytes(StandardCharsets.US_ASCII));
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).startsWith("action=REJECT 5.7.1 Lapsewatch: bjzutrecht.nl");
            }
            URI status = URI.create(m.group(3));
            HttpClient http = HttpClient.newHttpClient();
            var metrics = http.send(HttpRequest.newBuilder(status.resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("lapsewatch_policy_decisions_total{action=\"reject\",listener=\"policy\"} 1.0",
                    "lapsewatch_policy_verdicts 2.0");
            var health = http.send(HttpRequest.newBuilder(status.resolve("/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("ok");
            assertThat(http.send(HttpRequest.newBuilder(status.resolve("/health")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);
            assertThat(http.send(HttpRequest.newBuilder(status.resolve("/inventory")).build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(404);
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
            assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
            assertThatThrownBy(() -> new Socket("127.0.0.1", status.getPort()).close()).isInstanceOf(ConnectException.class);
        } finally {
            server.destroyForcibly();
        }
    }

    private static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(status, out.toString(), err.toString());
    }

    private record Result(int status, String out, String err) {
    }
}
