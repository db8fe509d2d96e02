package org.lapsewatch.dns;

import org.junit.jupiter.api.Test;
import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.ZoneFacts;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The schedule of the reference walk: rounds repeat, only active and retired zones are walked, one
 * zone's failure spares the rest, and an incomplete walk never replaces what was stored.
 */
class ReferenceWalkTest {
    private static final DomainName NEW = DomainName.parse("samenveilig.example");
    private static final DomainName OLD = DomainName.parse("bjzutrecht.example");

    /** The simulation's DNS, with short timeouts and no retries so that faults cost little time. */
    private static DnsSettings dnsSettings(Simulation sim) {
        LapsewatchConfig base = new LapsewatchConfig(null, null, null, null, null,
                // 1.5 s, not less: on a loaded CI machine a shorter wait turns slow answers into unknowns and
                // scenarios into silence; only the deliberately timing-out vendor pays it.
                new DnsSettings(null, null, Duration.ofMillis(1500), 0, 16, null, null, null), null, null, null, null);
        return sim.configure(base).dns();
    }

    @Test
    void rounds_repeat_and_a_failing_zone_does_not_stop_the_others() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.load(Path.of(ReferenceWalkTest.class.getResource("/dns/legacy-references.yml").toURI())))) {
            DnsSettings settings = dnsSettings(sim);
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

    /**
     * A walk in which any question went unanswered — here a CNAME hop that times out, then an MX
     * host's address that gets SERVFAIL, both below the zone's own NS, MX and TXT, which answer —
     * keeps the stored references: what it did not see is unknown, not gone.
     */
    @Test
    void a_walk_with_any_unanswered_question_keeps_the_stored_references() throws Exception {
        try (Simulation sim = Simulation.start(Scenario.load(Path.of(ReferenceWalkTest.class.getResource("/dns/residual-trust.yml").toURI())))) {
            DnsSettings settings = dnsSettings(sim);
            DomainName flaky = DomainName.parse("flaky.nl");
            ZoneWalks walks = new ZoneWalks(settings, Resolver.from(settings));
            Map<DomainName, List<DnsReference>> stored = new ConcurrentHashMap<>();
            ReferenceWalk walk = new ReferenceWalk(() -> List.of(InventoryEntry.of(flaky, Lifecycle.ACTIVE)), walks, stored::put);
            try (walk) {
                assertThat(walk.runOnce()).isEqualTo(new ReferenceWalk.Round(1, 0));
                List<DnsReference> complete = stored.get(flaky);
                assertThat(complete).extracting(DnsReference::describe, DnsReference::resolution).contains(
                        tuple("flaky.nl MX → mx.flakymail.com", DnsReference.Resolution.RESOLVES),
                        tuple("www.flaky.nl CNAME → www.flakyweb.com", DnsReference.Resolution.RESOLVES));

                sim.faults().dns(Fault.timeout().forDomain("flakyweb.com"));
                ZoneFacts timedOut = walks.walk(InventoryEntry.of(flaky, Lifecycle.ACTIVE));
                assertThat(timedOut.childNs()).as("the zone's own records answer").isNotNull();
                assertThat(ZoneWalks.incompleteReason(timedOut)).startsWith("1 question got no answer, e.g. A www.flaky.nl: ");
                assertThat(walk.runOnce()).isEqualTo(new ReferenceWalk.Round(0, 1));
                assertThat(stored.get(flaky)).isEqualTo(complete);

                sim.faults().clear().dns(Fault.serverError(500).forDomain("flakymail.com"));
                assertThat(walk.runOnce()).isEqualTo(new ReferenceWalk.Round(0, 1));
                assertThat(stored.get(flaky)).isEqualTo(complete);

                sim.faults().clear();
                assertThat(walk.runOnce()).isEqualTo(new ReferenceWalk.Round(1, 0));
                assertThat(stored.get(flaky)).containsExactlyInAnyOrderElementsOf(complete);
            }
        }
    }
}
