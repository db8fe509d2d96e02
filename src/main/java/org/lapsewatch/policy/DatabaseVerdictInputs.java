package org.lapsewatch.policy;

import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.store.InventoryRepository;

import java.util.List;
import java.util.function.Supplier;

/**
 * Verdict inputs from the shared database: the inventory from table {@code inventory_domain},
 * the open findings from a supplier (the watch's findings store, once wired; until then
 * {@link #inventoryOnly(InventoryRepository)} supplies none).
 */
public final class DatabaseVerdictInputs implements VerdictInputs {
    private final InventoryRepository inventory;
    private final Supplier<List<Finding>> findings;

    public DatabaseVerdictInputs(InventoryRepository inventory, Supplier<List<Finding>> findings) {
        this.inventory = inventory;
        this.findings = findings;
    }

    public static DatabaseVerdictInputs inventoryOnly(InventoryRepository inventory) {
        return new DatabaseVerdictInputs(inventory, List::of);
    }

    @Override
    public List<InventoryEntry> inventory() {
        return inventory.list();
    }

    @Override
    public List<Finding> openFindings() {
        return findings.get();
    }
}
