package org.lapsewatch.watch;

import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.rules.Evaluation;
import org.lapsewatch.rules.Observed;
import org.lapsewatch.store.FindingTransition;

import java.time.Instant;
import java.util.List;

/**
 * What one check of one domain saw and did.
 *
 * @param entry       the inventory entry (a transient active one for a domain not in the inventory)
 * @param observed    the registration observation, as stored (or not, see {@code stored})
 * @param evaluation  what the rules concluded
 * @param transitions the finding transitions the check made (none when not stored)
 * @param nextCheck   when the domain is due again
 * @param stored      false for a domain outside the inventory: nothing was written
 */
public record CheckResult(InventoryEntry entry, Observed observed, Evaluation evaluation,
                          List<FindingTransition> transitions, Instant nextCheck, boolean stored) {
    public CheckResult {
        transitions = List.copyOf(transitions);
    }
}
