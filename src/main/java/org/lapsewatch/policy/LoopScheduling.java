package org.lapsewatch.policy;

import java.lang.reflect.Constructor;
import java.util.concurrent.Executor;

/**
 * Builds virtual threads whose continuations run on an executor of Lapsewatch's choosing (a
 * {@link ReadLoop}) instead of on the JDK's shared scheduler.
 *
 * <p>Why: behind Postfix a connection carries one request every few milliseconds. Woken by the
 * read loop, a connection's thread on the JDK's scheduler needs a second wake-up, of a parked
 * carrier thread, before it can parse and reply; on this project's 2-core VM that doubled a
 * decision's round trip (p50 about 100 µs against 30 µs for a thread blocked in its read) and its
 * CPU time (80 against 40 µs). Run by the loop that read its input, the thread continues on the
 * loop's own thread right after the read: one wake-up per request, as for a blocked thread.
 *
 * <p>The JDK has this builder ({@code ThreadBuilders.VirtualThreadBuilder(Executor)}, which its
 * own tests use) but does not export it. Reaching it needs {@code java.lang} opened to
 * Lapsewatch: the jar's manifest opens it ({@code Add-Opens}) for {@code java -jar} and the
 * launcher, and {@code --add-opens java.base/java.lang=ALL-UNNAMED} does for a class path. Without
 * it, or on a JDK without that constructor, {@link #available()} is false and the listeners fall
 * back to the JDK's scheduler.
 */
final class LoopScheduling {
    private static final Constructor<?> BUILDER = find();

    private LoopScheduling() {
    }

    /** Whether virtual threads can be given their own scheduler in this JVM. */
    static boolean available() {
        return BUILDER != null;
    }

    /** A builder of virtual threads run by {@code scheduler}; only when {@link #available()}. */
    static Thread.Builder.OfVirtual threadsRunBy(Executor scheduler) {
        if (BUILDER == null) {
            throw new IllegalStateException("virtual threads cannot be given their own scheduler in this JVM");
        }
        try {
            return (Thread.Builder.OfVirtual) BUILDER.newInstance(scheduler);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the JDK refused a virtual thread builder it offered at start-up", e);
        }
    }

    /** Why {@link #available()} is false, for the start-up log. */
    static String whyUnavailable() {
        return BUILDER != null ? "" : "java.lang is not open to Lapsewatch, or this JDK has no builder for virtual threads"
                + " with their own scheduler; --add-opens java.base/java.lang=ALL-UNNAMED opens it";
    }

    private static Constructor<?> find() {
        try {
            Constructor<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder")
                    .getDeclaredConstructor(Executor.class);
            c.setAccessible(true);
            // a JDK that has the constructor but no continuations throws here, not at the first connection
            c.newInstance((Executor) Runnable::run);
            return c;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
