package org.lapsewatch.alert;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The deadlines as an iCalendar feed (RFC 5545): one VEVENT per deadline with a stable UID, a
 * 15-minute event at the moment itself and alarms a week and a day before, so calendar apps
 * remind people even when nobody opens Lapsewatch.
 */
public final class ICalendarFeed {
    private static final DateTimeFormatter UTC_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private ICalendarFeed() {
    }

    /** Renders the feed; {@code owner} null means every owner. */
    public static String render(List<Deadline> deadlines, String owner, String baseUrl, Instant now) {
        StringBuilder b = new StringBuilder();
        line(b, "BEGIN:VCALENDAR");
        line(b, "VERSION:2.0");
        line(b, "PRODID:-//Lapsewatch//Domain deadlines//EN");
        line(b, "CALSCALE:GREGORIAN");
        line(b, "METHOD:PUBLISH");
        line(b, "X-WR-CALNAME:" + escape(owner == null ? "Lapsewatch deadlines" : "Lapsewatch deadlines for " + owner));
        deadlines.stream()
                .filter(d -> owner == null || owner.equalsIgnoreCase(d.owner()))
                .sorted(Comparator.comparing(Deadline::at).thenComparing(d -> d.domain().ascii()))
                .forEach(d -> event(b, d, baseUrl, now));
        line(b, "END:VCALENDAR");
        return b.toString();
    }

    private static void event(StringBuilder b, Deadline d, String baseUrl, Instant now) {
        String summary = d.domain().display() + " " + d.kind().words();
        line(b, "BEGIN:VEVENT");
        line(b, "UID:" + d.kind().name().toLowerCase(Locale.ROOT) + "-" + d.domain().ascii() + "-" + d.at().getEpochSecond()
                + "@lapsewatch");
        line(b, "DTSTAMP:" + UTC_STAMP.format(now));
        line(b, "DTSTART:" + UTC_STAMP.format(d.at()));
        line(b, "DTEND:" + UTC_STAMP.format(d.at().plusSeconds(900)));
        line(b, "SUMMARY:" + escape(summary));
        line(b, "DESCRIPTION:" + escape(summary + (d.detail() == null ? "" : ". " + d.detail())
                + ". Evidence: " + baseUrl + "/domains/" + d.domain().ascii()));
        line(b, "URL:" + baseUrl + "/domains/" + d.domain().ascii());
        for (String trigger : List.of("-P7D", "-P1D")) {
            line(b, "BEGIN:VALARM");
            line(b, "ACTION:DISPLAY");
            line(b, "DESCRIPTION:" + escape(summary));
            line(b, "TRIGGER:" + trigger);
            line(b, "END:VALARM");
        }
        line(b, "END:VEVENT");
    }

    /** RFC 5545 §3.3.11 TEXT escaping. */
    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n");
    }

    /** Writes a content line folded at 75 octets (RFC 5545 §3.1) and ended by CRLF. */
    private static void line(StringBuilder b, String content) {
        byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        if (bytes.length <= 75) {
            b.append(content).append("\r\n");
            return;
        }
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int cp = content.codePointAt(i);
            int len = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (octets + len > limit) {
                b.append("\r\n ");
                octets = 1;
                limit = 75;
            }
            b.appendCodePoint(cp);
            octets += len;
            i += Character.charCount(cp);
        }
        b.append("\r\n");
    }
}
