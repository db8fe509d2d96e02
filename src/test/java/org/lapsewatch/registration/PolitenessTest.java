package org.lapsewatch.registration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.WhoisSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Service;
import org.lapsewatch.sim.Simulation;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Rate limits per server host, backoff, and one query per domain at a time. */
class PolitenessTest {
    private Simulation sim;

    @TempDir
    Path home;

    @BeforeEach
    void start() {
        sim = SimRegistries.start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void n_queries_to_one_server_take_at_least_n_minus_one_intervals() {
        FakeTime time = new FakeTime();
        String server = "127.0.0.1:" + sim.whois().getPort();
        WhoisSettings whois = new WhoisSettings(Map.of("test", server), null, Duration.ofSeconds(10), null,
                Map.of("127.0.0.1", 2.0), null, null, null, null, false);
        LapsewatchConfig config = SimRegistries.config(home,
                SimRegistries.rdap(sim, Map.of("test", "none"), List.of(), Duration.ofSeconds(10)), whois);
        RegistrationEngine engine = SimRegistries.engine(config, time, time);
        for (int i = 0; i < 5; i++) {
            assertThat(engine.lookup(DomainName.parse("name" + i + ".test")).state()).isEqualTo(RegistrationState.AVAILABLE);
        }
        assertThat(sim.faults().requests(Service.WHOIS)).isEqualTo(5);
        assertThat(time.slept()).as("5 queries at 2/s").isGreaterThanOrEqualTo(Duration.ofMillis(2000));
        assertThat(time.sleeps).hasSize(4);
    }

    @Test
    void the_default_whois_rate_is_one_query_per_second_in_real_time() {
        String server = "127.0.0.1:" + sim.whois().getPort();
        WhoisSettings whois = new WhoisSettings(Map.of("test", server), null, Duration.ofSeconds(10), null, null);
        LapsewatchConfig config = SimRegistries.config(home,
                SimRegistries.rdap(sim, Map.of("test", "none"), List.of(), Duration.ofSeconds(10)), whois);
        RegistrationEngine engine = SimRegistries.engine(config, Clock.systemUTC(), Sleeper.REAL);
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            engine.lookup(DomainName.parse("real" + i + ".test"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
    }

    @Test
    void a_wait_longer_than_the_query_timeout_is_refused_at_once() throws InterruptedException {
        FakeTime time = new FakeTime();
        ServerGate gate = new ServerGate("whois.example", 0.1, Duration.ofSeconds(1), Duration.ofSeconds(8), time, time, () -> 0.0);
        assertThat(gate.acquire(Duration.ofSeconds(5))).isEmpty();
        assertThat(gate.acquire(Duration.ofSeconds(5))).hasValueSatisfying(reason ->
                assertThat(reason).contains("local rate limit for whois.example"));
        assertThat(time.sleeps).isEmpty();
        assertThat(gate.acquire(Duration.ofSeconds(15))).isEmpty();
        assertThat(time.slept()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void backoff_doubles_per_failure_up_to_its_cap_and_resets_on_success() throws InterruptedException {
        FakeTime time = new FakeTime();
        ServerGate gate = new ServerGate("rdap.example", 1000, Duration.ofSeconds(1), Duration.ofSeconds(8), time, time, () -> 0.999999);
        Duration[] expected = {Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(8)};
        for (Duration pause : expected) {
            gate.failed();
            Duration before = time.slept();
            assertThat(gate.acquire(Duration.ofMinutes(1))).isEmpty();
            assertThat(time.slept().minus(before)).isBetween(pause.minusMillis(1), pause);
        }
        gate.succeeded();
        gate.failed();
        Duration before = time.slept();
        gate.acquire(Duration.ofMinutes(1));
        assertThat(time.slept().minus(before)).isLessThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void concurrent_lookups_of_one_domain_share_one_query() throws Exception {
        LapsewatchConfig config = SimRegistries.config(home, SimRegistries.rdap(sim, Map.of(), List.of(), Duration.ofSeconds(10)),
                SimRegistries.whois(sim, Duration.ofSeconds(10), null, false));
        RegistrationEngine engine = SimRegistries.engine(config, Clock.systemUTC(), Sleeper.REAL);
        sim.faults().rdap(Fault.latency(Duration.ofMillis(600)));
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Registration>> same = List.of(
                    pool.submit(() -> engine.lookup(DomainName.parse("samenveilig.example"))),
                    pool.submit(() -> engine.lookup(DomainName.parse("samenveilig.example"))),
                    pool.submit(() -> engine.lookup(DomainName.parse("samenveilig.example"))));
            for (Future<Registration> f : same) {
                assertThat(f.get().state()).isEqualTo(RegistrationState.REGISTERED);
            }
        }
        assertThat(sim.faults().requests(Service.RDAP)).as("three lookups, one query").isEqualTo(1);
        engine.lookup(DomainName.parse("samenveilig.example"));
        assertThat(sim.faults().requests(Service.RDAP)).as("a later lookup asks again").isEqualTo(2);
    }
}
