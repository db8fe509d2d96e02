package org.lapsewatch.web;

import org.lapsewatch.model.InventoryEntry;

import java.util.List;

/**
 * One inventory line as the page shows it: texts only, so templates need no model logic.
 *
 * @param unicode the domain with U-labels
 * @param ascii   the A-label form, or null when it equals {@code unicode}
 */
public record InventoryRow(String unicode, String ascii, String lifecycle, String owner, List<String> tags,
                           String retiredSince, String replacement) {

    static InventoryRow of(InventoryEntry e) {
        String unicode = e.name().unicode();
        String owner = e.ownerName() == null ? e.ownerEmail()
                : e.ownerEmail() == null ? e.ownerName() : e.ownerName() + " <" + e.ownerEmail() + ">";
        return new InventoryRow(unicode, unicode.equals(e.name().ascii()) ? null : e.name().ascii(),
                e.lifecycle().wireName(), owner, e.tags(),
                e.retiredSince() == null ? null : e.retiredSince().toString(),
                e.replacement() == null ? null : e.replacement().display());
    }
}
