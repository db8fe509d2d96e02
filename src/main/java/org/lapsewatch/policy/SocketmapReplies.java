package org.lapsewatch.policy;

import java.nio.charset.StandardCharsets;

/**
 * The replies of the Postfix socketmap protocol for a {@code transport_maps} lookup, as
 * netstrings ready to write.
 *
 * <p>A transport table cannot hold a message, so {@link Action#HOLD} answers like
 * {@link Action#DEFER}: {@code retry:4.7.1 …} keeps the message in the deferred queue, retried
 * until {@code maximal_queue_lifetime} and then bounced. {@link Action#WARN} is not found: the
 * queue manager has nowhere to log a warning.
 */
final class SocketmapReplies {
    static final byte[] NOT_FOUND = netstring("NOTFOUND ");
    static final byte[] TEMP = netstring("TEMP Lapsewatch cannot decide");
    static final byte[] PERM_UNKNOWN_MAP = netstring("PERM unknown map name (Lapsewatch serves: transport)");
    static final byte[] PERM_MALFORMED = netstring("PERM malformed request");

    private SocketmapReplies() {
    }

    static byte[] forVerdict(Action action, String text) {
        return switch (action) {
            case ALLOW, WARN -> NOT_FOUND;
            case HOLD, DEFER -> netstring("OK retry:4.7.1 " + text);
            case REJECT -> netstring("OK error:5.7.1 " + text);
        };
    }

    static byte[] failure(FailMode mode) {
        return mode == FailMode.OPEN ? NOT_FOUND : TEMP;
    }

    static byte[] netstring(String payload) {
        byte[] body = payload.getBytes(StandardCharsets.US_ASCII);
        byte[] prefix = (body.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[prefix.length + body.length + 1];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(body, 0, out, prefix.length, body.length);
        out[out.length - 1] = ',';
        return out;
    }
}
