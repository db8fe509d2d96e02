package org.lapsewatch.mailflow;

/** Receives the delivery attempts a log parser finds. */
@FunctionalInterface
public interface DeliverySink {
    void delivery(Delivery delivery);
}
