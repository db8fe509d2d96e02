package org.lapsewatch.rules;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * The two sources (DESIGN.md §6) about a referenced registrable domain: what the registry said
 * and whether the TLD's servers still delegate the name.
 *
 * @param domain       the registrable domain
 * @param registration the registry's answer (state unknown/throttled when it gave none)
 * @param tld          what the TLD's servers said about the name
 * @param tldDetail    the reason when {@code tld} is UNKNOWN (may be null otherwise)
 */
public record TargetEvidence(DomainName domain, Registration registration, TldAnswer tld, String tldDetail) {

    /** A registration expiring within this window is lapsing. */
    public static final Duration LAPSING_WINDOW = Duration.ofDays(30);

    /** The TLD servers' answer for the domain. */
    public enum TldAnswer { DELEGATED, NXDOMAIN, UNKNOWN }

    /** What the evidence allows us to say. */
    public enum Status { REGISTERED, LAPSING, UNREGISTERED, UNVERIFIED }

    /**
     * The conclusion with a short label for trigger chains.
     *
     * @param status what we may say
     * @param label  e.g. {@code pending delete}, {@code expires 2026-12-01}, {@code unregistered}, {@code could not verify: timeout}
     */
    public record Verdict(Status status, String label) {
    }

    public TargetEvidence {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(registration, "registration");
        Objects.requireNonNull(tld, "tld");
    }

    /**
     * Unregistered only with the registry's positive "available" and NXDOMAIN at the TLD; lapsing
     * in any state between expiry and release or within {@link #LAPSING_WINDOW} of expiry; anything
     * the sources do not settle is unverified.
     */
    public Verdict verdict(Instant now) {
        RegistrationState state = registration.state();
        if (state == RegistrationState.AVAILABLE) {
            return switch (tld) {
                case NXDOMAIN -> new Verdict(Status.UNREGISTERED, "unregistered");
                case DELEGATED -> new Verdict(Status.UNVERIFIED,
                        "could not verify: registry says available but the TLD still delegates it");
                case UNKNOWN -> new Verdict(Status.UNVERIFIED,
                        "could not verify: registry says available, TLD servers did not answer (" + tldDetail + ")");
            };
        }
        if (state.isUnknown()) {
            return new Verdict(Status.UNVERIFIED, "could not verify: registry " + state.wireName()
                    + (registration.reason() == null ? "" : " (" + registration.reason() + ")"));
        }
        if (state.isEnding()) {
            return new Verdict(Status.LAPSING, state.wireName().replace('_', ' ').toLowerCase(Locale.ROOT));
        }
        if (state == RegistrationState.REGISTERED && registration.expires() != null
                && registration.expires().isBefore(now.plus(LAPSING_WINDOW))) {
            return new Verdict(Status.LAPSING, "expires " + registration.expires());
        }
        return new Verdict(Status.REGISTERED, state.wireName());
    }
}
