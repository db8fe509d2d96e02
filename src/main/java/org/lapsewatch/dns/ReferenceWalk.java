package org.lapsewatch.dns;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.ZoneFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The periodic walk of {@code serve}: every interval, walks each active and retired inventory zone
 * and hands its references to a sink (the store). A zone whose walk failed or came back incomplete
 * keeps the references it had: a timeout is not "nothing points anywhere". One zone's failure is
 * logged and never stops the others or the next round.
 */
public final class ReferenceWalk implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReferenceWalk.class);

    /** Where a zone's complete set of references goes. */
    @FunctionalInterface
    public interface Sink {
        void replaceZone(DomainName zone, List<DnsReference> references);
    }

    /** What one round did, for logs and tests. */
    public record Round(int stored, int kept) {
    }

    private final Supplier<List<InventoryEntry>> inventory;
    private final ZoneWalks walks;
    private final Sink sink;
    private final ScheduledExecutorService timer;

    public ReferenceWalk(Supplier<List<InventoryEntry>> inventory, ZoneWalks walks, Sink sink) {
        this.inventory = inventory;
        this.walks = walks;
        this.sink = sink;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("dns-reference-walk").factory());
    }

    /** Runs a round after {@code firstDelay}, then every {@code interval}; rounds never overlap. */
    public ReferenceWalk start(Duration firstDelay, Duration interval) {
        timer.scheduleWithFixedDelay(this::runLogged, firstDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One round over the current inventory, zone by zone. */
    public Round runOnce() {
        int stored = 0;
        int kept = 0;
        for (InventoryEntry entry : inventory.get()) {
            if (entry.lifecycle() != Lifecycle.ACTIVE && entry.lifecycle() != Lifecycle.RETIRED) {
                continue;
            }
            if (walkZone(entry)) {
                stored++;
            } else {
                kept++;
            }
        }
        return new Round(stored, kept);
    }

    private boolean walkZone(InventoryEntry entry) {
        String zone = entry.name().ascii();
        try {
            ZoneFacts facts = walks.walk(entry);
            String incomplete = ZoneWalks.incompleteReason(facts);
            if (incomplete != null) {
                LOG.warn("DNS reference walk of {}: {}; keeping the previous references", zone, incomplete);
                return false;
            }
            sink.replaceZone(entry.name(), facts.references());
            return true;
        } catch (RuntimeException e) {
            LOG.warn("DNS reference walk of {} failed; keeping the previous references", zone, e);
            return false;
        }
    }

    private void runLogged() {
        try {
            Round round = runOnce();
            LOG.info("DNS reference walk: {} zones stored, {} kept from before", round.stored(), round.kept());
        } catch (RuntimeException e) {
            // The inventory itself could not be read; the next round tries again.
            LOG.warn("DNS reference walk failed", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
