package org.lapsewatch.mailflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands parser events to another sink on a second thread, in batches and in order, so that
 * parsing and aggregation run on two cores. {@link #close()} waits until every event was applied
 * and rethrows what the other thread threw.
 */
final class PipelinedSink implements DeliverySink, AutoCloseable {
    private static final int BATCH = 2048;
    private static final List<Object> END = List.of();

    /** A message end in the event stream (a bare string could be confused with nothing else, but say so). */
    private record Ended(String messageKey) {
    }

    private final BlockingQueue<List<Object>> queue = new ArrayBlockingQueue<>(16);
    private final Thread consumer;
    private List<Object> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;

    PipelinedSink(DeliverySink target) {
        consumer = Thread.ofPlatform().name("mailflow-aggregate").daemon().start(() -> {
            try {
                while (true) {
                    List<Object> events = queue.take();
                    if (events == END) {
                        return;
                    }
                    for (Object event : events) {
                        if (event instanceof Delivery delivery) {
                            target.delivery(delivery);
                        } else {
                            target.messageEnded(((Ended) event).messageKey());
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure = e;
                queue.clear();
            }
        });
    }

    @Override
    public void delivery(Delivery delivery) {
        add(delivery);
    }

    @Override
    public void messageEnded(String messageKey) {
        add(new Ended(messageKey));
    }

    private void add(Object event) {
        batch.add(event);
        if (batch.size() >= BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void put(List<Object> events) {
        try {
            while (!queue.offer(events, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing events to the aggregator", e);
        }
    }

    private void rethrow() {
        Throwable thrown = failure;
        if (thrown instanceof RuntimeException r) {
            throw r;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
    }

    @Override
    public void close() {
        if (!batch.isEmpty()) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
        put(END);
        try {
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the aggregator", e);
        }
        rethrow();
    }
}
