package org.lapsewatch.sim;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Faults injected into the simulated servers, on demand ({@link #rdap(Fault)} …) or at the
 * times the scenario says, and the number of requests each server has received so that tests
 * can assert politeness. When several faults match a request, the one added first wins.
 */
public final class Faults {
    private final Clock clock;
    private final List<Armed> onDemand = new CopyOnWriteArrayList<>();
    private final List<Armed> scheduled;
    private final Map<Service, AtomicLong> requests = new EnumMap<>(Service.class);

    Faults(Clock clock, List<ScheduledFault> scenarioFaults) {
        this.clock = clock;
        this.scheduled = scenarioFaults.stream().map(s -> new Armed(s.service(), s.fault(), s)).toList();
        for (Service service : Service.values()) {
            requests.put(service, new AtomicLong());
        }
    }

    public Faults rdap(Fault fault) {
        return add(Service.RDAP, fault);
    }

    public Faults whois(Fault fault) {
        return add(Service.WHOIS, fault);
    }

    public Faults dns(Fault fault) {
        return add(Service.DNS, fault);
    }

    public Faults add(Service service, Fault fault) {
        onDemand.add(new Armed(service, fault, null));
        return this;
    }

    /** Removes every on-demand fault (the scenario's scheduled faults stay) and keeps the counts. */
    public Faults clear() {
        onDemand.clear();
        return this;
    }

    /** Requests the server has received since the simulation started, faulty or not. */
    public long requests(Service service) {
        return requests.get(service).get();
    }

    /** Counts one request to {@code service} about {@code name} and returns the fault to apply, if any. */
    Optional<Fault.Effect> onRequest(Service service, String name) {
        requests.get(service).incrementAndGet();
        for (List<Armed> list : List.of(onDemand, scheduled)) {
            for (Armed armed : list) {
                if (armed.service == service && armed.fault.appliesTo(name)
                        && (armed.schedule == null || armed.schedule.activeAt(clock.instant())) && armed.take()) {
                    return Optional.of(armed.fault.effect());
                }
            }
        }
        return Optional.empty();
    }

    /** A fault with its remaining uses. */
    private static final class Armed {
        final Service service;
        final Fault fault;
        final ScheduledFault schedule;
        final AtomicInteger remaining;

        Armed(Service service, Fault fault, ScheduledFault schedule) {
            this.service = service;
            this.fault = fault;
            this.schedule = schedule;
            this.remaining = new AtomicInteger(fault.times());
        }

        boolean take() {
            if (fault.times() == 0) {
                return true;
            }
            return remaining.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
        }
    }
}
