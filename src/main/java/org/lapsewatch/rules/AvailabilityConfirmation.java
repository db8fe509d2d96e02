package org.lapsewatch.rules;

import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

/**
 * Two sources before "available" (DESIGN.md §6): the registry's own 404 or free marker AND
 * NXDOMAIN at the TLD's authoritative servers. Either alone is not enough: a registry's "free"
 * can be a parser or server fault, and NXDOMAIN alone is also what hold, redemption and
 * quarantine look like.
 */
public final class AvailabilityConfirmation {
    private AvailabilityConfirmation() {
    }

    /** True when the registry's answer needs the TLD's servers asked before it can stand. */
    public static boolean needsDelegationCheck(Registration registry) {
        return registry.state() == RegistrationState.AVAILABLE;
    }

    /**
     * The registration as it may be reported: the registry's answer when it needs no second
     * source or both agree, otherwise unknown with the reason.
     */
    public static Registration confirm(Registration registry, TldDelegation delegation) {
        if (!needsDelegationCheck(registry)) {
            return registry;
        }
        return switch (delegation.answer()) {
            case NXDOMAIN -> withReason(registry, RegistrationState.AVAILABLE,
                    "confirmed by two sources: the registry says free and the TLD's servers answer NXDOMAIN (" + delegation.detail() + ")");
            case DELEGATED -> withReason(registry, RegistrationState.UNKNOWN,
                    "the registry says free but the TLD still delegates it (" + delegation.detail() + ")");
            case NO_ANSWER -> withReason(registry, RegistrationState.UNKNOWN,
                    "the registry says free but the TLD's servers gave no answer to confirm it (" + delegation.detail() + ")");
        };
    }

    private static Registration withReason(Registration r, RegistrationState state, String reason) {
        return r.withState(state, reason);
    }
}
