package org.lapsewatch.alert;

import org.junit.jupiter.api.Test;
import org.lapsewatch.config.AlertSettings;
import org.lapsewatch.config.AlertSettings.Route;
import org.lapsewatch.config.AlertSettings.WebhookSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class AlertPlannerTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z"); // a Monday

    private static AlertSettings settings(List<Route> routes, String digest) {
        return new AlertSettings("https://lapsewatch.example.org", null,
                List.of(hook("ops"), hook("mgmt"), hook("owners")), routes, null, digest, null, "Europe/Amsterdam",
                null, null, null, null);
    }

    private static WebhookSettings hook(String name) {
        return new WebhookSettings(name, "http://127.0.0.1:1/" + name, null, null, null);
    }

    private static Route route(String name, String channel, String minSeverity, List<String> lifecycles, List<String> tags,
                               String quiet, String escalateTo) {
        return new Route(name, List.of(channel), minSeverity, lifecycles, tags, null, quiet, escalateTo, Duration.ofHours(4));
    }

    private static AlertFinding finding(long id, String domain, String rule, Severity severity, Lifecycle lifecycle,
                                        Instant openedAt, Instant pointOfNoReturn, List<String> tags) {
        DomainName name = DomainName.parse(domain);
        Finding f = new Finding(rule, name, severity, Finding.Confidence.HIGH, domain + " is in trouble",
                List.of(domain), List.of());
        return new AlertFinding(id, f, AlertFinding.Status.OPEN, openedAt, lifecycle, tags, "it@samenveilig.example",
                "quarantine", pointOfNoReturn);
    }

    @Test
    void routes_by_severity_lifecycle_and_tag() {
        AlertPlanner planner = new AlertPlanner(settings(List.of(
                route("ops", "ops", "HIGH", null, null, null, null),
                route("retired-medium", "owners", "MEDIUM", List.of("retired"), null, null, null),
                route("tagged", "mgmt", "LOW", null, List.of("youth-care"), null, null)), "off"));

        var critical = finding(1, "bjzutrecht.example", RuleIds.QUARANTINE, Severity.CRITICAL, Lifecycle.RETIRED, T0, null, List.of());
        var medium = finding(2, "bjzutrecht.example", RuleIds.EXPIRING, Severity.MEDIUM, Lifecycle.RETIRED, T0, null, List.of());
        var lowTagged = finding(3, "samenveilig.example", RuleIds.LOCKS_MISSING, Severity.LOW, Lifecycle.ACTIVE, T0, null,
                List.of("youth-care"));
        var lowActive = finding(4, "samenveilig.example", RuleIds.LOCKS_MISSING, Severity.LOW, Lifecycle.ACTIVE, T0, null, List.of());

        assertThat(channels(planner.onTransition(critical, Message.Kind.OPENED, T0))).containsExactlyInAnyOrder("ops", "owners");
        assertThat(channels(planner.onTransition(medium, Message.Kind.OPENED, T0))).containsExactly("owners");
        assertThat(channels(planner.onTransition(lowTagged, Message.Kind.OPENED, T0))).containsExactly("mgmt");
        assertThat(planner.onTransition(lowActive, Message.Kind.OPENED, T0)).isEmpty();
    }

    @Test
    void keys_are_stable_per_finding_transition_and_channel_and_change_when_reopened() {
        AlertPlanner planner = new AlertPlanner(settings(List.of(route("ops", "ops", "HIGH", null, null, null, null)), "off"));
        var f = finding(7, "bjzutrecht.example", RuleIds.RE_REGISTERED, Severity.CRITICAL, Lifecycle.RETIRED, T0, null, List.of());
        var first = planner.onTransition(f, Message.Kind.OPENED, T0);
        var again = planner.onTransition(f, Message.Kind.OPENED, T0.plusSeconds(3600));
        assertThat(first).extracting(Notification::key).isEqualTo(again.stream().map(Notification::key).toList());

        var reopened = new AlertFinding(7, f.finding(), AlertFinding.Status.OPEN, T0.plus(Duration.ofDays(2)), f.lifecycle(),
                f.tags(), f.ownerEmail(), f.registrationState(), null);
        assertThat(planner.onTransition(reopened, Message.Kind.REOPENED, T0.plus(Duration.ofDays(2))).getFirst().key())
                .isNotEqualTo(first.getFirst().key());
        assertThat(planner.onTransition(f, Message.Kind.RECOVERED, T0).getFirst().message().title()).startsWith("[RESOLVED]");
    }

    @Test
    void reminders_fire_once_per_threshold_and_a_missed_run_catches_up_once() {
        AlertPlanner planner = new AlertPlanner(settings(List.of(route("ops", "ops", "HIGH", null, null, null, null)), "off"));
        Instant ponr = T0.plus(Duration.ofDays(100));
        var f = finding(9, "bjzutrecht.example", RuleIds.QUARANTINE, Severity.MEDIUM, Lifecycle.RETIRED, T0, ponr, List.of());

        Set<String> sent = new HashSet<>();
        List<String> newKeys = new ArrayList<>();
        // hourly runs for 100 days, except a 20-day outage that swallows the 30- and 14-day thresholds
        for (Instant now = T0; now.isBefore(ponr); now = now.plus(Duration.ofHours(1))) {
            long daysLeft = Duration.between(now, ponr).toDays();
            if (daysLeft < 33 && daysLeft >= 10) {
                continue;
            }
            for (Notification n : planner.periodic(List.of(f), now)) {
                if (sent.add(n.key())) {
                    newKeys.add(n.key().replaceAll(".*/reminder/(\\d+d)/.*", "$1"));
                }
            }
        }
        // 90 and 60 on time; 30 and 14 fell in the outage: when it ends (10 days left) only the nearest
        // passed threshold (14d) is sent, once; then 7, 3 and 1 on time
        assertThat(newKeys).containsExactly("90d", "60d", "14d", "7d", "3d", "1d");
    }

    @Test
    void unacknowledged_critical_escalates_after_the_route_delay_once() {
        AlertPlanner planner = new AlertPlanner(settings(List.of(
                route("ops", "ops", "HIGH", null, null, null, "management"),
                route("management", "mgmt", "CRITICAL", null, null, null, null)), "off"));
        var f = finding(11, "bjzutrecht.example", RuleIds.RE_REGISTERED, Severity.CRITICAL, Lifecycle.RETIRED, T0, null, List.of());

        assertThat(planner.periodic(List.of(f), T0.plus(Duration.ofHours(3)))).isEmpty();
        var due = planner.periodic(List.of(f), T0.plus(Duration.ofHours(4)));
        assertThat(due).singleElement().satisfies(n -> {
            assertThat(n.channel()).isEqualTo("mgmt");
            assertThat(n.message().kind()).isEqualTo(Message.Kind.ESCALATED);
        });
        assertThat(planner.periodic(List.of(f), T0.plus(Duration.ofHours(9)))).extracting(Notification::key)
                .containsExactly(due.getFirst().key());

        var acknowledged = new AlertFinding(11, f.finding(), AlertFinding.Status.ACKNOWLEDGED, T0, f.lifecycle(), f.tags(),
                f.ownerEmail(), f.registrationState(), null);
        assertThat(planner.periodic(List.of(acknowledged), T0.plus(Duration.ofHours(5)))).isEmpty();
    }

    @Test
    void daily_digest_goes_out_once_a_day_after_digest_time_in_the_configured_zone() {
        AlertPlanner planner = new AlertPlanner(settings(List.of(route("ops", "ops", "CRITICAL", null, null, null, null)), "daily"));
        var f = finding(12, "bjzutrecht.example", RuleIds.EXPIRING, Severity.LOW, Lifecycle.RETIRED, T0, null, List.of());
        // 06:30 UTC is 07:30 in Amsterdam (winter): too early
        assertThat(planner.periodic(List.of(f), Instant.parse("2026-03-03T06:30:00Z"))).isEmpty();
        var morning = planner.periodic(List.of(f), Instant.parse("2026-03-03T07:00:00Z"));
        var evening = planner.periodic(List.of(f), Instant.parse("2026-03-03T20:00:00Z"));
        var nextDay = planner.periodic(List.of(f), Instant.parse("2026-03-04T07:00:00Z"));
        assertThat(morning).singleElement().satisfies(n -> assertThat(n.message().kind()).isEqualTo(Message.Kind.DIGEST));
        assertThat(evening).extracting(Notification::key).isEqualTo(morning.stream().map(Notification::key).toList());
        assertThat(nextDay.getFirst().key()).isNotEqualTo(morning.getFirst().key());
        assertThat(morning.getFirst().message().whatHappened()).contains("bjzutrecht.example");
    }

    @Test
    void quiet_hours_hold_non_critical_messages_until_the_window_ends_but_not_critical_ones() {
        AlertPlanner planner = new AlertPlanner(settings(List.of(route("ops", "ops", "LOW", null, null, "22:00-07:00", null)), "off"));
        Instant lateEvening = Instant.parse("2026-03-02T22:30:00Z"); // 23:30 in Amsterdam
        var medium = finding(13, "bjzutrecht.example", RuleIds.EXPIRING, Severity.MEDIUM, Lifecycle.RETIRED, lateEvening, null, List.of());
        var critical = finding(14, "bjzutrecht.example", RuleIds.AVAILABLE, Severity.CRITICAL, Lifecycle.RETIRED, lateEvening, null, List.of());

        assertThat(planner.onTransition(medium, Message.Kind.OPENED, lateEvening).getFirst().notBefore())
                .isEqualTo(Instant.parse("2026-03-03T06:00:00Z")); // 07:00 Amsterdam
        assertThat(planner.onTransition(critical, Message.Kind.OPENED, lateEvening).getFirst().notBefore()).isEqualTo(lateEvening);
        Instant afternoon = Instant.parse("2026-03-02T13:00:00Z");
        assertThat(planner.onTransition(medium, Message.Kind.OPENED, afternoon).getFirst().notBefore()).isEqualTo(afternoon);
    }

    @Test
    void every_message_stands_alone() {
        AlertPlanner planner = new AlertPlanner(settings(List.of(route("ops", "ops", "HIGH", null, null, null, null)), "off"));
        Instant ponr = T0.plus(Duration.ofDays(12));
        var f = finding(15, "xn--bcher-kva.example", RuleIds.QUARANTINE, Severity.CRITICAL, Lifecycle.RETIRED, T0, ponr, List.of());
        Message m = planner.onTransition(f, Message.Kind.OPENED, T0).getFirst().message();
        String text = MessageText.plain(m);
        assertThat(text).contains("bücher.example", "xn--bcher-kva.example", "quarantine", ponr.toString(),
                "https://lapsewatch.example.org/findings/15", "What to do next", "Acknowledge");
    }

    private static List<String> channels(List<Notification> ns) {
        return ns.stream().map(Notification::channel).toList();
    }
}
