package org.lapsewatch.registration;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the date and time notations registries publish into instants. A value without a zone
 * is UTC; a date without a time is midnight UTC (DESIGN.md §7). Anything that is not clearly a
 * date (e.g. {@code before Aug-1996}, a two-digit year) reads as {@code null}, never as a guess.
 */
final class RegistryDates {
    private static final String TIME = "(?:[T\\s]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?";
    private static final String ZONE = "\\s*\\(?\\s*(Z|[+-]\\d{2}:?\\d{2}|[+-]\\d{2}(?!\\d)|[A-Za-z]{2,5}(?:[+-]\\d{1,2})?)?\\)?";
    private static final Pattern YEAR_FIRST = Pattern.compile(
            "^(\\d{4})[-/.]\\s?(\\d{1,2})[-/.]\\s?(\\d{1,2})\\.?" + TIME + ZONE);
    private static final Pattern DAY_FIRST = Pattern.compile(
            "^(\\d{1,2})[-/.](\\d{1,2})[-/.](\\d{4})" + TIME + ZONE);
    private static final Pattern DAY_MONTH_NAME = Pattern.compile(
            "^(?:[A-Za-z]{3,9},?\\s+)?(\\d{1,2})(?:st|nd|rd|th)?[-\\s.]+([A-Za-z]{3,9})\\.?[-\\s.,]+(\\d{4})" + TIME + ZONE);
    /** {@code Thu Apr 26 16:43:46 2001}, {@code Apr 26 2001}, {@code Wed Jan 01 00:00:00 GMT 2014}. */
    private static final Pattern MONTH_NAME_FIRST = Pattern.compile(
            "^(?:[A-Za-z]{3,9},?\\s+)?([A-Za-z]{3,9})\\.?\\s+(\\d{1,2}),?" + TIME + ZONE + "\\s*,?\\s*(\\d{4})");
    private static final Pattern YEAR_MONTH_NAME = Pattern.compile(
            "^(\\d{4})[-/.\\s]([A-Za-z]{3,9})[-/.\\s](\\d{1,2})\\.?" + TIME + ZONE);
    /** A year-first date inside other text, e.g. {@code changed: hostmaster@nic.at 20021013}. */
    private static final Pattern EMBEDDED = Pattern.compile(
            "(?<![\\d.\\-/])((?:19|20)\\d{2})(-?)(\\d{2})\\2(\\d{2})(?:\\d{6})?(?![\\d.\\-/])");
    private static final Pattern COMPACT = Pattern.compile("^(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(\\d{2}))?Z?$");

