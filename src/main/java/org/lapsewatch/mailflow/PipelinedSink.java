package org.lapsewatch.mailflow;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Hands delivery attempts to another sink on a second thread, in batches and in order, so that
 * parsing and aggregation run on two cores. {@link #close()} waits until every attempt was applied
 * and rethrows what the other thread threw.
 */
final class PipelinedSink implements DeliverySink, AutoCloseable {
    private static final int BATCH = 2048;
    private static final List<Delivery> END = List.of();

    private final BlockingQueue<List<Delivery>> queue = new ArrayBlockingQueue<>(16);
    private final Thread consumer;
    private List<Delivery> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;

    PipelinedSink(DeliverySink target) {
        consumer = Thread.ofPlatform().name("mailflow-aggregate").daemon().start(() -> {
            try {
                while (true) {
                    List<Delivery> deliveries = queue.take();
                    if (deliveries == END) {
                        return;
                    }
                    for (Delivery delivery : deliveries) {
                        target.delivery(delivery);
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
        batch.add(delivery);
        if (batch.size() >= BATCH) {
            put(batch);
            batch = new ArrayList<>(BATCH);
        }
    }

    private void put(List<Delivery> deliveries) {
        try {
            while (!queue.offer(deliveries, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                rethrow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while handing attempts to the aggregator", e);
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
