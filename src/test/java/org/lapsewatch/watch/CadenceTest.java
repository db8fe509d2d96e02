package org.lapsewatch.watch;

import org.junit.jupiter.api.Test;
import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.Observed;
import org.lapsewatch.rules.RuleInput;
import org.lapsewatch.rules.RuleSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CadenceTest {
    private static final Instant NOW = Instant.parse("2026-05-02T12:00:00Z");
    private static final DomainName DOMAIN = DomainName.parse("example.com");
    private final Cadence cadence = new Cadence(WatchSettings.defaults());
    private final LifecycleRules rules = new LifecycleRules(RuleSettings.defaults());

    private static Registration reg(RegistrationState state, String expires, String releases) {
        return new Registration(DOMAIN.ascii(), Registration.Source.RDAP, "rdap.test", state, List.of(), null, null,
                expires == null ? null : Instant.parse(expires), releases == null ? null : Instant.parse(releases),
                "Registrar", List.of("ns1.example.net"), null, null);
    }

    private Duration wait(Observed current, List<Observed> earlier) {
        var evaluation = rules.evaluate(new RuleInput(InventoryEntry.of(DOMAIN, Lifecycle.ACTIVE), current, earlier, List.of(), NOW));
        return Duration.between(NOW, cadence.next(DOMAIN, current, earlier, evaluation, NOW));
    }

    @Test
    void quiet_domains_are_checked_daily_with_a_little_jitter() {
        Duration d = wait(Observed.at(reg(RegistrationState.REGISTERED, "2027-05-01T00:00:00Z", null), NOW), List.of());
        assertThat(d).isBetween(Duration.ofDays(1), Duration.ofDays(1).plusHours(3));
    }

    @Test
    void near_an_expiry_or_in_quarantine_domains_are_checked_hourly() {
        assertThat(wait(Observed.at(reg(RegistrationState.REGISTERED, "2026-05-10T00:00:00Z", null), NOW), List.of()))
                .isBetween(Duration.ofHours(1), Duration.ofMinutes(66));
        assertThat(wait(Observed.at(reg(RegistrationState.QUARANTINE, null, "2026-06-01T00:00:00Z"), NOW), List.of()))
                .isBetween(Duration.ofHours(1), Duration.ofMinutes(66));
    }

    @Test
    void around_a_published_release_time_checks_come_every_few_minutes() {
        assertThat(wait(Observed.at(reg(RegistrationState.QUARANTINE, null, "2026-05-02T12:30:00Z"), NOW), List.of()))
                .isEqualTo(Duration.ofMinutes(5));
        // an hourly check would overshoot the start of the release window: it is pulled in
        assertThat(wait(Observed.at(reg(RegistrationState.QUARANTINE, null, "2026-05-02T13:40:00Z"), NOW), List.of()))
                .isEqualTo(Duration.ofMinutes(40));
    }

    @Test
    void unknown_answers_back_off_from_the_retry_interval_up_to_a_day() {
        var throttled = Registration.unknown(DOMAIN.ascii(), Registration.Source.RDAP, "rdap.test", RegistrationState.THROTTLED, "429");
        Duration first = wait(Observed.at(throttled, NOW), List.of());
        assertThat(first).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
        var longAgo = new Observed(1L, throttled, NOW.minus(Duration.ofHours(2)), NOW);
        assertThat(wait(longAgo, List.of())).isBetween(Duration.ofHours(2), Duration.ofMinutes(132));
        var days = new Observed(1L, throttled, NOW.minus(Duration.ofDays(5)), NOW);
        assertThat(wait(days, List.of())).isBetween(Duration.ofDays(1), Duration.ofDays(1).plusHours(3));
    }

    @Test
    void first_checks_are_spread_over_ten_minutes() {
        var times = java.util.stream.IntStream.range(0, 200)
                .mapToObj(i -> cadence.first(DomainName.parse("d" + i + "-example.com"), NOW)).distinct().toList();
        assertThat(times).hasSizeGreaterThan(150).allSatisfy(t -> assertThat(t).isBetween(NOW, NOW.plus(Duration.ofMinutes(10))));
    }
}
