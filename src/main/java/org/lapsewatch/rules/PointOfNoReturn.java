package org.lapsewatch.rules;

import org.lapsewatch.model.Registration;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The earliest moment someone else could register a domain, worked out from its state, its
 * dates and its registry's policy; or why that cannot be known.
 */
public sealed interface PointOfNoReturn {

    /** The moment is known. */
    record Known(Instant at, String explanation) implements PointOfNoReturn {
        public Known {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(explanation, "explanation");
        }
    }

    /** The moment cannot be known from what the registry publishes; {@code reason} says why. */
    record Unknown(String reason) implements PointOfNoReturn {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Works out the point of no return.
     *
     * @param current the latest observation
     * @param earlier the observations before it, newest first
     * @param policy  the registry's policy
     * @param now     the moment of evaluation
     */
    static PointOfNoReturn of(Observed observed, List<Observed> history, TldPolicy policy, Instant now) {
        Observed current = policy.interpret(observed);
        List<Observed> earlier = history.stream().map(policy::interpret).toList();
        Registration reg = current.registration();
        String tld = policy.label();
        return switch (reg.state()) {
            case THROTTLED, UNKNOWN -> new Unknown("the last registry lookup gave no answer (" + reg.reason() + ")");
            case RESERVED -> new Unknown("the registry reserves the name: nobody can register it until the registry releases it");
            case INVALID -> new Unknown("the registry says the name is not valid");
            case AVAILABLE -> new Known(current.firstSeen(), "the name is free: anyone can register it now");
            case REGISTERED, HOLD -> {
                var autoRenew = History.autoRenew(current, earlier, policy, now);
                if (autoRenew.isPresent()) {
                    yield afterGrace(autoRenew.get().graceEnd(), policy);
                }
                if (reg.expires() == null) {
                    yield new Unknown(policy.expiryPublic()
                            ? "the registry published no expiry date for this name"
                            : "the " + tld + " registry publishes no expiry date; the name is lost only after a"
                            + " cancellation" + cancellationPath(policy) + ", and none has been seen");
                }
                yield new Known(reg.expires().plus(policy.afterExpiry()),
                        "expires " + reg.expires() + pathFromExpiry(policy));
            }
            case GRACE -> {
                var autoRenew = History.autoRenew(current, earlier, policy, now);
                if (autoRenew.isEmpty()) {
                    yield new Unknown("in grace, but the registry published no expiry date to count from");
                }
                yield afterGrace(autoRenew.get().graceEnd(), policy);
            }
            case REDEMPTION -> {
                if (reg.releases() != null) {
                    yield new Known(reg.releases().plus(policy.pendingDelete()), "redemption ends " + reg.releases()
                            + (policy.pendingDelete().isZero() ? "" : ", then " + days(policy.pendingDelete()) + " pending delete"));
                }
                yield fromStateStart(current, earlier, policy.redemption().plus(policy.pendingDelete()),
                        "redemption (" + days(policy.redemption()) + (policy.pendingDelete().isZero() ? ""
                                : ") and pending delete (" + days(policy.pendingDelete())) + ")");
            }
            case PENDING_DELETE -> {
                if (reg.releases() != null) {
                    yield new Known(reg.releases(), "the registry publishes the release time " + reg.releases());
                }
                yield fromStateStart(current, earlier, policy.pendingDelete(), "pending delete (" + days(policy.pendingDelete()) + ")");
            }
            case QUARANTINE -> {
                if (reg.releases() != null) {
                    yield new Known(reg.releases(), "the " + tld + " registry releases it at " + reg.releases()
                            + (policy.releaseWindow().isZero() ? "" : " (within " + policy.releaseWindow().toMinutes()
                            + " minutes after that time)"));
                }
                yield fromStateStart(current, earlier, policy.quarantine(), tld + " quarantine (" + days(policy.quarantine()) + ")");
            }
        };
    }

    private static PointOfNoReturn afterGrace(Instant graceEnd, TldPolicy policy) {
        Duration rest = policy.redemption().plus(policy.pendingDelete());
        return new Known(graceEnd.plus(rest), "the grace period ends " + graceEnd + ", then " + days(policy.redemption())
                + " redemption and " + days(policy.pendingDelete()) + " pending delete follow"
                + " (sooner if the registrar deletes it during grace)");
    }

    private static PointOfNoReturn fromStateStart(Observed current, List<Observed> earlier, Duration length, String what) {
        var began = History.stateBeganAfter(current, earlier);
        if (began.isEmpty()) {
            return new Unknown("the registry publishes no end date and the start of " + what
                    + " was not seen (first seen in this state " + History.firstSeenInState(current, earlier) + ")");
        }
        return new Known(began.get().plus(length), what + " began after " + began.get()
                + " (the last observation in another state), so it can end at " + began.get().plus(length));
    }

    private static String pathFromExpiry(TldPolicy policy) {
        StringBuilder text = new StringBuilder();
        if (!policy.grace().isZero()) {
            text.append(", then ").append(days(policy.grace())).append(" grace");
        }
        if (!policy.redemption().isZero()) {
            text.append(", ").append(days(policy.redemption())).append(" redemption");
        }
        if (!policy.pendingDelete().isZero()) {
            text.append(", ").append(days(policy.pendingDelete())).append(" pending delete");
        }
        return text + " (" + policy.label() + " policy)";
    }

    private static String cancellationPath(TldPolicy policy) {
        if (!policy.quarantine().isZero()) {
            return " and " + days(policy.quarantine()) + " quarantine";
        }
        if (!policy.redemption().isZero()) {
            return " and " + days(policy.redemption()) + " redemption";
        }
        return "";
    }

    private static String days(Duration d) {
        return d.toDays() + " d";
    }

    /** The moment, or null when unknown (for gauges and sorting). */
    default Instant atOrNull() {
        return this instanceof Known known ? known.at() : null;
    }
}
