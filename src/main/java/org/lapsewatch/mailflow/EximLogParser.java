package org.lapsewatch.mailflow;

import org.lapsewatch.mailflow.OpenMessages.OpenMessage;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.lapsewatch.mailflow.AsciiBytes.digits;
import static org.lapsewatch.mailflow.AsciiBytes.indexOf;
import static org.lapsewatch.mailflow.AsciiBytes.isDigit;
import static org.lapsewatch.mailflow.AsciiBytes.startsWith;
import static org.lapsewatch.mailflow.AsciiBytes.utf8;

/**
 * The Exim main log: {@code <=} arrival (sender, {@code H=} host, {@code U=} user), {@code =>}
 * delivery, {@code ->} additional address of the same delivery, {@code **} failure, {@code ==}
 * defer, {@code Completed} (ends the message). Message ids have 16 characters before Exim 4.97
 * ({@code 1vXyZa-000ABC-De}) and 23 after ({@code 1vXyZa-00000000ABC-Defg}). The stamp may carry
 * milliseconds, a zone ({@code +0100}) and a process id ({@code [1234]}).
 */
final class EximLogParser implements LogParser {
    private static final byte[] ARRIVAL = AsciiBytes.of("<= ");
    private static final byte[] DELIVERED = AsciiBytes.of("=> ");
    private static final byte[] ADDITIONAL = AsciiBytes.of("-> ");
    private static final byte[] FAILED = AsciiBytes.of("** ");
    private static final byte[] DEFERRED = AsciiBytes.of("== ");
    private static final byte[] COMPLETED = AsciiBytes.of("Completed");
    private static final byte[] HOST = AsciiBytes.of(" H=");
    private static final byte[] USER = AsciiBytes.of(" U=");
    private static final byte[] TRANSPORT = AsciiBytes.of(" T=");

    private final DeliverySink sink;
    private final ScanCounters counters;
    private final SyslogTime localTime;
    private final SyslogTime utcTime = new SyslogTime(ZoneOffset.UTC, YearMonth.of(2000, 1));
    private final OpenMessages<String> open;
    private final ByteInterner interner = new ByteInterner();
    private long latestEpochSecond = Long.MIN_VALUE;

    EximLogParser(DeliverySink sink, ScanCounters counters, ZoneId zone, int maxOpenMessages, Duration maxAge) {
        this.sink = sink;
        this.counters = counters;
        this.localTime = new SyslogTime(zone, YearMonth.of(2000, 1));
        this.open = new OpenMessages<>(maxOpenMessages, maxAge.toSeconds(), counters);
    }

    @Override
    public void startSource(String name, YearMonth reference) {
        // Exim stamps carry the year.
    }

    @Override
    public void blockRead() {
        open.endUntouched(latestEpochSecond);
    }

    @Override
    public void line(byte[] line, int from, int to) {
        if (from == to) {
            return;
        }
        if (to - from < 20 || !isDigit(line[from])) {
            counters.malformed("no Exim timestamp", line, from, to);
            return;
        }
        int i = from + 19;
        while (i < to && (line[i] == '.' || isDigit(line[i]))) {
            i++;
        }
        int stampTo = i;
        int offsetSeconds = Integer.MIN_VALUE;
        if (i + 6 <= to && line[i] == ' ' && (line[i + 1] == '+' || line[i + 1] == '-')) {
            int hh = digits(line, i + 2, i + 4);
            int mm = digits(line, i + 4, i + 6);
            if (hh >= 0 && mm >= 0) {
                offsetSeconds = (hh * 3600 + mm * 60) * (line[i + 1] == '-' ? -1 : 1);
                i += 6;
            }
        }
        Instant at = offsetSeconds == Integer.MIN_VALUE ? localTime.iso(line, from, stampTo)
                : shift(utcTime.iso(line, from, stampTo), offsetSeconds);
        if (at == null || i >= to || line[i] != ' ') {
            counters.malformed("unreadable Exim timestamp", line, from, to);
            return;
        }
        latestEpochSecond = Math.max(latestEpochSecond, at.getEpochSecond());
        i++;
        if (line[i] == '[') {
            int close = indexOf(line, i, to, (byte) ']');
            if (close < 0 || close + 1 >= to) {
                counters.malformed("unclosed process id", line, from, to);
                return;
            }
            i = close + 2;
        }
        int idTo = indexOf(line, i, to, (byte) ' ');
        if (idTo < 0 || !isMessageId(line, i, idTo)) {
            return; // daemon start, rejections, queue runs: not about a queued message
        }
        String id = utf8(line, i, idTo);
        int rest = idTo + 1;
        if (startsWith(line, rest, to, ARRIVAL)) {
            OpenMessage message = openMessage(id);
            int senderTo = indexOf(line, rest + 3, to, (byte) ' ');
            message.sender = stripBrackets(utf8(line, rest + 3, senderTo < 0 ? to : senderTo));
            String host = field(line, rest, to, HOST);
            String user = field(line, rest, to, USER);
            message.origin = host != null ? "host " + host : user != null ? "user " + user : null;
        } else if (startsWith(line, rest, to, DELIVERED) || startsWith(line, rest, to, ADDITIONAL)) {
            delivery(line, rest + 3, to, id, at, DeliveryStatus.SENT);
        } else if (startsWith(line, rest, to, FAILED)) {
            delivery(line, rest + 3, to, id, at, DeliveryStatus.BOUNCED);
        } else if (startsWith(line, rest, to, DEFERRED)) {
            delivery(line, rest + 3, to, id, at, DeliveryStatus.DEFERRED);
        } else if (startsWith(line, rest, to, COMPLETED)) {
            open.remove(id);
        }
    }

