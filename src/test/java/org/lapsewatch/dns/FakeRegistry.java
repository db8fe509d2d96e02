package org.lapsewatch.dns;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.registration.RegistrationLookup;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registry at the boundary: answers what the test told it, and "registered, expiring in a
 * year" for everything else. Records what it was asked, so tests can show our own domains are
 * never looked up.
 */
final class FakeRegistry implements RegistrationLookup {
    private final Map<String, Registration> answers = new HashMap<>();
    private final Instant now;
    final Map<String, Integer> asked = new ConcurrentHashMap<>();

    FakeRegistry(Instant now) {
        this.now = now;
    }

    FakeRegistry state(String domain, RegistrationState state) {
        answers.put(domain, state.isUnknown()
                ? Registration.unknown(domain, Registration.Source.RDAP, "fake", state, "timed out after 5000 ms")
                : registration(domain, state, null));
        return this;
    }

    FakeRegistry expires(String domain, Instant expires) {
        answers.put(domain, registration(domain, RegistrationState.REGISTERED, expires));
        return this;
    }

    @Override
    public Registration lookup(DomainName domain) {
        asked.merge(domain.ascii(), 1, Integer::sum);
        return answers.getOrDefault(domain.ascii(),
                registration(domain.ascii(), RegistrationState.REGISTERED, now.plusSeconds(365L * 86400)));
    }

    private static Registration registration(String domain, RegistrationState state, Instant expires) {
        return new Registration(domain, Registration.Source.RDAP, "fake", state, List.of(), null, null, expires, null,
                state == RegistrationState.AVAILABLE ? null : "Vendor Registrar", List.of(), null, null);
    }
}
