package org.lapsewatch.mailflow;

import org.lapsewatch.mailflow.OpenMessages.OpenMessage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft Exchange message tracking logs ({@code MSGTRK*.log}): CSV whose columns are named by
 * the latest {@code #Fields:} header (Exchange 2010 writes fewer columns than 2013 and later).
 * Recipients are {@code ;}-separated. {@code SEND} and {@code DELIVER} are sent attempts,
 * {@code FAIL} bounced, {@code DEFER} deferred; {@code RECEIVE} gives the origin of a message;
 * {@code DSN}, {@code EXPAND} and the other events are not delivery attempts. Exchange logs no
 * end of a message, so messages (and the origin a {@code RECEIVE} gave) are kept by message id in
 * a bounded table, the least recently mentioned dropped first.
 */
final class ExchangeLogParser implements LogParser {
    private final DeliverySink sink;
    private final ScanCounters counters;
    private final SyslogTime time;
    /** Never ended by age: Exchange logs no end, and {@link #blockRead()} does not sweep. */
    private final OpenMessages<String> messages;
    private Map<String, Integer> columns = Map.of();

    ExchangeLogParser(DeliverySink sink, ScanCounters counters, ZoneId zone, int maxMessages) {
        this.sink = sink;
        this.counters = counters;
        this.time = new SyslogTime(zone, YearMonth.of(2000, 1));
        this.messages = new OpenMessages<>(maxMessages, Long.MAX_VALUE, counters);
    }

    @Override
    public void startSource(String name, YearMonth reference) {
        columns = Map.of();
    }

    @Override
    public void blockRead() {
        // nothing ends by age: the table keeps the most recently mentioned message ids
    }

    @Override
    public void line(byte[] bytes, int from, int to) {
        if (from == to) {
            return;
        }
        String line = new String(bytes, from, to - from, StandardCharsets.UTF_8);
        if (line.startsWith("#")) {
            if (line.startsWith("#Fields:")) {
                Map<String, Integer> named = new HashMap<>();
                List<String> names = csv(line.substring("#Fields:".length()).strip());
                for (int i = 0; i < names.size(); i++) {
                    named.put(names.get(i).strip().toLowerCase(Locale.ROOT), i);
                }
                columns = named;
            }
            return;
        }
        if (columns.isEmpty()) {
            counters.malformed("record before any #Fields: header", bytes, from, to);
            return;
        }
        List<String> values = csv(line);
        String event = value(values, "event-id").toUpperCase(Locale.ROOT);
        String messageId = value(values, "message-id");
        if (event.equals("RECEIVE")) {
            String client = firstPresent(value(values, "client-hostname"), value(values, "client-ip"));
            if (!messageId.isEmpty() && !client.isEmpty()) {
                message(messageId).origin = "client " + client;
            }
            return;
        }
        DeliveryStatus status = switch (event) {
            case "SEND", "DELIVER" -> DeliveryStatus.SENT;
            case "FAIL" -> DeliveryStatus.BOUNCED;
            case "DEFER" -> DeliveryStatus.DEFERRED;
            default -> null;
        };
        if (status == null) {
            return;
        }
        Instant at = timeOf(value(values, "date-time"));
        String recipients = value(values, "recipient-address");
        if (at == null || recipients.isEmpty()) {
            counters.malformed(at == null ? "unreadable date-time" : "no recipient-address", bytes, from, to);
            return;
        }
        // in a SEND the local server is the SMTP client and server-hostname is the remote one
        String server = event.equals("SEND") ? firstPresent(value(values, "client-hostname"), value(values, "server-hostname"))
                : value(values, "server-hostname");
        String connector = value(values, "connector-id");
        String system = (server.isEmpty() ? "exchange" : server) + " " + value(values, "source")
                + (connector.isEmpty() ? "" : " " + connector);
        OpenMessage message = message(messageId.isEmpty() ? value(values, "internal-message-id") : messageId);
        String sender = value(values, "sender-address");
        for (String recipient : recipients.split(";")) {
            if (!recipient.isBlank()) {
                counters.deliveryFound();
                sink.delivery(new Delivery(at, message.logged, null, recipient.strip(), null, sender, system.strip(), message.origin, status));
            }
        }
    }

    /** The message with this id, now the most recently mentioned; a new one when the id is new or was dropped. */
    private OpenMessage message(String id) {
        OpenMessage message = messages.get(id);
        if (message == null) {
            message = new OpenMessage(id);
            messages.put(id, message);
        }
        return message;
    }

    private Instant timeOf(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return time.iso(bytes, 0, bytes.length);
    }

    private String value(List<String> values, String column) {
        Integer index = columns.get(column);
        return index == null || index >= values.size() ? "" : values.get(index);
    }

    private static String firstPresent(String a, String b) {
        return a.isEmpty() ? b : a;
    }

    /** One CSV record: comma-separated, fields optionally in double quotes with {@code ""} for a quote. */
    static List<String> csv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
