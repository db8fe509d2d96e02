package org.lapsewatch.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * One connection of the Postfix socketmap protocol ({@code socketmap_table(5)}): requests are
 * netstrings {@code <length>:<name> <key>,}; replies are netstrings {@code OK <value>},
 * {@code NOTFOUND }, {@code TEMP <reason>} or {@code PERM <reason>}.
 *
 * <p>Only the map name {@code transport} is served. Postfix's {@code transport_maps} asks for the
 * full address ({@code user@sub.example.nl}), then the domain ({@code sub.example.nl}), then
 * parent forms ({@code .example.nl}, {@code .nl}) when {@code parent_domain_matches_transport_maps}
 * applies. Every form is reduced to its host name and matched against the verdict table the way
 * the policy server matches a recipient, so the first query already gets the answer. A request
 * that is not a netstring, or one longer than {@code maxLineLength}, gets {@code PERM} and the
 * connection is closed: a netstream cannot be resynchronised.
 */
final class SocketmapConnection {
    private static final Logger log = LoggerFactory.getLogger(SocketmapConnection.class);
    private static final byte[] TRANSPORT = "transport ".getBytes(StandardCharsets.US_ASCII);

    private final ServeOptions options;
    private final Supplier<VerdictTable> tables;
    private final PolicyMetrics.Listener metrics;
    private final DecisionLog decisions;
    private final TcpListener.Connection connection;
    private final String peer;
    private final byte[] request;

    SocketmapConnection(TcpListener.Connection connection, ServeOptions options, Supplier<VerdictTable> tables,
                        PolicyMetrics.Listener metrics, DecisionLog decisions) {
        this.options = options;
        this.tables = tables;
        this.metrics = metrics;
        this.decisions = decisions;
        this.connection = connection;
        this.peer = connection.peer();
        this.request = new byte[options.maxLineLength()];
    }

    void serve() throws IOException {
        InputStream in = new java.io.BufferedInputStream(connection.in(), 4096);
        OutputStream out = connection.out();
        while (true) {
            int length = 0;
            int digits = 0;
            int b;
            while ((b = in.read()) >= '0' && b <= '9') {
                length = length * 10 + (b - '0');
                if (++digits > 9 || length > request.length) {
                    refuse(in, out, "a netstring longer than " + request.length + " bytes", PolicyMetrics.Failure.OVERSIZED);
                    return;
                }
            }
            if (b < 0 && digits == 0) {
                return;
            }
            if (b != ':' || digits == 0) {
                refuse(in, out, b < 0 ? "an unfinished netstring" : "bytes that are not a netstring",
                        b < 0 ? PolicyMetrics.Failure.DISCONNECTED : PolicyMetrics.Failure.MALFORMED);
                return;
            }
            int read = in.readNBytes(request, 0, length);
            int comma = in.read();
            if (read < length || comma < 0) {
                metrics.failed(PolicyMetrics.Failure.DISCONNECTED);
                return;
            }
            if (comma != ',') {
                refuse(in, out, "a netstring without its closing comma", PolicyMetrics.Failure.MALFORMED);
                return;
            }
            out.write(answer(length));
            out.flush();
        }
    }

    private void refuse(InputStream in, OutputStream out, String what, PolicyMetrics.Failure kind) throws IOException {
        metrics.failed(kind);
        log.warn("socketmap: {} sent {}; answered PERM and closed", peer, what);
        if (kind != PolicyMetrics.Failure.DISCONNECTED) {
            out.write(SocketmapReplies.PERM_MALFORMED);
            out.flush();
            connection.lingeringClose();
        }
    }

    private byte[] answer(int length) {
        if (!startsWithTransport(length)) {
            metrics.failed(PolicyMetrics.Failure.MALFORMED);
            log.warn("socketmap: {} asked for map '{}'; only 'transport' is served", peer, printable(0, length));
            return SocketmapReplies.PERM_UNKNOWN_MAP;
        }
        try {
            VerdictTable table = tables.get();
            int index = table.indexOf(request, TRANSPORT.length, length);
            if (index < 0) {
                metrics.decided(Action.ALLOW, options.dryRun());
                return SocketmapReplies.NOT_FOUND;
            }
            Verdict verdict = table.verdictAt(index);
            metrics.decided(verdict.action(), options.dryRun());
            byte[] reply = options.dryRun() ? SocketmapReplies.NOT_FOUND : table.transportReplyAt(index);
            decisions.info("socketmap decision action={} mode={} recipient_domain={} reason=\"{}\" key={}",
                    verdict.action().wireName(), options.dryRun() ? "dry-run" : "enforced",
                    verdict.domain().ascii(), verdict.reason(), printable(TRANSPORT.length, length));
            return reply;
        } catch (RuntimeException e) {
            metrics.failed(PolicyMetrics.Failure.INTERNAL);
            log.error("socketmap: internal error looking up '{}'; answered fail mode {}",
                    printable(TRANSPORT.length, length), options.failMode(), e);
            return SocketmapReplies.failure(options.failMode());
        }
    }

    private boolean startsWithTransport(int length) {
        if (length < TRANSPORT.length) {
            return false;
        }
        for (int i = 0; i < TRANSPORT.length; i++) {
            if (request[i] != TRANSPORT[i]) {
                return false;
            }
        }
        return true;
    }

    private String printable(int from, int to) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < Math.min(to, from + 320); i++) {
            char c = (char) (request[i] & 0xff);
            s.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return s.toString();
    }
}
