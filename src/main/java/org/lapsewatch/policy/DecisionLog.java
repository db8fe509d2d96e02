package org.lapsewatch.policy;

import org.slf4j.Logger;
import org.slf4j.helpers.MessageFormatter;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Writes the log line of every non-allow decision on one background thread, so that answering
 * Postfix never waits for the log's destination or its lock.
 *
 * <p>Why: with the lines written from the connections' virtual threads, a connection that found
 * the logger's lock taken parked, and was woken from a platform thread; such a wake-up goes to
 * the virtual-thread scheduler's shared submission queue, which its carriers only look at when
 * their own queues run dry. Under steady load they never do: the policy benchmark saw rejected
 * recipients wait 1–6 s, until the load stopped, and nothing else. Here a connection only adds
 * its line to a lock-free queue and never parks.
 *
 * <p>The writer is woken by the line that finds the queue empty, then waits {@link #DRAIN_EVERY_NANOS}
 * for more before it writes, and drains until the queue is empty again: waking a platform thread is
 * a system call on the deciding carrier, and woken per line the writer was woken about 5,000 times a
 * second at 6,000 rejects/s; now it is at most 100 times. A line reaches the log at most that much
 * later. With nothing to write the writer sleeps: polling every 10 ms cost two such threads (one per
 * listener) a tenth of the server's CPU under Postfix's light load (perf, 2026-12-07).
 *
 * <p>No line is dropped: when the writer is {@link #CAPACITY} lines behind, the deciding thread
 * writes its own line (so a line can then appear before older queued ones). After
 * {@link #close()} lines are written directly.
 */
final class DecisionLog implements AutoCloseable {
    /** Lines buffered before decisions write their own: about a second of rejects under full load. */
    static final int CAPACITY = 8192;
    /** How often the writer looks for new lines. */
    static final long DRAIN_EVERY_NANOS = 10_000_000L;

    private final Consumer<String> sink;
    private final Queue<String> lines = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
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
        int waiting = queued.incrementAndGet();
        if (waiting > CAPACITY) {
            queued.decrementAndGet();
            sink.accept(line);
        } else {
            lines.add(line);
            if (waiting == 1) {
                LockSupport.unpark(writer); // the first line after an empty queue: the writer may be asleep
            }
            if (closed) {
                writeQueued(); // close() may have written the queue out before this line was in it
            }
        }
    }

    private void writeQueued() {
        String line;
        while ((line = lines.poll()) != null) {
            queued.decrementAndGet();
            sink.accept(line);
        }
    }

    private void write() {
        while (true) {
            writeQueued();
            if (closed) {
                return;
            }
            if (queued.get() == 0) {
                LockSupport.park(this); // until a line arrives (a line counted before this check has unparked it)
            }
            if (!closed) {
                LockSupport.parkNanos(this, DRAIN_EVERY_NANOS); // let the lines of a burst gather
            }
        }
    }

    /** Writes what is queued, then stops the writer; later lines are written directly. */
    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(writer);
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writeQueued();
    }
}
