package org.lapsewatch.policy;

import org.lapsewatch.config.PolicySettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The Jeugdzorg story as verdict inputs: the live {@code samenveilig.nl}, the retired
 * {@code bjzutrecht.nl} re-registered by a stranger, a retired domain in quarantine, one pending
 * delete (held by the test policy), one retired in good standing, and a decommissioned one.
 */
final class Gateway {
    static final String REJECT_TEXT = "Lapsewatch: {domain} is no longer ours ({reason})";

    private Gateway() {
    }

    static List<InventoryEntry> inventory() {
        return List.of(
                InventoryEntry.of(DomainName.parse("samenveilig.nl"), Lifecycle.ACTIVE),
                retired("bjzutrecht.nl"),
                retired("jeugdzorg-oud.nl"),
                retired("pendingdelete.example"),
                retired("stillours.nl"),
                InventoryEntry.of(DomainName.parse("released.example"), Lifecycle.DECOMMISSIONED));
    }

    static List<Finding> findings() {
        return List.of(
                finding(RuleIds.RE_REGISTERED, "bjzutrecht.nl"),
                finding(RuleIds.QUARANTINE, "jeugdzorg-oud.nl"),
                finding(RuleIds.PENDING_DELETE, "pendingdelete.example"));
    }

    /** The default policy, except that pending delete holds and the reply text is shorter. */
    static PolicySettings settings() {
        PolicySettings d = PolicySettings.defaults();
        Map<String, String> findingActions = new java.util.HashMap<>(d.findingActions());
        findingActions.put(RuleIds.PENDING_DELETE, "hold");
        return new PolicySettings("127.0.0.1", 0, 0, true, "open", false, null, null, null, null, null, null,
                REJECT_TEXT, null, null, null, findingActions, null, null);
    }

    static VerdictTable table(PolicySettings settings) {
        return VerdictTable.build(inventory(), findings(), VerdictPolicy.from(settings));
    }

    static InventoryEntry retired(String name) {
        return new InventoryEntry(DomainName.parse(name), Lifecycle.RETIRED, null, null, null, List.of(),
                LocalDate.of(2015, 1, 1), DomainName.parse("samenveilig.nl"), null, List.of());
    }

    static Finding finding(String rule, String subject) {
        return new Finding(rule, DomainName.parse(subject), Severity.CRITICAL, Finding.Confidence.HIGH,
                subject + ": " + rule, List.of(), List.of());
    }
}
