package org.lapsewatch.registration;

import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.sim.VirtualClock;

/**
 * The registration engine on a simulation's virtual clock, for tests in other packages: its rate
 * limits and back-off count virtual time, and a wait moves the virtual clock instead of sleeping,
 * so that a simulated day of faults costs seconds and the engine's politeness ends when the
 * simulated time says it does.
 */
public final class VirtualTimeEngines {
    private VirtualTimeEngines() {
    }

    public static RegistrationEngine on(LapsewatchConfig config, VirtualClock clock) {
        return RegistrationEngine.create(config, clock, clock::advance, WhoisClient.AddressBook.DNS);
    }
}
