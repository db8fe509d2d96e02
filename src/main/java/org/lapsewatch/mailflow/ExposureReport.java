package org.lapsewatch.mailflow;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.Finding;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The result of a scan: exposures ranked so that the domains that matter come first
 * (decommissioned, retired, then domains with open findings such as lapsing, lost or unknown
 * owner, then the rest of the inventory, then domains not in it), the findings, and the tallies.
 */
public record ExposureReport(List<Ranked> domains, List<Finding> findings, ScanCounters.ScanSummary summary) {

    /**
     * One exposure with what the inventory says about its domain.
     *
     * @param lifecycle the domain's lifecycle, or null when it is not in the inventory
     * @param flagged   true when another rule has an open finding on the domain
     */
    public record Ranked(DomainExposure exposure, Lifecycle lifecycle, boolean flagged) {
        public Ranked {
            Objects.requireNonNull(exposure, "exposure");
        }

        /** {@code decommissioned}, {@code retired}, …, or {@code not in inventory}. */
        public String standing() {
            String flag = flagged ? ", flagged" : "";
            return (lifecycle == null ? "not in inventory" : lifecycle.wireName()) + flag;
        }

        int group() {
            if (lifecycle == Lifecycle.DECOMMISSIONED) {
                return 0;
            }
            if (lifecycle == Lifecycle.RETIRED) {
                return 1;
            }
            if (flagged) {
                return 2;
            }
            return lifecycle == null ? 4 : 3;
        }
    }

    public ExposureReport {
        domains = List.copyOf(domains);
        findings = List.copyOf(findings);
        Objects.requireNonNull(summary, "summary");
    }

    /**
     * Ranks exposures against the inventory and derives the findings.
     *
     * @param flagged domains with open findings from other rules (lapsing, lost, unknown owner)
     */
    public static ExposureReport of(List<DomainExposure> exposures, Collection<InventoryEntry> inventory,
                                    Set<DomainName> flagged, ScanCounters.ScanSummary summary) {
        Map<DomainName, InventoryEntry> byName = inventory.stream()
                .collect(Collectors.toMap(InventoryEntry::name, Function.identity(), (a, b) -> a));
        List<Ranked> ranked = exposures.stream()
                .map(e -> new Ranked(e, byName.containsKey(e.domain()) ? byName.get(e.domain()).lifecycle() : null,
                        flagged.contains(e.domain())))
                .sorted(Comparator.comparingInt(Ranked::group)
                        .thenComparing(r -> r.exposure().messages(), Comparator.reverseOrder())
                        .thenComparing(r -> r.exposure().references(), Comparator.reverseOrder())
                        .thenComparing(r -> r.exposure().domain()))
                .toList();
        return new ExposureReport(ranked, ExposureFindings.evaluate(exposures, inventory), summary);
    }
}
