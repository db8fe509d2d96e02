package org.lapsewatch.policy;

import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.rules.Finding;

import java.util.List;

/** Where verdicts come from: the inventory and the open findings. Called off the hot path. */
public interface VerdictInputs {
    List<InventoryEntry> inventory();

    List<Finding> openFindings();
}
