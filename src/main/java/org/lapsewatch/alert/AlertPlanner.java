package org.lapsewatch.alert;

import org.lapsewatch.config.AlertSettings;
import org.lapsewatch.config.AlertSettings.Route;
import org.lapsewatch.model.Severity;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which notifications to send, to which channels, with which idempotency keys. Pure:
 * a function of the settings, the findings and the time, so that it can run as often as the
 * caller likes (a missed run is caught up, once, by the next) and be tested on a virtual clock.
 *
 * <p>It never looks at lookup results: an {@code unknown} registry answer reaches people only
 * through the "unknown for N days" finding the rules raise.
 */
public final class AlertPlanner {
    private final AlertSettings settings;
    private final MessageComposer composer;

    public AlertPlanner(AlertSettings settings) {
        this.settings = settings;
        this.composer = new MessageComposer(settings.baseUrl());
    }

    /** What to send when a finding was opened, reopened or resolved. */
    public List<Notification> onTransition(AlertFinding f, Message.Kind kind, Instant now) {
        if (kind != Message.Kind.OPENED && kind != Message.Kind.REOPENED && kind != Message.Kind.RECOVERED) {
            throw new IllegalArgumentException(kind + " is not a transition");
        }
        Message message = composer.forFinding(f, kind, now);
        String keyBase = "finding/" + f.id() + "/" + kind.name().toLowerCase(java.util.Locale.ROOT) + "/"
                + f.openedAt().getEpochSecond();
        return fanOut(matchingRoutes(f), keyBase, message, now);
    }

    /**
     * Reminders before the point of no return, escalations and the digest that are due at
     * {@code now}. Keys make repeated calls harmless; a reminder threshold that passed while
     * nothing ran is sent once, and only the nearest passed threshold per domain.
     */
    public List<Notification> periodic(List<AlertFinding> findings, Instant now) {
        List<Notification> out = new ArrayList<>();
        List<AlertFinding> open = findings.stream().filter(f -> f.status() != AlertFinding.Status.RESOLVED).toList();
        out.addAll(reminders(open, now));
        out.addAll(escalations(open, now));
        out.addAll(digest(open, now));
        return out;
    }

    /** A test message for one channel ({@code lapsewatch notify test CHANNEL}). */
    public Notification test(String channel, Instant now) {
        return new Notification("test/" + channel + "/" + now.toEpochMilli(), channel, composer.test(channel, now), now);
    }

    private List<Notification> reminders(List<AlertFinding> open, Instant now) {
        // one reminder stream per domain: the finding with the earliest point of no return speaks for it
        Map<String, AlertFinding> byDomain = new LinkedHashMap<>();
        open.stream()
                .filter(f -> f.pointOfNoReturn() != null && f.pointOfNoReturn().isAfter(now))
                .sorted(Comparator.comparing(AlertFinding::pointOfNoReturn).thenComparing(AlertFinding::id))
                .forEach(f -> byDomain.putIfAbsent(f.finding().subject().ascii(), f));
        List<Notification> out = new ArrayList<>();
        for (AlertFinding f : byDomain.values()) {
            Optional<Integer> due = dueReminder(f.pointOfNoReturn(), now);
            if (due.isEmpty()) {
                continue;
            }
            Message message = composer.forFinding(f, Message.Kind.REMINDER, now);
            String keyBase = "domain/" + f.finding().subject().ascii() + "/reminder/" + due.get() + "d/"
                    + f.pointOfNoReturn().getEpochSecond();
            // reminders matter whatever the severity: route as if the finding were at least HIGH
            out.addAll(fanOut(matchingRoutes(f, Severity.HIGH), keyBase, message, now));
        }
        return out;
    }

    /** The smallest configured threshold that has been reached, if any. */
    Optional<Integer> dueReminder(Instant pointOfNoReturn, Instant now) {
        Duration left = Duration.between(now, pointOfNoReturn);
        return settings.reminderDays().stream()
                .filter(days -> left.compareTo(Duration.ofDays(days)) <= 0)
                .min(Comparator.naturalOrder());
    }

