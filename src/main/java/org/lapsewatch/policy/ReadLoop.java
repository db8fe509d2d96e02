package org.lapsewatch.policy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Reads the input of a listener's connections on one platform thread and hands each chunk to the
 * connection's own virtual thread, which parses it, decides and writes the reply.
 *
 * <p>Why not a blocking read on the virtual thread: on Linux the JDK then, for every request,
 * tries the read (which finds nothing, since Postfix sends the next request only after the reply),
 * re-arms the socket in its poller with {@code epoll_ctl} and parks the thread, and its poller
 * thread wakes it when the request comes: four to five system calls per decision on the server
 * where a thread blocked in the kernel needs two (perf on the policy benchmark, 2026-12-07: 1.9
 * reads, 1 write, 0.96 {@code epoll_ctl}, 0.3 {@code epoll_wait} and 0.4 {@code futex} per
 * request). Here a connection is registered once, level-triggered, and this loop reads only sockets
 * that have input: a read and a write per decision, the waits shared by every connection ready at
 * once. The connection's virtual thread still does all the protocol work and writes its own
 * replies, so a slow or stuck peer holds up nobody else.
 *
 * <p>Where the JVM allows it ({@link LoopScheduling}), the loop also schedules its connections'
 * threads: a thread woken by a chunk runs on the loop's own thread right after the loop's reads,
 * until it waits again (for its next chunk, or for a peer that does not read its replies).
 * Otherwise the JDK's scheduler runs them, which costs a second wake-up per request: the loop
 * wakes a parked carrier thread.
 *
 * <p>A connection has one chunk of {@link #CHUNK} bytes. The loop reads into it only when the
 * connection's thread has taken everything from it; a peer that sends faster than its thread reads
 * (pipelined requests) is paused, no longer selected, until its thread has emptied the chunk.
 */
final class ReadLoop implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReadLoop.class);
    /** Bytes read at a time for one connection: a Postfix policy request is about 600. */
    static final int CHUNK = 8192;

    /** Continuations run one after another before the loop selects again, at most. */
    private static final int RUNS_PER_SELECT = 1024;

    private final Selector selector;
    private final Queue<Input> registrations = new ConcurrentLinkedQueue<>();
    /** Continuations of this loop's connection threads that are ready to run; unused when they run on the JDK's scheduler. */
    private final Queue<Runnable> ready = new ConcurrentLinkedQueue<>();
    private final Thread.Builder.OfVirtual connectionThreads;
    private final Consumer<SelectionKey> onReadable = this::readable;
    private final Thread thread;
    private volatile boolean closed;
    /** Set once the loop has stopped: ready continuations then run on platform threads of their own. */
    private volatile boolean stopped;

    /**
     * A loop named {@code name}; with {@code schedulesConnections} (only where
     * {@link LoopScheduling#available()}) its connections' threads run on the loop's thread.
     */
    ReadLoop(String name, boolean schedulesConnections) throws IOException {
        this.selector = Selector.open();
        this.connectionThreads = schedulesConnections ? LoopScheduling.threadsRunBy(this::schedule) : Thread.ofVirtual();
        this.thread = Thread.ofPlatform().name(name).daemon().start(this::run);
    }

    /** A builder for the virtual threads of connections read by this loop. */
    Thread.Builder.OfVirtual connectionThreads() {
        return connectionThreads;
    }

    /**
     * The input of {@code channel} (non-blocking, not yet registered anywhere), to be read by
     * {@code reader} only, which may be started before or after.
     */
    Input register(SocketChannel channel, Thread reader) {
        Input input = new Input(this, channel, reader);
        registrations.add(input);
        selector.wakeup();
        return input;
    }

    private void run() {
        try {
            while (!closed) {
                turn();
            }
        } catch (ClosedSelectorException e) {
            // closed while selecting: the listener is shutting down
        } catch (IOException | RuntimeException e) {
            if (!closed) {
                log.error("read loop {} failed; its connections are ended", thread.getName(), e);
            }
        } finally {
            SocketException end = new SocketException("the listener's read loop stopped");
            for (SelectionKey key : selector.keys()) {
                ((Input) key.attachment()).end(end);
            }
            Input unregistered;
            while ((unregistered = registrations.poll()) != null) {
                unregistered.end(end);
            }
            this.stopped = true;
            runReadyElsewhere();
        }
    }

    /**
     * One turn of the loop: reads what has come, registers new connections, runs the threads that
     * can go on. A method of its own because the JIT compiles methods by their calls: the loop in
     * {@link #run()} is entered once and ran interpreted, 8 % of the loop's CPU behind Postfix
     * (perf, 2026-12-07).
     */
    private void turn() throws IOException {
        if (ready.isEmpty()) {
            selector.select(onReadable);
        } else {
            selector.selectNow(onReadable);
        }
        Input input;
        while ((input = registrations.poll()) != null) {
            try {
                input.key = input.channel.register(selector, SelectionKey.OP_READ, input);
            } catch (ClosedChannelException e) {
                input.end(new SocketException("connection closed"));
            }
        }
        runReady();
    }

    /** Runs the continuations that are ready, those that become ready meanwhile too, up to {@link #RUNS_PER_SELECT}. */
    private void runReady() {
        Runnable continuation;
        for (int n = 0; n < RUNS_PER_SELECT && (continuation = ready.poll()) != null; n++) {
            try {
                continuation.run();
            } catch (RuntimeException e) { // the JDK's, not the connection's: those end its thread
                log.error("read loop {}: a connection's thread failed to run", thread.getName(), e);
            }
        }
    }

    /**
     * The scheduler of this loop's connection threads: a thread that can go on (its chunk came,
     * its connection ended, its timed wait is over) runs on the loop's thread after the next
     * select, which returns at once when the thread was woken from elsewhere.
     */
    private void schedule(Runnable continuation) {
        ready.add(continuation);
        if (stopped) {
            runReadyElsewhere(); // the loop has stopped: finish the thread anyway, so it sees its end
        } else if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    /** Runs each ready continuation on a platform thread of its own, once the loop no longer does. */
    private void runReadyElsewhere() {
        Runnable continuation;
        while ((continuation = ready.poll()) != null) {
            Thread.ofPlatform().name(thread.getName() + "-finishing").daemon().start(continuation);
        }
    }

    private void readable(SelectionKey key) {
        Input input = (Input) key.attachment();
        try {
            if (input.filled != 0) {
                input.pause();
                return;
            }
            input.buffer.clear();
            int n = input.channel.read(input.buffer);
            if (n < 0) {
                key.cancel();
                input.end(null);
            } else if (n > 0) {
                input.lastInputNanos = System.nanoTime();
                input.filled = n;
                LockSupport.unpark(input.reader);
            }
        } catch (IOException e) {
            key.cancel();
            input.end(e);
        } catch (CancelledKeyException e) {
            input.end(new SocketException("connection closed")); // closed by its reader or the listener meanwhile
        }
    }

    /** Stops the loop; connections still waiting for input see it end. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(5000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            log.debug("read loop {}: closing its selector failed: {}", thread.getName(), e.toString());
        }
    }

    /**
     * A connection's input as its virtual thread sees it: {@link #read} waits for the loop's next
     * chunk, or for the end of the input; the end comes with the peer's, a read error, or
     * {@link #close()}.
     */
    static final class Input extends InputStream {
        private final ReadLoop loop;
        final SocketChannel channel;
        private final Thread reader;
        private final byte[] chunk = new byte[CHUNK];
        private final ByteBuffer buffer = ByteBuffer.wrap(chunk);
        private final AtomicBoolean paused = new AtomicBoolean();
        private volatile SelectionKey key;
        /** Bytes the loop put in the chunk, 0 once the reader has taken them all; set by the loop only when 0. */
        private volatile int filled;
        /** The reader's position in the chunk. */
        private int taken;
        private volatile boolean ended;
        private IOException failure;
        private int timeoutMillis;
        /** When the loop last read bytes for this connection (or registered it), for the idle sweep. */
        volatile long lastInputNanos = System.nanoTime();

        private Input(ReadLoop loop, SocketChannel channel, Thread reader) {
            this.loop = loop;
            this.channel = channel;
            this.reader = reader;
        }

        /** A read that waits longer than this many milliseconds throws {@link SocketTimeoutException}; 0 waits for ever. */
        void setTimeout(int millis) {
            this.timeoutMillis = millis;
        }

        @Override
        public int read() throws IOException {
            int available = awaitChunk();
            if (available < 0) {
                return -1;
            }
            int b = chunk[taken] & 0xff;
            took(1, available);
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int available = awaitChunk();
            if (available < 0) {
                return -1;
            }
            int n = Math.min(len, available - taken);
            System.arraycopy(chunk, taken, b, off, n);
            took(n, available);
            return n;
        }

        /** The reader took {@code n} more bytes of the {@code available} in the chunk; an emptied chunk goes back to the loop. */
        private void took(int n, int available) {
            taken += n;
            if (taken == available) {
                taken = 0;
                filled = 0;
                resumeIfPaused();
            }
        }

        @Override
        public int available() {
            int f = filled;
            return f == 0 ? 0 : f - taken;
        }

        /** The bytes in the chunk, waiting for the loop to fill it; -1 at the end of the input. */
        private int awaitChunk() throws IOException {
            long deadline = timeoutMillis == 0 ? 0 : System.nanoTime() + timeoutMillis * 1_000_000L;
            int available;
            while ((available = filled) == 0) {
                if (ended) {
                    if (filled != 0) {
                        continue; // the last chunk came before the end
                    }
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                if (deadline == 0) {
                    LockSupport.park(this);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new SocketTimeoutException("no input for " + timeoutMillis + " ms");
                    }
                    LockSupport.parkNanos(this, left);
                }
            }
            return available;
        }

        /**
         * The chunk is still full: stop selecting this connection until its reader has emptied it.
         * The reader may empty it at any moment; whichever of the two sees the other's step resumes.
         */
        private void pause() {
            key.interestOps(0);
            paused.set(true);
            if (filled == 0 && paused.compareAndSet(true, false)) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }

        private void resumeIfPaused() {
            if (paused.get() && paused.compareAndSet(true, false)) {
                try {
                    key.interestOps(SelectionKey.OP_READ);
                } catch (CancelledKeyException e) {
                    return; // closed meanwhile: the next read sees the end
                }
                loop.selector.wakeup();
            }
        }

        /** Ends the input ({@code failure} null: the peer's end of stream) and wakes the reader. */
        private synchronized void end(IOException cause) {
            if (!ended) {
                failure = cause;
                ended = true;
            }
            LockSupport.unpark(reader);
        }

        /** Closes the connection: a reader waiting for input gets a {@link SocketException}. */
        @Override
        public void close() throws IOException {
            end(new SocketException("connection closed"));
            try {
                channel.close();
            } finally {
                loop.selector.wakeup(); // the socket is released when the loop next selects
            }
        }
    }
}
