package org.lapsewatch.config;

/** YAML syntax errors as one line, for messages that already name the file and line. */
public final class YamlErrors {
    private YamlErrors() {
    }

    /**
     * SnakeYAML's messages span lines ("while scanning a quoted scalar", the source line, a caret,
     * "found unexpected end of stream"); this keeps the first and last of the words.
     */
    public static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        var lines = message.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("^") && !l.startsWith("in 'reader'")).toList();
        if (lines.size() <= 1) {
            return lines.isEmpty() ? message.strip() : lines.get(0);
        }
        return lines.get(0) + ": " + lines.getLast();
    }
}