    private List<Notification> escalations(List<AlertFinding> open, Instant now) {
        List<Notification> out = new ArrayList<>();
        Map<String, Route> routes = routesByName();
        for (AlertFinding f : open) {
            if (f.status() != AlertFinding.Status.OPEN || f.finding().severity() != Severity.CRITICAL) {
                continue;
            }
            for (Route route : matchingRoutes(f)) {
                if (route.escalateTo() == null || Duration.between(f.openedAt(), now).compareTo(route.escalateAfter()) < 0) {
                    continue;
                }
                Message message = composer.forFinding(f, Message.Kind.ESCALATED, now);
                String keyBase = "finding/" + f.id() + "/escalated/" + f.openedAt().getEpochSecond();
                out.addAll(fanOut(List.of(routes.get(route.escalateTo())), keyBase, message, now));
            }
        }
        return dedupe(out);
    }

    private List<Notification> digest(List<AlertFinding> open, Instant now) {
        if (settings.digest().equals("off") || open.isEmpty()) {
            return List.of();
        }
        ZonedDateTime local = now.atZone(settings.zone());
        boolean weekly = settings.digest().equals("weekly");
        if (local.toLocalTime().isBefore(settings.digestTime()) || weekly && local.getDayOfWeek() != DayOfWeek.MONDAY) {
            return List.of();
        }
        String period = settings.digest().equals("daily") ? local.toLocalDate().toString()
                : local.get(IsoFields.WEEK_BASED_YEAR) + "-W" + local.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        Message message = composer.digest(open, settings.digest(), now);
        List<Route> all = settings.routes();
        return fanOut(all, "digest/" + settings.digest() + "/" + period, message, now);
    }

    private List<Notification> fanOut(List<Route> routes, String keyBase, Message message, Instant now) {
        List<Notification> out = new ArrayList<>();
        for (Route route : routes) {
            Instant notBefore = message.severity() == Severity.CRITICAL ? now : afterQuietHours(route, now);
            for (String channel : route.channels()) {
                out.add(new Notification(keyBase + "/" + channel, channel, message, notBefore));
            }
        }
        return dedupe(out);
    }

    /** One notification per key: two routes to the same channel send once. */
    private static List<Notification> dedupe(List<Notification> notifications) {
        Map<String, Notification> byKey = new LinkedHashMap<>();
        for (Notification n : notifications) {
            byKey.merge(n.key(), n, (a, b) -> a.notBefore().isBefore(b.notBefore()) ? a : b);
        }
        return List.copyOf(byKey.values());
    }

    /** The end of the route's quiet window when {@code now} falls inside it, else {@code now}. */
    Instant afterQuietHours(Route route, Instant now) {
        LocalTime[] window = route.quietWindow();
        if (window == null) {
            return now;
        }
        ZoneId zone = settings.zone();
        ZonedDateTime t = now.atZone(zone);
        LocalTime time = t.toLocalTime();
        LocalTime start = window[0];
        LocalTime end = window[1];
        boolean wraps = end.isBefore(start) || end.equals(start);
        boolean inside = wraps ? !time.isBefore(start) || time.isBefore(end) : !time.isBefore(start) && time.isBefore(end);
        if (!inside) {
            return now;
        }
        LocalDate day = t.toLocalDate();
        if (wraps && !time.isBefore(start)) {
            day = day.plusDays(1);
        }
        return ZonedDateTime.of(day, end, zone).toInstant();
    }

    List<Route> matchingRoutes(AlertFinding f) {
        return matchingRoutes(f, f.finding().severity());
    }

    private List<Route> matchingRoutes(AlertFinding f, Severity severity) {
        return settings.routes().stream().filter(r -> matches(r, f, severity)).toList();
    }

    private static boolean matches(Route r, AlertFinding f, Severity severity) {
        if (!severity.atLeast(Severity.parse(r.minSeverity()))) {
            return false;
        }
        if (!r.lifecycles().isEmpty() && (f.lifecycle() == null || !r.lifecycles().contains(f.lifecycle().wireName()))) {
            return false;
        }
        if (!r.tags().isEmpty() && f.tags().stream().noneMatch(r.tags()::contains)) {
            return false;
        }
        return r.owners().isEmpty() || f.ownerEmail() != null
                && r.owners().contains(f.ownerEmail().toLowerCase(java.util.Locale.ROOT));
    }

    private Map<String, Route> routesByName() {
        Map<String, Route> m = new LinkedHashMap<>();
        settings.routes().forEach(r -> m.put(r.name(), r));
        return m;
    }
}
