package org.lapsewatch.mailflow;

import java.time.YearMonth;

/**
 * Reads one mail log format line by line, from bytes, and reports delivery attempts to a
 * {@link DeliverySink}. A parser keeps only bounded state; a line it cannot read is counted and
 * sampled, never fatal.
 */
sealed interface LogParser permits PostfixLogParser, EximLogParser, ExchangeLogParser {
    /**
     * A new input begins (a file of a rotated set, stdin).
     *
     * @param reference the month the input was last written, for logs whose stamps have no year
     */
    void startSource(String name, YearMonth reference);

    /** One line, without its line terminator, in {@code line[from, to)}. */
    void line(byte[] line, int from, int to);

    /**
     * A block of input has been read (up to a mebibyte): messages the log has not mentioned for the
     * maximum age may end now. Called per block rather than checked per line, where a branch taken
     * once in thousands of lines made the JIT compile {@link #line} again when it was first taken.
     */
    void blockRead();
}