    private static final Pattern SHIFTED_ZONE = Pattern.compile("^(UTC|GMT)([+-]\\d{1,2})$");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12), Map.entry("mai", 5), Map.entry("okt", 10), Map.entry("dez", 12),
            Map.entry("mrt", 3), Map.entry("déc", 12), Map.entry("fév", 2), Map.entry("avr", 4), Map.entry("aoû", 8));

    /** Zone abbreviations registries print; ambiguous ones (CST, IST) are not listed and read as UTC. */
    private static final Map<String, Integer> ZONE_HOURS = Map.ofEntries(
            Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("UT", 0), Map.entry("Z", 0), Map.entry("WET", 0),
            Map.entry("CET", 1), Map.entry("CEST", 2), Map.entry("BST", 1), Map.entry("WAT", 1), Map.entry("EET", 2),
            Map.entry("EEST", 3), Map.entry("EAT", 3), Map.entry("MSK", 3), Map.entry("JST", 9), Map.entry("KST", 9),
            Map.entry("HKT", 8), Map.entry("SGT", 8), Map.entry("AWST", 8), Map.entry("AEST", 10), Map.entry("AEDT", 11),
            Map.entry("NZST", 12), Map.entry("NZDT", 13), Map.entry("EST", -5), Map.entry("EDT", -4),
            Map.entry("CDT", -5), Map.entry("MST", -7), Map.entry("MDT", -6), Map.entry("PST", -8), Map.entry("PDT", -7));

    private RegistryDates() {
    }

    /** The instant a registry's date text names, or null when the text is not a complete date. */
    static Instant parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.isEmpty() || !containsDigit(s)) {
            return null;
        }
        try {
            Matcher m = YEAR_FIRST.matcher(s);
            if (m.find()) {
                return build(num(m, 1), num(m, 2), num(m, 3), m, 4, m.group(8));
            }
            m = DAY_FIRST.matcher(s);
            if (m.find()) {
                int first = num(m, 1);
                int second = num(m, 2);
                // Day first is the registry norm; a "day" above 12 in second place means month first.
                return second > 12 ? build(num(m, 3), first, second, m, 4, m.group(8))
                        : build(num(m, 3), second, first, m, 4, m.group(8));
            }
            m = DAY_MONTH_NAME.matcher(s);
            if (m.find()) {
                Integer month = month(m.group(2));
                return month == null ? null : build(num(m, 3), month, num(m, 1), m, 4, m.group(8));
            }
            m = MONTH_NAME_FIRST.matcher(s);
            if (m.find()) {
                Integer month = month(m.group(1));
                return month == null ? null : build(num(m, 8), month, num(m, 2), m, 3, m.group(7));
            }
            m = YEAR_MONTH_NAME.matcher(s);
            if (m.find()) {
                Integer month = month(m.group(2));
                return month == null ? null : build(num(m, 1), month, num(m, 3), m, 4, m.group(8));
            }
            m = COMPACT.matcher(s);
            if (m.find()) {
                LocalDate date = LocalDate.of(num(m, 1), num(m, 2), num(m, 3));
                LocalTime time = m.group(4) == null ? LocalTime.MIDNIGHT : LocalTime.of(num(m, 4), num(m, 5), num(m, 6));
                return plausible(LocalDateTime.of(date, time).toInstant(ZoneOffset.UTC));
            }
            m = EMBEDDED.matcher(s);
            if (m.find()) {
                return plausible(LocalDate.of(num(m, 1), num(m, 3), num(m, 4)).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
        return null;
    }

    private static Instant build(int year, int month, int day, Matcher m, int timeGroup, String zone) {
        LocalDate date = LocalDate.of(year, month, day);
        LocalTime time = LocalTime.MIDNIGHT;
        if (m.group(timeGroup) != null) {
            int seconds = m.group(timeGroup + 2) == null ? 0 : num(m, timeGroup + 2);
            int nanos = 0;
            String fraction = m.group(timeGroup + 3);
            if (fraction != null) {
                nanos = Integer.parseInt((fraction + "000000000").substring(0, 9));
            }
            time = LocalTime.of(num(m, timeGroup), num(m, timeGroup + 1), Math.min(seconds, 59), nanos);
        }
        return plausible(LocalDateTime.of(date, time).toInstant(offset(zone)));
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null) {
            return ZoneOffset.UTC;
        }
        String z = zone.toUpperCase(Locale.ROOT);
        if (z.startsWith("+") || z.startsWith("-")) {
            String digits = z.substring(1).replace(":", "");
            int hours = Integer.parseInt(digits.substring(0, 2));
            int minutes = digits.length() >= 4 ? Integer.parseInt(digits.substring(2, 4)) : 0;
            int sign = z.startsWith("-") ? -1 : 1;
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        }
        Matcher shifted = SHIFTED_ZONE.matcher(z);
        if (shifted.matches()) {
            return ZoneOffset.ofHours(Integer.parseInt(shifted.group(2)));
        }
        Integer hours = ZONE_HOURS.get(z);
        return hours == null ? ZoneOffset.UTC : ZoneOffset.ofHours(hours);
    }

    /** Registrations began in 1985; a year outside 1970–2200 is a misreading, not a date. */
    private static Instant plausible(Instant instant) {
        int year = instant.atZone(ZoneOffset.UTC).getYear();
        return year < 1970 || year > 2200 ? null : instant;
    }

    private static Integer month(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        return key.length() < 3 ? null : MONTHS.get(key.substring(0, 3));
    }

    private static int num(Matcher m, int group) {
        return Integer.parseInt(m.group(group));
    }

    private static boolean containsDigit(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
