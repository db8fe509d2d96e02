package org.lapsewatch.mailflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.zone.ZoneRules;

import static org.lapsewatch.mailflow.AsciiBytes.digits;

/**
 * Reads the timestamps of log prefixes without a formatter: ISO-8601 / RFC 3339
 * ({@code 2026-11-28T17:46:24.303980+00:00}; journald short-iso's {@code +0100}; a space for {@code T}; no zone)
 * and classic syslog ({@code Nov 28 17:46:24}), which has no year. The year of a classic stamp is
 * inferred from a reference month (the file's modification time, or now): a month later than the
 * reference belongs to the year before; within a file, a step back in month (Dec → Jan) starts the
 * next year. Stamps without a zone are read in {@code zone}.
 */
final class SyslogTime {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    /** The tens of a classic stamp's day by byte: a space (days 1-9) or a digit; other bytes make the day negative. */
    private static final int[] DAY_TENS = new int[256];

    static {
        java.util.Arrays.fill(DAY_TENS, -100);
        DAY_TENS[' '] = 0;
        for (int digit = 0; digit <= 9; digit++) {
            DAY_TENS['0' + digit] = digit;
        }
    }

    private final ZoneRules zone;
    private YearMonth reference;
    private int year = -1;
    private int lastMonth = -1;
    private long cachedDay = Long.MIN_VALUE;
    private int cachedDayKey = -1;

    SyslogTime(ZoneId zone, YearMonth reference) {
        this.zone = zone.getRules();
        this.reference = reference;
    }

    /** A new file begins: its own reference month, and the year is inferred afresh. */
    void restart(YearMonth newReference) {
        reference = newReference;
        year = -1;
        lastMonth = -1;
    }

    /** The month (1–12) of a classic stamp starting at {@code at}, or -1. */
    static int classicMonth(byte[] line, int at, int to) {
        if (to - at < 15) {
            return -1;
        }
        for (int m = 0; m < 12; m++) {
            int k = m * 3;
            if (line[at] == MONTHS.charAt(k) && line[at + 1] == MONTHS.charAt(k + 1) && line[at + 2] == MONTHS.charAt(k + 2)) {
                return m + 1;
            }
        }
        return -1;
    }

    /** Tracks the year across a classic stamp's month; call for every classic line, in order. */
    void observeClassicMonth(int month) {
        if (year < 0) {
            year = month > reference.getMonthValue() ? reference.getYear() - 1 : reference.getYear();
        } else if (month < lastMonth) {
            year++;
        }
        lastMonth = month;
    }

    private final byte[] lastClassic = new byte[15];
    private Instant lastClassicInstant;
    private int lastClassicYear;

    /** The instant of the classic stamp {@code Mmm dd hh:mm:ss} at {@code at}, or null when malformed. */
    Instant classic(byte[] line, int at, int month) {
        if (lastClassicInstant != null && lastClassicYear == year
                && AsciiBytes.sameBytes(lastClassic, 0, line, at, 15)) {
            return lastClassicInstant;
        }
        Instant parsed = parseClassic(line, at, month);
        if (parsed != null) {
            System.arraycopy(line, at, lastClassic, 0, 15);
            lastClassicInstant = parsed;
            lastClassicYear = year;
        }
        return parsed;
    }

    private Instant parseClassic(byte[] line, int at, int month) {
        // Days 1-9 are padded with a space. Read through a table, not a branch on it: a log that
        // starts early in a month took the padded path only, so on the 10th the compiled parser was
        // thrown away and compiled again.
        int units = digits(line, at + 5, at + 6);
        int day = units < 0 ? -1 : DAY_TENS[line[at + 4] & 0xFF] * 10 + units;
        int hour = digits(line, at + 7, at + 9);
        int minute = digits(line, at + 10, at + 12);
        int second = digits(line, at + 13, at + 15);
        if (day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60
                || line[at + 3] != ' ' || line[at + 9] != ':' || line[at + 12] != ':') {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(year, month, day, hour, minute, Math.min(second, 59));
            return local.toInstant(zone.getOffset(local));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The instant of the ISO stamp in {@code line[from, to)}, or null when malformed. */
    Instant iso(byte[] line, int from, int to) {
        if (to - from < 19 || line[from + 4] != '-' || line[from + 7] != '-'
                || (line[from + 10] != 'T' && line[from + 10] != ' ') || line[from + 13] != ':' || line[from + 16] != ':') {
            return null;
        }
        int y = digits(line, from, from + 4);
        int mo = digits(line, from + 5, from + 7);
        int d = digits(line, from + 8, from + 10);
        int h = digits(line, from + 11, from + 13);
        int mi = digits(line, from + 14, from + 16);
        int s = digits(line, from + 17, from + 19);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
            return null;
        }
        int i = from + 19;
        int nanos = 0;
        if (i < to && line[i] == '.') {
            int scale = 100_000_000;
            i++;
            while (i < to && AsciiBytes.isDigit(line[i])) {
                nanos += (line[i] - '0') * scale;
                scale /= 10;
                i++;
            }
        }
        long epochDay;
        try {
            epochDay = epochDay(y, mo, d);
        } catch (java.time.DateTimeException e) {
            return null;
        }
        long seconds = epochDay * 86_400 + h * 3600L + mi * 60L + Math.min(s, 59);
        if (i == to) {
            LocalDateTime local = LocalDateTime.of(y, mo, d, h, mi, Math.min(s, 59));
            return local.toInstant(zone.getOffset(local)).plusNanos(nanos);
        }
        if (line[i] == 'Z' && i + 1 == to) {
            return Instant.ofEpochSecond(seconds, nanos);
        }
        boolean colon = to - i == 6 && line[i + 3] == ':';
        if ((line[i] == '+' || line[i] == '-') && (colon || to - i == 5)) {
            int oh = digits(line, i + 1, i + 3);
            int om = colon ? digits(line, i + 4, i + 6) : digits(line, i + 3, i + 5);
            if (oh < 0 || om < 0) {
                return null;
            }
            int offset = (oh * 3600 + om * 60) * (line[i] == '-' ? -1 : 1);
            return Instant.ofEpochSecond(seconds - offset, nanos);
        }
        return null;
    }

    private long epochDay(int y, int mo, int d) {
        int key = (y * 13 + mo) * 32 + d;
        if (key != cachedDayKey) {
            cachedDay = LocalDate.of(y, mo, d).toEpochDay();
            cachedDayKey = key;
        }
        return cachedDay;
    }
}
