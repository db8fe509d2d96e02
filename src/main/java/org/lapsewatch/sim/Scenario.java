package org.lapsewatch.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A simulated internet as a scenario file describes it: registries, domains with their
 * registration and zone, which nameserver hosts serve which zones, and timed events. Immutable;
 * the state at any instant is worked out from the events up to that instant. The format is
 * documented in {@code docs/sim.md}.
 */
public final class Scenario {
    private static final String BUILT_IN = "/org/lapsewatch/sim/scenarios/";

    private final String name;
    private final String description;
    private final Instant start;
    private final Map<String, Registry> registries;
    private final Map<String, DomainState> initial;
    private final Map<String, Set<String>> servedZones;
    private final List<Event> events;
    /** The events of each domain in time order: servers ask about one domain at a time, and a scenario can list 100,000. */
    private final Map<String, List<Event>> eventsByDomain;
    private final List<ScheduledFault> faults;
    private final SortedSet<String> nameserverHosts;

    Scenario(String name, String description, Instant start, Map<String, Registry> registries, Map<String, DomainState> initial,
             Map<String, Set<String>> servedZones, List<Event> events, List<ScheduledFault> faults,
             Set<String> nameserverHosts) {
        this.name = name;
        this.description = description;
        this.start = start;
        this.registries = Collections.unmodifiableMap(new TreeMap<>(registries));
        this.initial = Collections.unmodifiableMap(new TreeMap<>(initial));
        this.servedZones = Collections.unmodifiableMap(new TreeMap<>(servedZones));
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort((a, b) -> a.at().compareTo(b.at())); // stable: same-instant events keep file order
        this.events = List.copyOf(sorted);
        Map<String, List<Event>> byDomain = new HashMap<>();
        for (Event event : this.events) {
            byDomain.computeIfAbsent(event.domain(), d -> new ArrayList<>()).add(event);
        }
        byDomain.replaceAll((domain, list) -> List.copyOf(list));
        this.eventsByDomain = Collections.unmodifiableMap(byDomain);
        this.faults = List.copyOf(faults);
        this.nameserverHosts = Collections.unmodifiableSortedSet(new TreeSet<>(nameserverHosts));
    }

    /**
     * Reads a scenario file.
     *
     * @throws ScenarioException naming the file, line and field of the first problem
     */
    public static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read scenario: " + e.getMessage(), e);
        }
        return ScenarioReader.read(text, file.toString(), defaultName(file));
    }

    /** A scenario shipped with Lapsewatch, e.g. {@code jeugdzorg}. */
    public static Scenario builtIn(String name) {
        String resource = BUILT_IN + name + ".yml";
        try (InputStream in = Scenario.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ScenarioException("no built-in scenario '" + name + "' (built in: jeugdzorg)");
            }
            return ScenarioReader.read(new String(in.readAllBytes(), StandardCharsets.UTF_8), "builtin:" + name, name);
        } catch (IOException e) {
            throw new ScenarioException("cannot read built-in scenario " + name + ": " + e.getMessage(), e);
        }
    }

    /** {@code builtin:NAME} or a file path, as the {@code sim} command takes it. */
    public static Scenario fromArgument(String argument) {
        return argument.startsWith("builtin:") ? builtIn(argument.substring("builtin:".length())) : load(Path.of(argument));
    }

    private static String defaultName(Path file) {
        String f = String.valueOf(file.getFileName());
        int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    public String name() {
        return name;
    }

    /** The scenario's own description, or the empty string. */
    public String description() {
        return description;
    }

    /** The instant the virtual clock starts at. */
    public Instant start() {
        return start;
    }

    /** The TLDs the scenario has registries for. */
    public Set<String> tlds() {
        return registries.keySet();
    }

    /** Every domain the scenario mentions, registered at the start or later. */
    public Set<String> domains() {
        return initial.keySet();
    }

    Map<String, Registry> registries() {
        return registries;
    }

    Registry registryOf(String domain) {
        return registries.get(domain.substring(domain.lastIndexOf('.') + 1));
    }

    List<ScheduledFault> faults() {
        return faults;
    }

    SortedSet<String> nameserverHosts() {
        return nameserverHosts;
    }

    /** Hosts whose served zones the scenario lists explicitly (others serve what delegates to them). */
    Map<String, Set<String>> servedZones() {
        return servedZones;
    }

    /** The domain's state after its events at or before {@code now}; null for a domain the scenario never names. */
    DomainState stateAt(String domain, Instant now) {
        DomainState state = initial.get(domain);
        for (Event event : eventsByDomain.getOrDefault(domain, List.of())) {
            if (event.at().isAfter(now)) {
                break;
            }
            state = event.apply(state, registryOf(domain));
        }
        return state;
    }

    @Override
    public String toString() {
        return "Scenario[" + name + ", " + initial.size() + " domains, " + events.size() + " events]";
    }
}
