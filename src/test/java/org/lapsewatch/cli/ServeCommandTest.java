package org.lapsewatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.InventoryRepository;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lapsewatch serve} as a process: it starts, serves, schedules the inventory and stops cleanly on SIGTERM. */
class ServeCommandTest {
    @TempDir
    Path home;

    @Test
    void serves_until_sigterm_then_shuts_down_cleanly() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.builtIn("jeugdzorg"))) {
            Path config = home.resolve("lapsewatch.yml");
            Files.writeString(config, "home: \"" + home.toAbsolutePath() + "\"\nweb: {port: 0}\n" + sim.configSnippet());
            try (Database db = Database.open(ConfigLoader.fromSystemEnvironment().load(config))) {
                new InventoryRepository(db, Clock.systemUTC()).add(InventoryEntry.of(DomainName.parse("bjzutrecht.example"), Lifecycle.RETIRED));
            }
            String java = ProcessHandle.current().info().command().orElse("java");
            Process serve = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                    "org.lapsewatch.cli.Main", "serve", "--no-policy", "--config", config.toString()))
                    .redirectError(home.resolve("serve.err").toFile()).start();
            try {
                var out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertThat(line).as("first line of serve; stderr: %s", Files.readString(home.resolve("serve.err")))
                        .contains("watching the inventory; dashboard at http://");
                var m = Pattern.compile("(http://\\S+)").matcher(line);
                assertThat(m.find()).isTrue();
                var health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(m.group(1)).resolve("/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.body()).isEqualTo("ok");

                serve.destroy(); // SIGTERM
                assertThat(serve.waitFor(40, TimeUnit.SECONDS)).as("serve stops within the shutdown grace").isTrue();
                assertThat(serve.exitValue()).isEqualTo(143);
                assertThat(Files.readString(home.resolve("serve.err"))).doesNotContain("failed", "Exception");
            } finally {
                serve.destroyForcibly();
            }
            try (Database db = Database.open(ConfigLoader.fromSystemEnvironment().load(config))) {
                long tasks = db.jdbi().withHandle(h -> h.createQuery("select count(*) from scheduled_tasks where task_instance = 'bjzutrecht.example'")
                        .mapTo(Long.class).one());
                assertThat(tasks).as("the domain's check is scheduled and survives the restart").isEqualTo(1);
            }
        }
    }
}
