package org.lapsewatch.sim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One domain in the simulated registry after the events so far: the last registration (kept
 * after a lapse, because the old DNS provider still holds the zone), the lapse that started,
 * if any, and the zone. Where in its lifecycle the name stands depends on the time of asking.
 */
record DomainState(String domain, RegistryEntry registration, Lapse lapse, boolean released, Zone zone) {

    /** A lapse and the instant it started. */
    record Lapse(Kind kind, Instant start) {
        enum Kind {
            /** Cancelled at a quarantine registry. */
            QUARANTINE,
            /** Reached its expiry date at a gTLD registry without being renewed. */
            EXPIRED,
            /** Deleted by the registrar at a gTLD registry. */
            DELETED
        }
    }

    enum Phase {
        REGISTERED, AUTO_RENEW_GRACE, REDEMPTION, PENDING_DELETE, QUARANTINE, FREE;

        /** Whether the TLD zone still delegates the name. */
        boolean delegated() {
            return this == REGISTERED || this == AUTO_RENEW_GRACE;
        }
    }

    /**
     * Where the name stands at {@code now}: the phase, the expiry the registry shows (rolled a
     * year ahead during auto-renew grace), the moment it becomes free (for quarantine and
     * redemption) and the status words in RFC 8056 vocabulary.
     */
    record Standing(Phase phase, Instant expires, Instant releases, List<String> status) {
    }

    Standing standing(Registry registry, Instant now) {
        if (registration == null || released) {
            return new Standing(Phase.FREE, null, null, List.of());
        }
        if (lapse == null) {
            // RFC 8056 "inactive": registered without a delegation
            List<String> status = !registration.status().isEmpty() ? registration.status()
                    : registration.nameservers().isEmpty() ? List.of("inactive") : List.of("active");
            return new Standing(Phase.REGISTERED, registration.expires(), null, status);
        }
        Registry.LapseRules rules = registry.lapse();
        Instant t = lapse.start();
        return switch (lapse.kind()) {
            case QUARANTINE -> {
                Instant out = t.plus(rules.quarantine());
                yield now.isBefore(out)
                        ? new Standing(Phase.QUARANTINE, registration.expires(), out, List.of("redemption period", "inactive"))
                        : new Standing(Phase.FREE, null, null, List.of());
            }
            case EXPIRED -> {
                Instant graceEnd = t.plus(rules.autoRenewGrace());
                if (now.isBefore(graceEnd)) {
                    Instant rolled = registration.expires() == null ? null : registration.expires().atZone(ZoneOffset.UTC)
                            .plusYears(1).toInstant();
                    List<String> status = new ArrayList<>(registration.status());
                    status.remove("active");
                    status.add("auto renew period");
                    yield new Standing(Phase.AUTO_RENEW_GRACE, rolled, null, List.copyOf(status));
                }
                yield afterDeletion(graceEnd, rules, now);
            }
            case DELETED -> afterDeletion(t, rules, now);
        };
    }

    private Standing afterDeletion(Instant deleted, Registry.LapseRules rules, Instant now) {
        Instant redemptionEnd = deleted.plus(rules.redemption());
        Instant free = redemptionEnd.plus(rules.pendingDelete());
        if (now.isBefore(redemptionEnd)) {
            return new Standing(Phase.REDEMPTION, registration.expires(), free, List.of("redemption period"));
        }
        if (now.isBefore(free)) {
            return new Standing(Phase.PENDING_DELETE, registration.expires(), free, List.of("pending delete"));
        }
        return new Standing(Phase.FREE, null, null, List.of());
    }
}
