package org.lapsewatch.alert;

import com.google.common.html.HtmlEscapers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Renders a message as plain text and as HTML. All values are escaped in HTML: they come from registries and logs. */
final class MessageText {
    private MessageText() {
    }

    static String plain(Message m) {
        StringBuilder b = new StringBuilder();
        b.append(m.title()).append("\n\n");
        if (m.domainAscii() != null) {
            b.append("Domain:            ").append(m.domainUnicode());
            if (!m.domainUnicode().equals(m.domainAscii())) {
                b.append(" (").append(m.domainAscii()).append(')');
            }
            b.append('\n');
            b.append("Rule:              ").append(m.rule()).append('\n');
            b.append("Severity:          ").append(m.severity()).append('\n');
            b.append("State:             ").append(m.state()).append('\n');
            b.append("Point of no return: ").append(m.pointOfNoReturn() == null ? "unknown" : m.pointOfNoReturn()).append('\n');
            if (!m.triggerChain().isEmpty()) {
                b.append("Trigger chain:     ").append(String.join(" → ", m.triggerChain())).append('\n');
            }
            b.append('\n');
        }
        b.append(m.whatHappened()).append("\n\n");
        b.append("What to do next: ").append(m.nextSteps()).append('\n');
        b.append("Evidence: ").append(m.evidenceUrl()).append('\n');
        b.append("Acknowledge: ").append(m.acknowledge()).append('\n');
        return b.toString();
    }

    static String html(Message m) {
        var esc = HtmlEscapers.htmlEscaper();
        StringBuilder b = new StringBuilder("<!doctype html><html><body>");
        b.append("<h2>").append(esc.escape(m.title())).append("</h2>");
        if (m.domainAscii() != null) {
            b.append("<table>");
            row(b, "Domain", m.domainUnicode().equals(m.domainAscii()) ? m.domainAscii()
                    : m.domainUnicode() + " (" + m.domainAscii() + ")");
            row(b, "Rule", m.rule());
            row(b, "Severity", m.severity().name());
            row(b, "State", m.state());
            row(b, "Point of no return", m.pointOfNoReturn() == null ? "unknown" : m.pointOfNoReturn().toString());
            if (!m.triggerChain().isEmpty()) {
                row(b, "Trigger chain", String.join(" → ", m.triggerChain()));
            }
            b.append("</table>");
        }
        b.append("<p style=\"white-space:pre-wrap\">").append(esc.escape(m.whatHappened())).append("</p>");
        b.append("<p><b>What to do next:</b> ").append(esc.escape(m.nextSteps())).append("</p>");
        b.append("<p><a href=\"").append(esc.escape(m.evidenceUrl())).append("\">Evidence</a></p>");
        b.append("<p><b>Acknowledge:</b> ").append(esc.escape(m.acknowledge())).append("</p>");
        return b.append("</body></html>").toString();
    }

    private static void row(StringBuilder b, String label, String value) {
        var esc = HtmlEscapers.htmlEscaper();
        b.append("<tr><th align=\"left\">").append(esc.escape(label)).append("</th><td>").append(esc.escape(value)).append("</td></tr>");
    }

    /** A short stable digest of an idempotency key, for Message-IDs and fingerprints. */
    static String fingerprint(String key) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
