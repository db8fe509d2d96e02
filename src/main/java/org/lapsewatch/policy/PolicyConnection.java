package org.lapsewatch.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * One connection of the SMTP access policy delegation protocol: reads {@code name=value} lines up
 * to an empty line, answers one {@code action=…} reply per request, and loops while Postfix keeps
 * the connection open.
 *
 * <p>Requests are read into one buffer per connection and the attributes that matter are kept as
 * offsets into it, so an allowed request allocates nothing. Limits: a line longer than
 * {@code maxLineLength} or a request larger than {@code maxRequestBytes} gets the fail-mode reply
 * and the connection is closed (there is no safe place to resume); a line without {@code =} or
 * more than {@code maxAttributes} lines gets the fail-mode reply once the request's empty line
 * arrives, and the connection goes on.
 */
final class PolicyConnection {
    private static final Logger log = LoggerFactory.getLogger(PolicyConnection.class);

    private static final byte[] REQUEST = ascii("request");
    private static final byte[] PROTOCOL_STATE = ascii("protocol_state");
    private static final byte[] RECIPIENT = ascii("recipient");
    private static final byte[] SENDER = ascii("sender");
    private static final byte[] INSTANCE = ascii("instance");
    private static final byte[] QUEUE_ID = ascii("queue_id");
    private static final byte[] CLIENT_ADDRESS = ascii("client_address");
    private static final byte[] SMTPD_ACCESS_POLICY = ascii("smtpd_access_policy");
    private static final byte[] RCPT = ascii("RCPT");

    // attribute slots: start and end offsets into the request buffer
    private static final int A_REQUEST = 0, A_STATE = 1, A_RECIPIENT = 2, A_SENDER = 3, A_INSTANCE = 4,
            A_QUEUE_ID = 5, A_CLIENT = 6, SLOTS = 7;

    private final ServeOptions config;
    private final Supplier<VerdictTable> tables;
    private final PolicyMetrics.Listener metrics;
    private final DecisionLog decisions;
    private final TcpListener.Connection connection;
    private final String peer;

    private final byte[] input = new byte[8192];
    private int inputPos;
    private int inputLimit;

    private final byte[] request;
    private int requestLength;
    private final int[] starts = new int[SLOTS];
    private final int[] ends = new int[SLOTS];
    private int attributes;
    private String problem;

    PolicyConnection(TcpListener.Connection connection, ServeOptions config, Supplier<VerdictTable> tables,
                     PolicyMetrics.Listener metrics, DecisionLog decisions) {
        this.config = config;
        this.tables = tables;
        this.metrics = metrics;
        this.decisions = decisions;
        this.connection = connection;
        this.peer = connection.peer();
        this.request = new byte[config.maxRequestBytes()];
    }

    /** Outcome of reading one request. */
    private enum Read { COMPLETE, END_OF_STREAM, DISCONNECTED_MID_REQUEST, OVERSIZED }

    void serve() throws IOException {
        InputStream in = connection.in();
        OutputStream out = connection.out();
        while (true) {
            Read read = readRequest(in);
            switch (read) {
                case END_OF_STREAM -> {
                    return;
                }
                case DISCONNECTED_MID_REQUEST -> {
                    metrics.failed(PolicyMetrics.Failure.DISCONNECTED);
                    log.debug("policy: {} disconnected in the middle of a request", peer);
                    return;
                }
                case OVERSIZED -> {
                    metrics.failed(PolicyMetrics.Failure.OVERSIZED);
                    log.warn("policy: {} sent {}; answered fail mode {} and closed", peer, problem, config.failMode());
                    out.write(PolicyReplies.failure(config.failMode()));
                    out.flush();
                    connection.lingeringClose();
                    return;
                }
                case COMPLETE -> {
                    out.write(answer());
                    out.flush();
                }
            }
        }
    }

