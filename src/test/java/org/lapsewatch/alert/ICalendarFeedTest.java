package org.lapsewatch.alert;

import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.lapsewatch.model.DomainName;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The deadline feed, read back by a real RFC 5545 parser (ical4j). */
class ICalendarFeedTest {
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    private static final List<Deadline> DEADLINES = List.of(
            new Deadline(DomainName.parse("bjzutrecht.example"), Deadline.Kind.QUARANTINE_RELEASE,
                    Instant.parse("2027-01-08T10:00:00Z"), "it@samenveilig.example", "in quarantine; registrar: Example, B.V.; note"),
            new Deadline(DomainName.parse("bjzutrecht.example"), Deadline.Kind.POINT_OF_NO_RETURN,
                    Instant.parse("2027-01-08T11:00:00Z"), "it@samenveilig.example", null),
            new Deadline(DomainName.parse("xn--bcher-kva.example"), Deadline.Kind.EXPIRY,
                    Instant.parse("2027-03-01T00:00:00Z"), "books@samenveilig.example",
                    "a long detail line that certainly needs folding because it goes on and on past seventy-five octets ünïcödé"));

    @Test
    void the_feed_parses_back_with_one_event_per_deadline() throws Exception {
        String ics = ICalendarFeed.render(DEADLINES, null, "https://lw.example.org", NOW);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        calendar.validate();
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(3);
        VEvent first = events.getFirst();
        assertThat(first.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("bjzutrecht.example leaves quarantine");
        assertThat(first.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo("20270108T100000Z");
        assertThat(first.getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .contains("registrar: Example, B.V.; note").contains("https://lw.example.org/domains/bjzutrecht.example");
        assertThat(first.getAlarms()).hasSize(2);
        assertThat(events.get(2).getProperty(Property.SUMMARY).orElseThrow().getValue())
                .isEqualTo("bücher.example (xn--bcher-kva.example) expires");
        assertThat(events.get(2).getProperty(Property.DESCRIPTION).orElseThrow().getValue()).contains("ünïcödé");
    }

    @Test
    void lines_are_crlf_terminated_and_folded_at_75_octets() {
        String ics = ICalendarFeed.render(DEADLINES, null, "https://lw.example.org", NOW);
        assertThat(ics).endsWith("END:VCALENDAR\r\n");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n");
    }

    @Test
    void uids_are_stable_so_calendars_update_events_instead_of_duplicating_them() {
        String a = ICalendarFeed.render(DEADLINES, null, "https://lw.example.org", NOW);
        String b = ICalendarFeed.render(DEADLINES, null, "https://lw.example.org", NOW.plusSeconds(3600));
        assertThat(uids(a)).isEqualTo(uids(b)).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void an_owner_feed_holds_only_that_owners_deadlines() throws Exception {
        String ics = ICalendarFeed.render(DEADLINES, "books@samenveilig.example", "https://lw.example.org", NOW);
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.<VEvent>getComponents(Component.VEVENT)).singleElement()
                .satisfies(e -> assertThat(e.getProperty(Property.SUMMARY).orElseThrow().getValue()).contains("bücher"));
    }

    private static List<String> uids(String ics) {
        return ics.replace("\r\n ", "").lines().filter(l -> l.startsWith("UID:")).toList();
    }
}
