package org.lapsewatch.mailflow;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines (LF or CRLF) without decoding them, handing each to a parser
 * straight from its buffer. A line longer than the maximum is cut and counted as malformed.
 */
final class LineReader {
    static final int BUFFER = 1 << 20;
    static final int MAX_LINE = 1 << 20;

    private LineReader() {
    }

    static void read(InputStream in, LogParser parser, ScanCounters counters) throws IOException {
        read(in, new byte[0], parser, counters, true);
    }

    /**
     * Reads lines until the stream ends.
     *
     * @param carry      an unterminated line left over from the previous read of the same log
     * @param endOfInput true when the stream's end is the end of the log (its last line need not
     *                   end with a newline); false for a growing log, whose last bytes may be half a line
     * @return the unterminated tail (empty when {@code endOfInput})
     */
    static byte[] read(InputStream in, byte[] carry, LogParser parser, ScanCounters counters, boolean endOfInput)
            throws IOException {
        byte[] buffer = new byte[Math.max(BUFFER, carry.length * 2)];
        System.arraycopy(carry, 0, buffer, 0, carry.length);
        int start = 0;
        int end = carry.length;
        while (true) {
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                break;
            }
            end += read;
            int lineStart = start;
            int newline;
            while ((newline = AsciiBytes.indexOf(buffer, lineStart, end, (byte) '\n')) >= 0) {
                emit(buffer, lineStart, newline, parser, counters);
                lineStart = newline + 1;
            }
            parser.blockRead();
            if (lineStart == 0 && end == buffer.length) {
                if (buffer.length >= MAX_LINE * 2) {
                    counters.lineRead();
                    counters.malformed("line longer than " + MAX_LINE + " bytes, skipped", buffer, 0, 200);
                    end = 0;
                    skipToNewline(in);
                } else {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                start = 0;
                continue;
            }
            System.arraycopy(buffer, lineStart, buffer, 0, end - lineStart);
            end -= lineStart;
            start = 0;
        }
        if (!endOfInput) {
            return Arrays.copyOfRange(buffer, start, end);
        }
        if (end > start) {
            emit(buffer, start, end, parser, counters);
        }
        return new byte[0];
    }

    private static void skipToNewline(InputStream in) throws IOException {
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            // the rest of an over-long line
        }
    }

    private static void emit(byte[] buffer, int from, int to, LogParser parser, ScanCounters counters) {
        if (to > from && buffer[to - 1] == '\r') {
            to--;
        }
        counters.lineRead();
        parser.line(buffer, from, to);
    }
}
