package org.lapsewatch.sim;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The simulated internet at one instant: what every server answers from. */
record World(Scenario scenario, Instant now) {

    static World at(Scenario scenario, Instant now) {
        return new World(scenario, now);
    }

    Optional<DomainState> state(String domain) {
        return Optional.ofNullable(scenario.stateAt(domain, now));
    }

    Registry registryOf(String domain) {
        return scenario.registryOf(domain);
    }

    /** Where the domain stands now; FREE for names the scenario never registered. */
    DomainState.Standing standing(String domain) {
        DomainState state = scenario.stateAt(domain, now);
        if (state == null) {
            return new DomainState.Standing(DomainState.Phase.FREE, null, null, List.of());
        }
        return state.standing(registryOf(domain), now);
    }

    /** The nameservers the TLD zone delegates the domain to, empty when it is not in the TLD zone. */
    List<String> delegation(String domain) {
        if (!standing(domain).phase().delegated()) {
            return List.of();
        }
        return state(domain).orElseThrow().registration().nameservers();
    }

    /**
     * Whether {@code host} answers authoritatively for {@code domain}: as the scenario's
     * {@code nameservers:} lists it, or else because the domain's (last) registration names it —
     * an old DNS provider keeps serving a zone after the name lapsed.
     */
    boolean serves(String host, String domain) {
        DomainState state = scenario.stateAt(domain, now);
        if (state == null) {
            return false;
        }
        Set<String> listed = scenario.servedZones().get(host);
        if (listed != null) {
            return listed.contains(domain);
        }
        return state.registration() != null && state.registration().nameservers().contains(host);
    }
}
