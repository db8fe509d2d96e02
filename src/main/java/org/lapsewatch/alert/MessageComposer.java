package org.lapsewatch.alert;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.RuleIds;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Writes the words of each message. Pure: a function of the finding, the kind and the time. */
final class MessageComposer {
    private static final Map<String, String> NEXT_STEPS = Map.ofEntries(
            Map.entry(RuleIds.RE_REGISTERED, "Someone else now holds this domain. Stop all mail and links to it today: "
                    + "block it at the mail gateway, remove it from aliases, forwards and configurations, and tell the "
                    + "people who used it. Ask the registrar and a lawyer about getting it back."),
            Map.entry(RuleIds.AVAILABLE, "Anyone can register this domain now. Register it again today if anything "
                    + "still depends on it, and block mail to it until you have."),
            Map.entry(RuleIds.QUARANTINE, "The registration was cancelled. Ask the registrar to restore it before the "
                    + "point of no return; after that anyone can register it."),
            Map.entry(RuleIds.REDEMPTION, "The registration has ended. Ask the registrar to restore it (redemption) "
                    + "before the point of no return."),
            Map.entry(RuleIds.PENDING_DELETE, "The registry will delete the domain within days and it can no longer be "
                    + "restored. Prepare to register it the moment it drops, and block mail to it now."),
            Map.entry(RuleIds.AUTO_RENEW_GRACE, "The registry rolled the expiry date forward, but the renewal is unpaid. "
                    + "Renew it with the registrar now."),
            Map.entry(RuleIds.EXPIRING, "Renew the domain with the registrar, or decide to let it go and decommission "
                    + "it with evidence that nothing depends on it."),
            Map.entry(RuleIds.LEGACY_REFERENCED, "A retired domain that is still in use is in danger. Renew or restore "
                    + "it now, then remove what still uses it."),
            Map.entry(RuleIds.MAIL_EXPOSURE, "Mail still goes to this domain. Find the senders in the evidence and "
                    + "change them to the new domain; block the old domain at the gateway."));

    private final String baseUrl;

    MessageComposer(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    Message forFinding(AlertFinding f, Message.Kind kind, Instant now) {
        DomainName subject = f.finding().subject();
        String what = switch (kind) {
            case OPENED -> f.finding().summary();
            case REOPENED -> "It is back: " + f.finding().summary();
            case REMINDER -> f.pointOfNoReturn() == null ? f.finding().summary()
                    : "The point of no return is in " + days(now, f.pointOfNoReturn()) + ". " + f.finding().summary();
            case ESCALATED -> "Nobody acknowledged this CRITICAL finding since " + f.openedAt() + ". " + f.finding().summary();
            case RECOVERED -> "Resolved: the condition has cleared (" + f.finding().summary() + ")";
            case DIGEST, TEST -> throw new IllegalArgumentException(kind + " is not about one finding");
        };
        String prefix = switch (kind) {
            case RECOVERED -> "[RESOLVED] ";
            case REMINDER -> "[REMINDER " + f.finding().severity() + "] ";
            case ESCALATED -> "[ESCALATED " + f.finding().severity() + "] ";
            default -> "[" + f.finding().severity() + "] ";
        };
        String next = kind == Message.Kind.RECOVERED ? "Nothing to do; check the evidence if this was not expected."
                : NEXT_STEPS.getOrDefault(f.finding().rule(), "Open the evidence, decide what to do and acknowledge the finding.");
        return new Message(kind, subject.ascii(), subject.unicode(), f.finding().rule(), f.finding().severity(),
                prefix + subject.display() + ": " + f.finding().summary(), what,
                f.registrationState() == null ? "unknown" : f.registrationState(), f.pointOfNoReturn(),
                findingUrl(f.id()), next, acknowledgeText(f.id()), f.finding().triggerChain(), now);
    }

    Message digest(List<AlertFinding> open, String period, Instant now) {
        Severity worst = open.stream().map(f -> f.finding().severity()).max(Comparator.naturalOrder()).orElse(Severity.INFO);
        StringBuilder body = new StringBuilder();
        body.append(open.size()).append(open.size() == 1 ? " open finding" : " open findings").append(":\n");
        open.stream()
                .sorted(Comparator.comparing((AlertFinding f) -> f.finding().severity()).reversed()
                        .thenComparing(f -> f.pointOfNoReturn() == null ? Instant.MAX : f.pointOfNoReturn()))
                .forEach(f -> body.append("- [").append(f.finding().severity()).append("] ")
                        .append(f.finding().subject().display()).append(": ").append(f.finding().summary())
                        .append(f.pointOfNoReturn() == null ? "" : " (point of no return " + f.pointOfNoReturn() + ")")
                        .append(" ").append(findingUrl(f.id())).append('\n'));
        return new Message(Message.Kind.DIGEST, null, null, null, worst,
                "Lapsewatch " + period + " digest: " + open.size() + " open", body.toString().strip(), "mixed", null,
                baseUrl + "/findings", "Work through the list from the top; acknowledge what you have taken on.",
                "Acknowledge each finding on its page.", List.of(), now);
    }

    Message test(String channel, Instant now) {
        return new Message(Message.Kind.TEST, null, null, null, Severity.INFO,
                "Lapsewatch test message for channel " + channel,
                "If you can read this, Lapsewatch can reach you through the channel '" + channel + "'.", "n/a", null,
                baseUrl, "Nothing to do.", "No acknowledgement needed.", List.of(), now);
    }

    private String findingUrl(long id) {
        return baseUrl + "/findings/" + id;
    }

    private String acknowledgeText(long id) {
        return "Open " + findingUrl(id) + " and press Acknowledge (or POST " + baseUrl + "/api/findings/" + id + "/ack).";
    }

    static String days(Instant now, Instant then) {
        Duration left = Duration.between(now, then);
        if (left.isNegative()) {
            return "the past";
        }
        long d = left.toDays();
        return d >= 1 ? d + (d == 1 ? " day" : " days") : left.toHours() + " hours";
    }
}
