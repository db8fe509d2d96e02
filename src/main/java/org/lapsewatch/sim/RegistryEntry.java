package org.lapsewatch.sim;

import java.time.Instant;
import java.util.List;

/**
 * What the registry holds about one registered name. {@code expires} and {@code updated} may
 * be null (.nl publishes no expiry); nameservers are lower-case host names without trailing dot.
 */
record RegistryEntry(String handle, String registrar, Integer ianaId, Instant created, Instant updated,
                     Instant expires, List<String> status, List<String> nameservers, boolean dnssec) {
    RegistryEntry {
        status = List.copyOf(status);
        nameservers = List.copyOf(nameservers);
    }

    RegistryEntry withUpdated(Instant when) {
        return new RegistryEntry(handle, registrar, ianaId, created, when, expires, status, nameservers, dnssec);
    }
}
