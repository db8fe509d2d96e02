package org.lapsewatch.policy;

/** What the listeners answer when they cannot decide (internal error, unreadable request). */
public enum FailMode {
    /** Let the mail through: policy {@code DUNNO}, socketmap {@code NOTFOUND}. */
    OPEN,
    /** Hold the mail back for now: policy {@code DEFER_IF_PERMIT 4.7.1}, socketmap {@code TEMP}. */
    CLOSED;

    static FailMode parse(String text) {
        return switch (text) {
            case "open" -> OPEN;
            case "closed" -> CLOSED;
            default -> throw new IllegalArgumentException("failMode must be open or closed, got '" + text + "'");
        };
    }
}
