package org.lapsewatch.registration;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;

/**
 * Asks the registries about one domain. Never throws for a registry's failure: a timeout, rate
 * limit or unreadable answer comes back as a Registration in state unknown or throttled with
 * the reason.
 */
@FunctionalInterface
public interface RegistrationLookup {
    Registration lookup(DomainName domain);
}
