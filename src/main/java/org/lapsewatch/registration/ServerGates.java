package org.lapsewatch.registration;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** One {@link ServerGate} per server host, with the configured rates; hosts do not affect each other. */
final class ServerGates {
    private final Map<String, ServerGate> gates = new ConcurrentHashMap<>();
    private final double defaultRate;
    private final Map<String, Double> rates;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Clock clock;
    private final Sleeper sleeper;
    private final DoubleSupplier jitter;

    ServerGates(double defaultRate, Map<String, Double> rates, Duration backoffBase, Duration backoffMax, Clock clock,
                Sleeper sleeper) {
        this(defaultRate, rates, backoffBase, backoffMax, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }

    ServerGates(double defaultRate, Map<String, Double> rates, Duration backoffBase, Duration backoffMax, Clock clock,
                Sleeper sleeper, DoubleSupplier jitter) {
        this.defaultRate = defaultRate;
        this.rates = rates;
        this.backoffBase = backoffBase;
        this.backoffMax = backoffMax;
        this.clock = clock;
        this.sleeper = sleeper;
        this.jitter = jitter;
    }

    ServerGate of(String host) {
        String key = host.toLowerCase(Locale.ROOT);
        return gates.computeIfAbsent(key, h -> new ServerGate(h, rates.getOrDefault(h, defaultRate), backoffBase,
                backoffMax, clock, sleeper, jitter));
    }
}
