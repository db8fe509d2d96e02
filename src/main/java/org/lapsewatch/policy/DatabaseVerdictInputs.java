package org.lapsewatch.policy;

import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.StoredFinding;

import java.time.Clock;

import java.util.List;
import java.util.function.Supplier;

/**
 * Verdict inputs from the shared database: the inventory from table {@code inventory_domain},
 * the open findings from a supplier — {@link #of(Database, Clock)} reads the watch's findings
 * store (open and acknowledged findings: acknowledging a lost domain does not make it safe).
 */
public final class DatabaseVerdictInputs implements VerdictInputs {
    private final InventoryRepository inventory;
    private final Supplier<List<Finding>> findings;

    public DatabaseVerdictInputs(InventoryRepository inventory, Supplier<List<Finding>> findings) {
        this.inventory = inventory;
        this.findings = findings;
    }

    /** The inventory and the unresolved findings of the shared database. */
    public static DatabaseVerdictInputs of(Database database, Clock clock) {
        FindingRepository findings = new FindingRepository(database, FindingListener.NONE);
        return new DatabaseVerdictInputs(new InventoryRepository(database, clock),
                () -> findings.unresolved().stream().map(StoredFinding::finding).toList());
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
