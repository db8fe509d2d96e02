package org.lapsewatch.alert;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.lapsewatch.model.Severity;

/**
 * The JSON each webhook format expects: Lapsewatch's own (generic), Slack and Mattermost
 * incoming webhooks, Microsoft Teams (an Adaptive Card message), and the Prometheus
 * Alertmanager webhook receiver format (version 4), so existing Alertmanager receivers work.
 */
final class WebhookPayloads {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private WebhookPayloads() {
    }

    static ObjectNode render(String format, Notification n) {
        return switch (format) {
            case "generic" -> generic(n);
            case "slack" -> slack(n.message());
            case "teams" -> teams(n.message());
            case "alertmanager" -> alertmanager(n);
            default -> throw new IllegalArgumentException("unknown webhook format " + format);
        };
    }

    static ObjectNode generic(Notification n) {
        Message m = n.message();
        ObjectNode o = F.objectNode();
        o.put("key", n.key());
        o.put("kind", m.kind().name().toLowerCase(java.util.Locale.ROOT));
        if (m.domainAscii() != null) {
            ObjectNode d = o.putObject("domain");
            d.put("ascii", m.domainAscii());
            d.put("unicode", m.domainUnicode());
        }
        o.put("rule", m.rule());
        o.put("severity", m.severity().name());
        o.put("title", m.title());
        o.put("whatHappened", m.whatHappened());
        o.put("state", m.state());
        o.put("pointOfNoReturn", m.pointOfNoReturn() == null ? null : m.pointOfNoReturn().toString());
        o.put("evidenceUrl", m.evidenceUrl());
        o.put("nextSteps", m.nextSteps());
        o.put("acknowledge", m.acknowledge());
        ArrayNode chain = o.putArray("triggerChain");
        m.triggerChain().forEach(chain::add);
        o.put("createdAt", m.createdAt().toString());
        return o;
    }

    static ObjectNode slack(Message m) {
        ObjectNode o = F.objectNode();
        o.put("text", m.title());
        ObjectNode a = o.putArray("attachments").addObject();
        a.put("color", color(m));
        a.put("title", m.title());
        a.put("title_link", m.evidenceUrl());
        a.put("text", MessageText.plain(m));
        a.put("fallback", m.title());
        return o;
    }

    static ObjectNode teams(Message m) {
        ObjectNode o = F.objectNode();
        o.put("type", "message");
        ObjectNode attachment = o.putArray("attachments").addObject();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        ObjectNode card = attachment.putObject("content");
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        ArrayNode body = card.putArray("body");
        ObjectNode title = body.addObject();
        title.put("type", "TextBlock").put("text", m.title()).put("weight", "Bolder").put("wrap", true);
        body.addObject().put("type", "TextBlock").put("text", MessageText.plain(m)).put("wrap", true);
        ObjectNode action = card.putArray("actions").addObject();
        action.put("type", "Action.OpenUrl").put("title", "Open evidence").put("url", m.evidenceUrl());
        return o;
    }

    static ObjectNode alertmanager(Notification n) {
        Message m = n.message();
        String status = m.isRecovery() ? "resolved" : "firing";
        ObjectNode o = F.objectNode();
        o.put("version", "4");
        o.put("groupKey", "{}:{domain=\"" + (m.domainAscii() == null ? "" : m.domainAscii()) + "\"}");
        o.put("truncatedAlerts", 0);
        o.put("status", status);
        o.put("receiver", n.channel());
        ObjectNode labels = F.objectNode();
        labels.put("alertname", m.rule() == null ? "lapsewatch_" + m.kind().name().toLowerCase(java.util.Locale.ROOT)
                : m.rule().replace('.', '_').replace('-', '_'));
        if (m.domainAscii() != null) {
            labels.put("domain", m.domainAscii());
        }
        labels.put("severity", m.severity().name().toLowerCase(java.util.Locale.ROOT));
        o.set("groupLabels", F.objectNode().put("domain", m.domainAscii() == null ? "" : m.domainAscii()));
        o.set("commonLabels", labels.deepCopy());
        ObjectNode annotations = F.objectNode();
        annotations.put("summary", m.title());
        annotations.put("description", m.whatHappened());
        o.set("commonAnnotations", annotations.deepCopy());
        o.put("externalURL", m.evidenceUrl());
        ObjectNode alert = o.putArray("alerts").addObject();
        alert.put("status", status);
        alert.set("labels", labels);
        alert.set("annotations", annotations);
        alert.put("startsAt", m.createdAt().toString());
        alert.put("endsAt", m.isRecovery() ? m.createdAt().toString() : "0001-01-01T00:00:00Z");
        alert.put("generatorURL", m.evidenceUrl());
        alert.put("fingerprint", MessageText.fingerprint(n.key()));
        return o;
    }

    private static String color(Message m) {
        if (m.isRecovery()) {
            return "good";
        }
        return m.severity().atLeast(Severity.HIGH) ? "danger" : m.severity() == Severity.MEDIUM ? "warning" : "#439FE0";
    }
}
