package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** Classic syslog stamps ({@code Mmm dd hh:mm:ss}), read without a formatter. */
class SyslogTimeTest {

    private static Instant classic(SyslogTime time, String stamp) {
        byte[] line = (stamp + " gw postfix/smtp[1]: x").getBytes(StandardCharsets.US_ASCII);
        int month = SyslogTime.classicMonth(line, 0, line.length);
        time.observeClassicMonth(month);
        return time.classic(line, 0, month);
    }

    @Test
    void space_padded_and_two_digit_days_in_one_log() {
        SyslogTime time = new SyslogTime(ZoneOffset.UTC, YearMonth.of(2026, 11));
        assertThat(classic(time, "Nov  1 00:01:41")).isEqualTo(Instant.parse("2026-11-01T00:01:41Z"));
        assertThat(classic(time, "Nov  9 23:59:59")).isEqualTo(Instant.parse("2026-11-09T23:59:59Z"));
        assertThat(classic(time, "Nov 10 00:00:00")).isEqualTo(Instant.parse("2026-11-10T00:00:00Z"));
        assertThat(classic(time, "Nov 30 12:00:00")).isEqualTo(Instant.parse("2026-11-30T12:00:00Z"));
        assertThat(classic(time, "Nov 01 08:00:00")).isEqualTo(Instant.parse("2026-11-01T08:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Nov !5 00:00:00", "Nov )5 00:00:00", "Nov x5 00:00:00", "Nov 1x 00:00:00",
            "Nov  x 00:00:00", "Nov  0 00:00:00", "Nov 00 00:00:00", "Nov 32 00:00:00", "Nov 31 00:00:00",
            "Nov  1 24:00:00", "Nov  1 00-00:00"})
    void malformed_days_and_times_are_not_read(String stamp) {
        assertThat(classic(new SyslogTime(ZoneOffset.UTC, YearMonth.of(2026, 11)), stamp)).isNull();
    }
}
