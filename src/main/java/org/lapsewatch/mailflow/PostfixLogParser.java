package org.lapsewatch.mailflow;

import org.lapsewatch.mailflow.OpenMessages.OpenMessage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Arrays;

import static org.lapsewatch.mailflow.AsciiBytes.indexOf;
import static org.lapsewatch.mailflow.AsciiBytes.isDigit;
import static org.lapsewatch.mailflow.AsciiBytes.startsWith;
import static org.lapsewatch.mailflow.AsciiBytes.utf8;

/**
 * Postfix logs with a classic syslog, RFC 3339 (journald short-iso, rsyslog) or RFC 5424 prefix,
 * for any number of hosts and instances ({@code postfix-out/smtp}). Lines are joined per host,
 * instance and queue id: {@code smtpd client=}, {@code pickup uid=} and {@code qmgr from=} give
 * the origin and sender of each later {@code to=<…>} attempt, {@code cleanup message-id=} its
 * Message-ID (one string per message, not per line); {@code removed} ends the queue id
 * (Postfix reuses them). Open queue ids are capped in number and age, and the evictions counted.
 * {@code NOQUEUE: reject: RCPT} lines count as rejected attempts.
 */
final class PostfixLogParser implements LogParser {
    private static final byte[] TO = AsciiBytes.of("to=<");
    private static final byte[] ORIG_TO = AsciiBytes.of(", orig_to=<");
    private static final byte[] STATUS = AsciiBytes.of(", status=");
    private static final byte[] FROM = AsciiBytes.of("from=<");
    private static final byte[] MESSAGE_ID = AsciiBytes.of("message-id=");
    private static final byte[] UID = AsciiBytes.of("uid=");
    private static final byte[] CLIENT = AsciiBytes.of("client=");
    private static final byte[] REMOVED = AsciiBytes.of("removed");
    private static final byte[] REJECT_RCPT = AsciiBytes.of("reject: RCPT from ");
    private static final byte[] REJECT_FROM = AsciiBytes.of("; from=<");
    private static final byte[] REJECT_TO = AsciiBytes.of(" to=<");
    private static final byte[] NOQUEUE = AsciiBytes.of("NOQUEUE");
    private static final byte[] POSTFIX = AsciiBytes.of("postfix");
    /** Letters and digits, the bytes of a queue id (one table load per byte instead of three range tests). */
    private static final boolean[] QUEUE_ID_BYTES = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            QUEUE_ID_BYTES[b] = (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
        }
    }

    private final DeliverySink sink;
    private final ScanCounters counters;
    private final SyslogTime time;
    private final OpenMessages<QueueKey> open;
    private final ByteInterner interner = new ByteInterner();
    /** The current line's queue key, reused to look messages up without allocating. */
    private final QueueKey probe = new QueueKey(new byte[256], 0, 0);
    private long latestEpochSecond = Long.MIN_VALUE;

    // the parsed prefix of the current line
    private int tsFrom;
    private int tsTo;
    private int classicMonth;
    private int hostFrom;
    private int instanceTo;
    private int systemTo;
    private int messageFrom;

    PostfixLogParser(DeliverySink sink, ScanCounters counters, ZoneId zone, YearMonth reference,
                     int maxOpenMessages, Duration maxAge) {
        this.sink = sink;
        this.counters = counters;
        this.time = new SyslogTime(zone, reference);
        this.open = new OpenMessages<>(maxOpenMessages, maxAge.toSeconds(), counters);
    }

    @Override
    public void startSource(String name, YearMonth reference) {
        time.restart(reference);
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
        int state = readPrefix(line, from, to);
        if (state <= 0) {
            if (state < 0) {
                counters.malformed("unreadable syslog prefix", line, from, to);
            }
            return;
        }
        int qidFrom = messageFrom;
        int qidTo = qidFrom;
        while (qidTo < to && isQueueIdByte(line[qidTo])) {
            qidTo++;
        }
        int length = qidTo - qidFrom;
        if (length < 5 || length > 24 || qidTo + 2 > to || line[qidTo] != ':' || line[qidTo + 1] != ' ') {
            return; // connect, disconnect, warnings, statistics: nothing about a queued message
        }
        int rest = qidTo + 2;
        boolean noQueue = length == NOQUEUE.length && startsWith(line, qidFrom, to, NOQUEUE);
        switch (line[rest]) {
            case 't' -> {
                if (!noQueue && startsWith(line, rest, to, TO)) {
                    delivery(line, rest + TO.length, to, openMessage(line, qidFrom, qidTo));
                }
            }
            case 'f' -> {
                if (!noQueue && startsWith(line, rest, to, FROM)) {
                    openMessage(line, qidFrom, qidTo).sender = sender(line, rest + FROM.length, to);
                }
            }
            case 'm' -> {
                if (!noQueue && startsWith(line, rest, to, MESSAGE_ID)) {
                    openMessage(line, qidFrom, qidTo).messageId = messageId(line, rest + MESSAGE_ID.length, to);
                }
            }
            case 'u' -> {
                if (!noQueue && startsWith(line, rest, to, UID)) {
                    OpenMessage message = openMessage(line, qidFrom, qidTo);
                    int uidTo = indexOf(line, rest, to, (byte) ' ');
                    message.origin = "uid " + utf8(line, rest + UID.length, uidTo < 0 ? to : uidTo);
                    int fromAt = indexOf(line, rest, to, FROM);
                    if (fromAt >= 0) {
                        message.sender = sender(line, fromAt + FROM.length, to);
                    }
                }
            }
            case 'c' -> {
                if (!noQueue && startsWith(line, rest, to, CLIENT)) {
                    int end = indexOf(line, rest, to, (byte) ',');
                    openMessage(line, qidFrom, qidTo).origin = "client " + utf8(line, rest + CLIENT.length, end < 0 ? to : end);
                }
            }
            case 'r' -> {
                if (startsWith(line, rest, to, REJECT_RCPT)) {
                    reject(line, rest, to, noQueue ? null : openMessage(line, qidFrom, qidTo));
                } else if (!noQueue && startsWith(line, rest, to, REMOVED) && rest + REMOVED.length == to) {
                    open.remove(queueKey(line, qidFrom, qidTo));
                }
            }
            default -> {
            }
        }
    }

    /**
     * Reads the prefix of a line into the fields above.
     *
     * @return 1 for a Postfix line, 0 for another program's line, -1 for an unreadable prefix
     */
    private int readPrefix(byte[] line, int from, int to) {
        byte first = line[from];
        if (first == '<') {
            return readRfc5424(line, from, to);
        }
        int hostAt;
        if (isDigit(first)) {
            classicMonth = -1;
            tsFrom = from;
            tsTo = indexOf(line, from, to, (byte) ' ');
            if (tsTo < 0) {
                return -1;
            }
            hostAt = tsTo + 1;
        } else {
            classicMonth = SyslogTime.classicMonth(line, from, to);
            if (classicMonth < 0 || line[from + 15] != ' ') {
                return -1;
            }
            time.observeClassicMonth(classicMonth);
            tsFrom = from;
            tsTo = from + 15;
            hostAt = from + 16;
        }
        int hostTo = indexOf(line, hostAt, to, (byte) ' ');
        if (hostTo <= hostAt) {
            return -1;
        }
        hostFrom = hostAt;
        int tagFrom = hostTo + 1;
        int i = tagFrom;
        int slash = -1;
        while (i < to && line[i] != '[' && line[i] != ':' && line[i] != ' ') {
            if (line[i] == '/' && slash < 0) {
                slash = i;
            }
            i++;
        }
        if (i >= to || line[i] == ' ') {
            return -1;
        }
        systemTo = i;
        if (slash < 0 && !startsWith(line, tagFrom, to, POSTFIX)) {
            return 0;
        }
        instanceTo = slash < 0 ? i : slash;
        if (line[i] == '[') {
            i = indexOf(line, i, to, (byte) ']');
            if (i < 0) {
                return -1;
            }
            i++;
        }
        if (i + 1 >= to || line[i] != ':' || line[i + 1] != ' ') {
            return -1;
        }
        messageFrom = i + 2;
        return 1;
    }

    /** {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}; APP is {@code postfix} or {@code postfix/smtp}. */
    private int readRfc5424(byte[] line, int from, int to) {
        int close = indexOf(line, from, Math.min(to, from + 6), (byte) '>');
        if (close < 0 || close + 2 >= to || line[close + 1] != '1' || line[close + 2] != ' ') {
            return -1;
        }
        classicMonth = -1;
        tsFrom = close + 3;
        tsTo = indexOf(line, tsFrom, to, (byte) ' ');
        if (tsTo < 0) {
            return -1;
        }
        hostFrom = tsTo + 1;
        int hostTo = indexOf(line, hostFrom, to, (byte) ' ');
        if (hostTo < 0) {
            return -1;
        }
        int appFrom = hostTo + 1;
        int appTo = indexOf(line, appFrom, to, (byte) ' ');
        if (appTo < 0) {
            return -1;
        }
        int slash = indexOf(line, appFrom, appTo, (byte) '/');
        if (slash < 0 && !startsWith(line, appFrom, appTo, POSTFIX)) {
            return 0;
        }
        systemTo = appTo;
        instanceTo = slash < 0 ? appTo : slash;
        int procTo = indexOf(line, appTo + 1, to, (byte) ' ');
        int msgIdTo = procTo < 0 ? -1 : indexOf(line, procTo + 1, to, (byte) ' ');
        if (msgIdTo < 0 || msgIdTo + 1 >= to) {
            return -1;
        }
        int i = msgIdTo + 1;
        if (line[i] == '-') {
            i++;
        } else {
            while (i < to && line[i] == '[') {
                while (i < to && !(line[i] == ']' && line[i - 1] != '\\')) {
                    i++;
                }
                i++;
            }
        }
        while (i < to && line[i] == ' ') {
            i++;
        }
        if (i + 3 <= to && line[i] == (byte) 0xEF && line[i + 1] == (byte) 0xBB && line[i + 2] == (byte) 0xBF) {
            i += 3;
        }
        messageFrom = i;
        return 1;
    }

    private Instant lineTime(byte[] line) {
        Instant at = classicMonth > 0 ? time.classic(line, tsFrom, classicMonth) : time.iso(line, tsFrom, tsTo);
        if (at != null && at.getEpochSecond() > latestEpochSecond) {
            latestEpochSecond = at.getEpochSecond();
        }
        return at;
    }

    private void delivery(byte[] line, int recipientFrom, int to, OpenMessage message) {
        int recipientTo = indexOf(line, recipientFrom, to, (byte) '>');
        if (recipientTo < 0) {
            counters.malformed("delivery without closing '>'", line, recipientFrom, to);
            return;
        }
        String original = null;
        int after = recipientTo + 1;
        if (startsWith(line, after, to, ORIG_TO)) {
            int originalTo = indexOf(line, after + ORIG_TO.length, to, (byte) '>');
            if (originalTo > 0) {
                original = utf8(line, after + ORIG_TO.length, originalTo);
                after = originalTo + 1;
            }
        }
        int statusAt = indexOf(line, after, to, STATUS);
        if (statusAt < 0) {
            counters.malformed("delivery without status=", line, recipientFrom - TO.length, to);
            return;
        }
        int s = statusAt + STATUS.length;
        DeliveryStatus status;
        if (startsWith(line, s, to, SENT)) {
            status = DeliveryStatus.SENT;
        } else if (startsWith(line, s, to, DEFERRED)) {
            status = DeliveryStatus.DEFERRED;
        } else if (startsWith(line, s, to, BOUNCED)) {
            status = DeliveryStatus.BOUNCED;
        } else {
            return; // expired, deliverable (verify probes): not a delivery attempt
        }
        Instant at = lineTime(line);
        if (at == null) {
            counters.malformed("unreadable timestamp", line, tsFrom, to);
            return;
        }
        message.touchedEpochSecond = at.getEpochSecond();
        String recipient = utf8(line, recipientFrom, recipientTo);
        String system = interner.intern(line, hostFrom, systemTo);
        counters.deliveryFound();
        sink.delivery(new Delivery(at, message.logged, message.messageId, recipient, original, message.sender, system, message.origin, status));
    }

    private static final byte[] SENT = AsciiBytes.of("sent");
    private static final byte[] DEFERRED = AsciiBytes.of("deferred");
    private static final byte[] BOUNCED = AsciiBytes.of("bounced");

    private void reject(byte[] line, int rest, int to, OpenMessage message) {
        int clientFrom = rest + REJECT_RCPT.length;
        int clientTo = indexOf(line, clientFrom, to, (byte) ':');
        int fromAt = indexOf(line, clientFrom, to, REJECT_FROM);
        int toAt = fromAt < 0 ? -1 : indexOf(line, fromAt, to, REJECT_TO);
        int recipientTo = toAt < 0 ? -1 : indexOf(line, toAt + REJECT_TO.length, to, (byte) '>');
        Instant at = lineTime(line);
        if (clientTo < 0 || recipientTo < 0 || at == null) {
            counters.malformed("reject without client, to= or time", line, rest, to);
            return;
        }
        String sender = sender(line, fromAt + REJECT_FROM.length, to);
        String recipient = utf8(line, toAt + REJECT_TO.length, recipientTo);
        String origin = "client " + utf8(line, clientFrom, clientTo);
        // a NOQUEUE reject is a message of its own that ends here: the aggregator counts it once
        LoggedMessage logged = message != null ? message.logged : new LoggedMessage("NOQUEUE");
        counters.deliveryFound();
        sink.delivery(new Delivery(at, logged, message == null ? null : message.messageId, recipient, null, sender, interner.intern(line, hostFrom, systemTo),
                origin, DeliveryStatus.REJECTED));
        if (message != null) {
            message.touchedEpochSecond = at.getEpochSecond();
        }
    }

    private OpenMessage openMessage(byte[] line, int qidFrom, int qidTo) {
        QueueKey key = queueKey(line, qidFrom, qidTo);
        OpenMessage message = open.get(key);
        if (message == null) {
            // the key names the message; its state (the aggregator's too) ends at removed
            QueueKey owned = key.copy();
            message = new OpenMessage(owned);
            open.put(owned, message);
        }
        if (latestEpochSecond == Long.MIN_VALUE) {
            lineTime(line); // no attempt has told the log's time yet (its first lines): this line does
        }
        message.touchedEpochSecond = latestEpochSecond;
        return message;
    }

    /** {@code host instance queueid} of the current line, in {@link #probe}: valid until the next line. */
    private QueueKey queueKey(byte[] line, int qidFrom, int qidTo) {
        int prefix = instanceTo - hostFrom;
        int length = prefix + 1 + (qidTo - qidFrom);
        if (probe.bytes.length < length) {
            probe.bytes = new byte[length * 2];
        }
        byte[] key = probe.bytes;
        System.arraycopy(line, hostFrom, key, 0, prefix);
        key[prefix] = ' ';
        System.arraycopy(line, qidFrom, key, prefix + 1, qidTo - qidFrom);
        probe.length = length;
        probe.hash = AsciiBytes.hash(key, 0, length);
        return probe;
    }

    /**
     * A queue key as bytes, so that looking up a line's message allocates nothing; only a new
     * message copies its key, which also names the message it opens.
     */
    private static final class QueueKey {
        byte[] bytes;
        int length;
        int hash;

        QueueKey(byte[] bytes, int length, int hash) {
            this.bytes = bytes;
            this.length = length;
            this.hash = hash;
        }

        QueueKey copy() {
            return new QueueKey(Arrays.copyOf(bytes, length), length, hash);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof QueueKey key && key.hash == hash
                    && key.length == length && AsciiBytes.sameBytes(bytes, 0, key.bytes, 0, length);
        }

        /** {@code host instance queueid}, the message's name (only for showing it). */
        @Override
        public String toString() {
            return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
        }
    }

    /**
     * The envelope sender, shared: a few senders send most mail, and the aggregator counts top
     * senders per domain, where one string per sender is compared by reference.
     */
    private String sender(byte[] line, int from, int to) {
        int end = indexOf(line, from, to, (byte) '>');
        return interner.intern(line, from, end < 0 ? to : end);
    }

    /**
     * The Message-ID as logged: {@code <id>} without its brackets, or a bare id up to the first
     * space or comma; null when empty ({@code message-id=<>}: Postfix logs that for a message
     * without the header).
     */
    private static String messageId(byte[] line, int from, int to) {
        int end;
        if (from < to && line[from] == '<') {
            from++;
            end = indexOf(line, from, to, (byte) '>');
        } else {
            end = from;
            while (end < to && line[end] != ' ' && line[end] != ',') {
                end++;
            }
        }
        if (end < 0) {
            end = to;
        }
        return end > from ? utf8(line, from, end) : null;
    }

    private static boolean isQueueIdByte(byte b) {
        return QUEUE_ID_BYTES[b & 0xFF];
    }

    /** Open queue ids right now (for tests of the bound). */
    int openMessages() {
        return open.size();
    }
}
