package org.lapsewatch.registration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.config.LapsewatchConfig;
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

import static org.assertj.core.api.Assertions.assertThat;

/** Misbehaving RDAP servers end as unknown or throttled with the reason, and are treated politely. */
class RdapFaultsTest {
    private static final DomainName DOMAIN = DomainName.parse("samenveilig.example");
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

    private LapsewatchConfig config(Duration timeout) {
        return SimRegistries.config(home, SimRegistries.rdap(sim, Map.of(), List.of(), timeout),
                SimRegistries.whois(sim, timeout, null, false));
    }

    @Test
    void a_429_is_throttled_and_the_server_is_not_asked_again_before_retry_after() {
        FakeTime time = new FakeTime();
        RegistrationEngine engine = SimRegistries.engine(config(Duration.ofSeconds(10)), time, time);
        sim.faults().rdap(Fault.tooManyRequests(30).times(1));

        Registration first = engine.lookup(DOMAIN);
        assertThat(first.state()).isEqualTo(RegistrationState.THROTTLED);
        assertThat(first.reason()).contains("429").contains("Retry-After 30");
        assertThat(sim.faults().requests(Service.RDAP)).isEqualTo(1);

        Registration refused = engine.lookup(DOMAIN);
        assertThat(refused.state()).as("30 s exceed the 10 s query budget").isEqualTo(RegistrationState.THROTTLED);
        assertThat(refused.reason()).contains("not asked again before");
        assertThat(sim.faults().requests(Service.RDAP)).as("no request inside Retry-After").isEqualTo(1);

        time.advance(Duration.ofSeconds(25));
        Registration waited = engine.lookup(DOMAIN);
        assertThat(waited.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(time.slept()).as("waited out the rest of Retry-After").isEqualTo(Duration.ofSeconds(5));
        assertThat(sim.faults().requests(Service.RDAP)).isEqualTo(2);
    }

    @Test
    void a_429_on_one_server_does_not_hold_up_another() {
        FakeTime time = new FakeTime();
        RegistrationEngine engine = SimRegistries.engine(config(Duration.ofSeconds(10)), time, time);
        sim.faults().rdap(Fault.tooManyRequests(600).times(1));
        assertThat(engine.lookup(DOMAIN).state()).isEqualTo(RegistrationState.THROTTLED);
        Registration other = engine.lookup(DomainName.parse("hoster.test"));
        assertThat(other.state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(time.slept()).isZero();
    }

    @Test
    void a_5xx_is_unknown_and_the_server_is_backed_off() {
        FakeTime time = new FakeTime();
        RegistrationEngine engine = SimRegistries.engine(config(Duration.ofSeconds(10)), time, time);
        sim.faults().rdap(Fault.serverError(503).times(1));
        Registration r = engine.lookup(DOMAIN);
        assertThat(r.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(r.reason()).contains("HTTP 503");
        assertThat(engine.lookup(DOMAIN).state()).isEqualTo(RegistrationState.REGISTERED);
        assertThat(time.slept()).as("backoff of 2 s with jitter in [0.5, 1)")
                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void a_server_that_never_answers_times_out_as_unknown() {
        RegistrationEngine engine = SimRegistries.engine(config(Duration.ofMillis(800)), Clock.systemUTC(), Sleeper.REAL);
        sim.faults().rdap(Fault.timeout());
        long start = System.nanoTime();
        Registration r = engine.lookup(DOMAIN);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(r.reason()).containsPattern("no (complete )?answer from 127.0.0.1 within \\d+ ms");
    }

    @Test
    void an_oversized_answer_is_abandoned_as_unknown() {
        RegistrationEngine engine = SimRegistries.engine(config(Duration.ofSeconds(10)), new FakeTime(), new FakeTime());
        sim.faults().rdap(Fault.oversized(3 * 1024 * 1024));
        Registration r = engine.lookup(DOMAIN);
        assertThat(r.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(r.reason()).contains("exceeds 2097152 bytes");
    }

    @Test
    void garbage_and_truncated_answers_are_unknown_never_available() {
        RegistrationEngine engine = SimRegistries.engine(config(Duration.ofSeconds(10)), new FakeTime(), new FakeTime());
        sim.faults().rdap(Fault.garbage().times(1)).rdap(Fault.truncated().times(1));
        Registration garbage = engine.lookup(DOMAIN);
        assertThat(garbage.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(garbage.reason()).contains("not JSON");
        Registration truncated = engine.lookup(DOMAIN);
        assertThat(truncated.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(truncated.reason()).isNotBlank();
        assertThat(truncated.expires()).isNull();
    }

    @Test
    void whois_answers_when_rdap_is_unknown_and_the_reason_keeps_both_when_neither_can() {
        LapsewatchConfig config = SimRegistries.config(home, SimRegistries.rdap(sim, Map.of(), List.of(), Duration.ofSeconds(10)),
                SimRegistries.whois(sim, Duration.ofSeconds(10), null, true));
        RegistrationEngine engine = SimRegistries.engine(config, new FakeTime(), new FakeTime());
        sim.faults().rdap(Fault.serverError(500).times(1));
        Registration r = engine.lookup(DOMAIN);
        assertThat(r.source()).isEqualTo(Registration.Source.WHOIS);
        assertThat(r.state()).isEqualTo(RegistrationState.REGISTERED);

        sim.faults().rdap(Fault.serverError(502).times(1)).whois(Fault.serverError(500).times(1));
        Registration neither = SimRegistries.engine(config, new FakeTime(), new FakeTime()).lookup(DOMAIN);
        assertThat(neither.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(neither.reason()).contains("closed the connection").contains("RDAP before it").contains("HTTP 502");
    }
}