    private Read readRequest(InputStream in) throws IOException {
        requestLength = 0;
        attributes = 0;
        problem = null;
        for (int i = 0; i < SLOTS; i++) {
            starts[i] = -1;
            ends[i] = -1;
        }
        while (true) {
            int lineStart = requestLength;
            // copy the line a buffered chunk at a time (a request arrives as one or two chunks)
            while (true) {
                if (inputPos == inputLimit) {
                    int n = in.read(input, 0, input.length);
                    if (n < 0) {
                        return requestLength == 0 ? Read.END_OF_STREAM : Read.DISCONNECTED_MID_REQUEST;
                    }
                    inputPos = 0;
                    inputLimit = n;
                }
                int newline = indexOfNewline();
                int chunkEnd = newline < 0 ? inputLimit : newline;
                int chunk = chunkEnd - inputPos;
                int lineRoom = config.maxLineLength() - 1 - (requestLength - lineStart);
                int requestRoom = request.length - requestLength;
                if (chunk > lineRoom && lineRoom <= requestRoom) {
                    problem = "a line longer than " + config.maxLineLength() + " bytes";
                    return Read.OVERSIZED;
                }
                if (chunk > requestRoom) {
                    problem = "a request larger than " + request.length + " bytes";
                    return Read.OVERSIZED;
                }
                System.arraycopy(input, inputPos, request, requestLength, chunk);
                requestLength += chunk;
                inputPos = chunkEnd;
                if (newline >= 0) {
                    inputPos++;
                    break;
                }
            }
            int lineEnd = requestLength;
            if (lineEnd > lineStart && request[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd == lineStart) {
                if (attributes == 0 && problem == null) {
                    problem = "an empty request";
                }
                return Read.COMPLETE;
            }
            attribute(lineStart, lineEnd);
        }
    }

    /** The index of the next newline in the unread input, or -1. */
    private int indexOfNewline() {
        for (int i = inputPos; i < inputLimit; i++) {
            if (input[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private void attribute(int from, int to) {
        if (++attributes > config.maxAttributes()) {
            if (problem == null) {
                problem = "more than " + config.maxAttributes() + " attributes";
            }
            return;
        }
        int eq = -1;
        for (int i = from; i < to; i++) {
            if (request[i] == '=') {
                eq = i;
                break;
            }
        }
        if (eq <= from) {
            if (problem == null) {
                problem = "a line that is not name=value";
            }
            return;
        }
        int slot = slotOf(from, eq);
        if (slot >= 0) {
            starts[slot] = eq + 1;
            ends[slot] = to;
        }
    }

    private int slotOf(int from, int to) {
        return switch (request[from]) {
            case 'r' -> is(RECIPIENT, from, to) ? A_RECIPIENT : is(REQUEST, from, to) ? A_REQUEST : -1;
            case 'p' -> is(PROTOCOL_STATE, from, to) ? A_STATE : -1;
            case 's' -> is(SENDER, from, to) ? A_SENDER : -1;
            case 'i' -> is(INSTANCE, from, to) ? A_INSTANCE : -1;
            case 'q' -> is(QUEUE_ID, from, to) ? A_QUEUE_ID : -1;
            case 'c' -> is(CLIENT_ADDRESS, from, to) ? A_CLIENT : -1;
            default -> -1;
        };
    }

    private byte[] answer() {
        if (problem != null) {
            metrics.failed(PolicyMetrics.Failure.MALFORMED);
            log.warn("policy: {} sent {}; answered fail mode {}", peer, problem, config.failMode());
            return PolicyReplies.failure(config.failMode());
        }
        try {
            return decide();
        } catch (RuntimeException e) {
            metrics.failed(PolicyMetrics.Failure.INTERNAL);
            log.error("policy: internal error deciding for {} ({}); answered fail mode {}",
                    attribute(A_RECIPIENT), peer, config.failMode(), e);
            return PolicyReplies.failure(config.failMode());
        }
    }

    private byte[] decide() {
        if (!valueIs(A_REQUEST, SMTPD_ACCESS_POLICY)) {
            metrics.failed(PolicyMetrics.Failure.MALFORMED);
            log.warn("policy: {} sent request={} (expected smtpd_access_policy); answered fail mode {}",
                    peer, attribute(A_REQUEST), config.failMode());
            return PolicyReplies.failure(config.failMode());
        }
        if (!valueIs(A_STATE, RCPT) || starts[A_RECIPIENT] < 0 || starts[A_RECIPIENT] == ends[A_RECIPIENT]) {
            metrics.skipped();
            return PolicyReplies.DUNNO;
        }
        VerdictTable table = tables.get();
        int index = table.indexOf(request, starts[A_RECIPIENT], ends[A_RECIPIENT]);
        if (index < 0) {
            metrics.decided(Action.ALLOW, config.dryRun());
            return PolicyReplies.DUNNO;
        }
        Verdict verdict = table.verdictAt(index);
        if (table.exempts(attribute(A_SENDER), index)) {
            metrics.exempt();
            logDecision(verdict, "exempt");
            return PolicyReplies.DUNNO;
        }
        metrics.decided(verdict.action(), config.dryRun());
        if (config.dryRun()) {
            logDecision(verdict, "dry-run");
            return PolicyReplies.DUNNO;
        }
        logDecision(verdict, "enforced");
        return table.policyReplyAt(index);
    }

    /** One line per non-allow decision, with queue-safe fields only (no message content). */
    private void logDecision(Verdict verdict, String mode) {
        decisions.info("policy decision action={} mode={} recipient_domain={} reason=\"{}\" instance={} queue_id={} client={} sender={}",
                verdict.action().wireName(), mode, verdict.domain().ascii(), verdict.reason(), attribute(A_INSTANCE),
                attribute(A_QUEUE_ID), attribute(A_CLIENT), attribute(A_SENDER));
    }

    private String attribute(int slot) {
        if (starts[slot] < 0) {
            return "";
        }
        int length = Math.min(ends[slot] - starts[slot], 320);
        StringBuilder s = new StringBuilder(length);
        for (int i = starts[slot]; i < starts[slot] + length; i++) {
            char c = (char) (request[i] & 0xff);
            s.append(c >= 0x21 && c < 0x7f ? c : '?');
        }
        return s.toString();
    }

    private boolean valueIs(int slot, byte[] expected) {
        return starts[slot] >= 0 && is(expected, starts[slot], ends[slot]);
    }

    private boolean is(byte[] expected, int from, int to) {
        if (to - from != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (request[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
