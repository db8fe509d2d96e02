package org.lapsewatch.rules;

import org.lapsewatch.model.InventoryEntry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the lifecycle rules look at for one inventory domain.
 *
 * @param entry      the inventory entry
 * @param current    the latest registration observation
 * @param earlier    the stored observations before {@code current}, newest first (not including it)
 * @param references DNS references and mail exposures that still use the domain
 * @param now        the moment of evaluation
 */
public record RuleInput(InventoryEntry entry, Observed current, List<Observed> earlier, List<Reference> references,
                        Instant now) {
    public RuleInput {
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(now, "now");
        earlier = earlier == null ? List.of() : List.copyOf(earlier);
        references = references == null ? List.of() : List.copyOf(references);
    }
}
