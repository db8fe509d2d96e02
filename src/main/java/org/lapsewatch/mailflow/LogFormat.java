package org.lapsewatch.mailflow;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The mail log formats {@code mailflow scan} reads; {@link #AUTO} decides from the first lines. */
public enum LogFormat {
    AUTO, POSTFIX, EXIM, EXCHANGE;

    /**
     * The format the first lines of a log are in: an Exchange {@code #Software}/{@code #Fields}
     * header, Exim's {@code YYYY-MM-DD hh:mm:ss} stamp followed by a message id or daemon text, or a
     * syslog line from a {@code postfix…} program. Empty input reads as Postfix.
     *
     * @throws IllegalArgumentException naming the input when no line looks like any of them
     */
    public static LogFormat detect(String input, List<byte[]> firstLines) {
        int postfix = 0;
        int exim = 0;
        for (byte[] line : firstLines) {
            String text = new String(line, StandardCharsets.UTF_8);
            if (text.startsWith("#Fields:") || text.startsWith("#Software: Microsoft Exchange")
                    || text.startsWith("#Log-type: Message Tracking")) {
                return EXCHANGE;
            }
            if (text.contains(" postfix/") || text.contains(" postfix[") || text.contains(" postfix ")
                    || text.matches("^\\S+ \\S+ \\S+ \\S+ [\\w.-]+/\\w+\\[\\d+\\]: .*")) {
                postfix++;
            } else if (text.matches("^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d.*")) {
                exim++;
            }
        }
        if (postfix == 0 && exim == 0) {
            if (firstLines.isEmpty()) {
                return POSTFIX;
            }
            throw new IllegalArgumentException(input + ": not a Postfix, Exim or Exchange log (first "
                    + firstLines.size() + " lines read); name one with --format");
        }
        return postfix >= exim ? POSTFIX : EXIM;
    }
}
