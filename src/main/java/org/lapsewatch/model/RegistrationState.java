package org.lapsewatch.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * Where a domain is in its registry's lifecycle (DESIGN.md §7). {@link #THROTTLED} and
 * {@link #UNKNOWN} are answers in their own right: neither means "available".
 */
public enum RegistrationState {
    REGISTERED, AVAILABLE, GRACE, HOLD, REDEMPTION, QUARANTINE, PENDING_DELETE, RESERVED, INVALID, THROTTLED, UNKNOWN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static RegistrationState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** True when the registry gave no usable answer (rate limit, timeout, garbage, no data source). */
    public boolean isUnknown() {
        return this == THROTTLED || this == UNKNOWN;
    }

    /** True for the states between the end of a registration and its release to the public. */
    public boolean isEnding() {
        return this == GRACE || this == HOLD || this == REDEMPTION || this == QUARANTINE || this == PENDING_DELETE;
    }
}