    private void delivery(byte[] line, int from, int to, String id, Instant at, DeliveryStatus status) {
        int tokenTo = from;
        while (tokenTo < to && line[tokenTo] != ' ') {
            tokenTo++;
        }
        String address = utf8(line, from, tokenTo);
        if (address.endsWith(":")) {
            address = address.substring(0, address.length() - 1);
        }
        String bracketed = null;
        if (tokenTo + 1 < to && line[tokenTo + 1] == '<') {
            int close = indexOf(line, tokenTo + 2, to, (byte) '>');
            if (close > 0) {
                bracketed = utf8(line, tokenTo + 2, close);
            }
        }
        String recipient;
        String original;
        if (address.indexOf('@') > 0) {
            recipient = address;
            original = bracketed;
        } else if (bracketed != null) {
            recipient = bracketed; // local part, file or pipe: the address it was delivered for
            original = null;
        } else {
            counters.malformed("delivery without an address", line, from, to);
            return;
        }
        OpenMessage message = openMessage(id);
        message.touchedEpochSecond = at.getEpochSecond();
        String transport = field(line, tokenTo, to, TRANSPORT);
        String system = transport == null ? "exim" : "exim T=" + transport;
        counters.deliveryFound();
        sink.delivery(new Delivery(at, message.logged, null, recipient, original, message.sender, system, message.origin, status));
    }

    private OpenMessage openMessage(String id) {
        OpenMessage message = open.get(id);
        if (message == null) {
            message = new OpenMessage(id); // a reused id after Completed is a new object, so a new message
            open.put(id, message);
        }
        message.touchedEpochSecond = latestEpochSecond;
        return message;
    }

    /** The value of a {@code  K=value} field (up to the next space), or null. */
    private String field(byte[] line, int from, int to, byte[] name) {
        int at = indexOf(line, from, to, name);
        if (at < 0) {
            return null;
        }
        int valueFrom = at + name.length;
        int valueTo = indexOf(line, valueFrom, to, (byte) ' ');
        return interner.intern(line, valueFrom, valueTo < 0 ? to : valueTo);
    }

    private static String stripBrackets(String sender) {
        return sender.equals("<>") ? "" : sender;
    }

    private static Instant shift(Instant utc, int offsetSeconds) {
        return utc == null ? null : utc.minusSeconds(offsetSeconds);
    }

    /** {@code xxxxxx-xxxxxx-xx} (16) or {@code xxxxxx-xxxxxxxxxxx-xxxx} (23), base-62. */
    static boolean isMessageId(byte[] line, int from, int to) {
        int length = to - from;
        int second;
        if (length == 16) {
            second = 6;
        } else if (length == 23) {
            second = 11;
        } else {
            return false;
        }
        if (line[from + 6] != '-' || line[from + 7 + second] != '-') {
            return false;
        }
        for (int i = from; i < to; i++) {
            byte b = line[i];
            boolean alnum = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
            if (!alnum && i != from + 6 && i != from + 7 + second) {
                return false;
            }
        }
        return true;
    }
}
