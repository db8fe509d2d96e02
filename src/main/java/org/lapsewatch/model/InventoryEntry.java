package org.lapsewatch.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One domain the organisation has used, with what it does with it and what it expects of it.
 *
 * @param name                the registrable domain
 * @param lifecycle           active, retired, defensive or decommissioned
 * @param ownerName           who answers for it (may be null)
 * @param ownerEmail          where that person reads mail (may be null)
 * @param notes               free text (may be null)
 * @param tags                labels for routing and filtering, lower case, sorted
 * @param retiredSince        when it was retired (null unless retired or decommissioned)
 * @param replacement         the domain that replaced it (may be null)
 * @param expectedRegistrar   the registrar it should be at (null: not checked)
 * @param expectedNameservers the nameservers it should delegate to, lower case (empty: not checked)
 */
public record InventoryEntry(
        DomainName name,
        Lifecycle lifecycle,
        String ownerName,
        String ownerEmail,
        String notes,
        List<String> tags,
        LocalDate retiredSince,
        DomainName replacement,
        String expectedRegistrar,
        List<String> expectedNameservers) {

    public InventoryEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(lifecycle, "lifecycle");
        tags = tags == null ? List.of() : tags.stream().map(t -> t.strip().toLowerCase(java.util.Locale.ROOT))
                .filter(t -> !t.isEmpty()).distinct().sorted().toList();
        expectedNameservers = expectedNameservers == null ? List.of() : expectedNameservers.stream()
                .map(DomainName::toAscii).distinct().sorted().toList();
        if (ownerEmail != null && !ownerEmail.isBlank() && !ownerEmail.contains("@")) {
            throw new IllegalArgumentException("owner e-mail '" + ownerEmail + "' is not an e-mail address");
        }
    }

    /** A new entry with only a name and a lifecycle. */
    public static InventoryEntry of(DomainName name, Lifecycle lifecycle) {
        return new InventoryEntry(name, lifecycle, null, null, null, List.of(), null, null, null, List.of());
    }
}
