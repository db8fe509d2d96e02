package org.lapsewatch.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The listeners' Micrometer meters, registered once so that counting on the hot path is a
 * field read and an add:
 * <ul>
 *   <li>{@code lapsewatch.policy.decisions{listener, action}} — decisions; {@code action} is
 *       allow/warn/hold/defer/reject, {@code exempt} (a sender exception applied) or
 *       {@code skipped} (not a RCPT request);</li>
 *   <li>{@code lapsewatch.policy.dry.run{listener, action}} — what dry-run mode would have done;</li>
 *   <li>{@code lapsewatch.policy.failures{listener, kind}} — {@code internal}, {@code malformed},
 *       {@code oversized}, {@code disconnected}, answered in the fail mode (disconnects aside);</li>
 *   <li>{@code lapsewatch.policy.connections{listener}} — open connections (gauge),
 *       {@code lapsewatch.policy.connections.refused{listener}} — over {@code maxConnections};</li>
 *   <li>{@code lapsewatch.policy.verdicts} — non-allow verdicts in the current table (gauge).</li>
 * </ul>
 */
final class PolicyMetrics {
    /** Failure kinds. */
    enum Failure { INTERNAL, MALFORMED, OVERSIZED, DISCONNECTED }

    private final MeterRegistry registry;

    PolicyMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void gaugeVerdicts(Supplier<VerdictTable> tables) {
        registry.gauge("lapsewatch.policy.verdicts", tables, t -> t.get().verdicts().size());
    }

    Listener listener(String name) {
        return new Listener(registry, name);
    }

    /** The meters of one listener ({@code policy} or {@code socketmap}). */
    static final class Listener {
        private final Map<Action, Counter> decisions = new EnumMap<>(Action.class);
        private final Map<Action, Counter> dryRun = new EnumMap<>(Action.class);
        private final Map<Failure, Counter> failures = new EnumMap<>(Failure.class);
        private final Counter exempt;
        private final Counter skipped;
        private final Counter refused;
        final AtomicInteger open;

        private Listener(MeterRegistry registry, String name) {
            for (Action a : Action.values()) {
                decisions.put(a, Counter.builder("lapsewatch.policy.decisions").tag("listener", name)
                        .tag("action", a.wireName()).register(registry));
                dryRun.put(a, Counter.builder("lapsewatch.policy.dry.run").tag("listener", name)
                        .tag("action", a.wireName()).register(registry));
            }
            for (Failure f : Failure.values()) {
                failures.put(f, Counter.builder("lapsewatch.policy.failures").tag("listener", name)
                        .tag("kind", f.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
            }
            exempt = Counter.builder("lapsewatch.policy.decisions").tag("listener", name).tag("action", "exempt").register(registry);
            skipped = Counter.builder("lapsewatch.policy.decisions").tag("listener", name).tag("action", "skipped").register(registry);
            refused = Counter.builder("lapsewatch.policy.connections.refused").tag("listener", name).register(registry);
            open = registry.gauge("lapsewatch.policy.connections", io.micrometer.core.instrument.Tags.of("listener", name),
                    new AtomicInteger());
        }

        void decided(Action action, boolean dry) {
            (dry ? dryRun : decisions).get(action).increment();
        }

        void exempt() {
            exempt.increment();
        }

        void skipped() {
            skipped.increment();
        }

        void failed(Failure kind) {
            failures.get(kind).increment();
        }

        void refused() {
            refused.increment();
        }
    }
}
