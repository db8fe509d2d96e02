package org.lapsewatch.sim;

import java.time.Instant;

/** A fault a scenario switches on at {@code from} and off at {@code until} (null: never). */
record ScheduledFault(Service service, Fault fault, Instant from, Instant until) {
    boolean activeAt(Instant now) {
        return !now.isBefore(from) && (until == null || now.isBefore(until));
    }
}
