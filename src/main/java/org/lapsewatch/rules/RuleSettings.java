package org.lapsewatch.rules;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The knobs the lifecycle rules use (the watch maps {@code watch:} settings onto this).
 *
 * @param expiryWarningDays days before expiry at which a finding is raised; the smallest window is the most severe
 * @param unknownAlertAfter how long a domain may go without a usable registry answer before that is a finding
 * @param policies          what each registry does after a registration ends
 */
public record RuleSettings(List<Integer> expiryWarningDays, Duration unknownAlertAfter, TldPolicies policies) {
    public RuleSettings {
        if (expiryWarningDays == null || expiryWarningDays.isEmpty()) {
            throw new IllegalArgumentException("expiryWarningDays needs at least one window");
        }
        expiryWarningDays = expiryWarningDays.stream().distinct().sorted(Comparator.reverseOrder()).toList();
        Objects.requireNonNull(unknownAlertAfter, "unknownAlertAfter");
        Objects.requireNonNull(policies, "policies");
    }

    public static RuleSettings defaults() {
        return new RuleSettings(List.of(60, 30, 14, 7), Duration.ofDays(3), TldPolicies.builtIn());
    }

    /** The widest warning window: inside it a domain counts as near expiry. */
    int nearExpiryDays() {
        return expiryWarningDays.getFirst();
    }
}
