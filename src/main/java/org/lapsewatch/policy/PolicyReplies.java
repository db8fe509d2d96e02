package org.lapsewatch.policy;

import java.nio.charset.StandardCharsets;

/** The replies of the SMTP access policy protocol, as bytes ready to write. */
final class PolicyReplies {
    static final byte[] DUNNO = encode("action=DUNNO");
    /** The closed fail mode's answer: refuse for now unless another restriction rejects anyway. */
    static final byte[] FAIL_CLOSED = encode("action=DEFER_IF_PERMIT 4.7.1 Lapsewatch policy service cannot decide; try again later");

    private PolicyReplies() {
    }

    /** The reply for a verdict; never {@code OK}, which could turn a recipient check into an open relay. */
    static byte[] forVerdict(Action action, String text) {
        return switch (action) {
            case ALLOW -> DUNNO;
            case WARN -> encode("action=WARN " + text);
            case HOLD -> encode("action=HOLD " + text);
            case DEFER -> encode("action=DEFER_IF_PERMIT 4.7.1 " + text);
            case REJECT -> encode("action=REJECT 5.7.1 " + text);
        };
    }

    static byte[] failure(FailMode mode) {
        return mode == FailMode.OPEN ? DUNNO : FAIL_CLOSED;
    }

    private static byte[] encode(String action) {
        return (action + "\n\n").getBytes(StandardCharsets.US_ASCII);
    }
}
