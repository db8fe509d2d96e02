package org.lapsewatch.dns;

import org.junit.jupiter.api.Test;
import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule of the reference walk: rounds repeat, only active and retired zones are walked, one zone's failure spares the rest. */
class ReferenceWalkTest {
    private static final DomainName NEW = DomainName.parse("samenveilig.example");
    private static final DomainName OLD = DomainName.parse("bjzutrecht.example");

    @Test
    void rounds_repeat_and_a_failing_zone_does_not_stop_the_others() throws Exception {
        Scenario scenario = Scenario.load(Path.of(ReferenceWalkTest.class.getResource("/dns/legacy-references.yml").toURI()));
        try (Simulation sim = Simulation.start(scenario)) {
            LapsewatchConfig base = new LapsewatchConfig(null, null, null, null, null,
                    new DnsSettings(null, null, Duration.ofMillis(400), 0, 16, null, null, null), null, null, null, null);
            DnsSettings settings = sim.configure(base).dns();
            List<InventoryEntry> inventory = List.of(InventoryEntry.of(NEW, Lifecycle.ACTIVE), InventoryEntry.of(OLD, Lifecycle.RETIRED),
                    InventoryEntry.of(DomainName.parse("mailsupplier.example"), Lifecycle.DEFENSIVE));
            Map<DomainName, List<DnsReference>> stored = new ConcurrentHashMap<>();
            AtomicInteger attemptsAtNew = new AtomicInteger();
            ReferenceWalk.Sink sink = (zone, refs) -> {
                if (zone.equals(NEW) && attemptsAtNew.incrementAndGet() == 1) {
                    throw new IllegalStateException("database went away");
                }
                stored.put(zone, refs);
            };
            try (ReferenceWalk walk = new ReferenceWalk(() -> inventory, new ZoneWalks(settings, Resolver.from(settings)), sink)
                    .start(Duration.ZERO, Duration.ofMillis(100))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (!stored.containsKey(NEW) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
            }
            assertThat(attemptsAtNew.get()).as("a second round ran after the first failed").isGreaterThanOrEqualTo(2);
            assertThat(stored.keySet()).containsExactlyInAnyOrder(NEW, OLD);
            assertThat(stored.get(NEW)).extracting(DnsReference::describe).contains("samenveilig.example MX → mail.bjzutrecht.example");
        }
    }
}
