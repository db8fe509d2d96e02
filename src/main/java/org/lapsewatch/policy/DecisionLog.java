package org.lapsewatch.policy;

import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Writes the log line of every non-allow decision on one background thread, so that answering
 * Postfix never waits for the log's destination. Writing to standard error from the connection
 * threads let a slow write (a busy disk, a stalled journal pipe) hold decisions for seconds: the
 * policy benchmark saw single answers take 3–5 s that way, none without the log lines.
 *
 * <p>No line is dropped: the queue is bounded, and when the writer falls that far behind, a
 * decision waits for room (Postfix then sees the log's speed, as it did before). After
 * {@link #close()} lines are written directly.
 */
final class DecisionLog implements AutoCloseable {
    /** Lines buffered before a decision waits for the writer: about a second of rejects under full load. */
    static final int CAPACITY = 8192;

    /** Queued by {@link #close()}; recognised by identity, so no logged text can stop the writer. */
    private static final String END = new String("end of the decision log");

    private final Consumer<String> sink;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread writer;
    private volatile boolean closed;

    /** A decision log writing to {@code logger} at info level. */
    static DecisionLog to(Logger logger, String listener) {
        return new DecisionLog(logger::info, listener);
    }

    DecisionLog(Consumer<String> sink, String listener) {
        this.sink = sink;
        this.writer = Thread.ofPlatform().name("lapsewatch-" + listener + "-decision-log").daemon().start(this::write);
    }

    /** Queues one line, formatted now with SLF4J's {@code {}} placeholders. */
    void info(String format, Object... arguments) {
        String line = MessageFormatter.arrayFormat(format, arguments).getMessage();
        if (closed) {
            sink.accept(line);
            return;
        }
        try {
            lines.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sink.accept(line);
        }
    }

    private void write() {
        while (true) {
            String line;
            try {
                line = lines.take();
            } catch (InterruptedException e) {
                return;
            }
            if (line == END) {
                return;
            }
            sink.accept(line);
        }
    }

    /** Writes what is queued, then stops the writer; later lines are written directly. */
    @Override
    public void close() {
        closed = true;
        try {
            lines.put(END);
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String line;
        while ((line = lines.poll()) != null) {
            if (line != END) {
                sink.accept(line);
            }
        }
    }
}
