package org.lapsewatch.web;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.LapsewatchException;
import org.lapsewatch.store.DnsReferenceRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a zone points at, for the domain page's residual-trust graph: one target per registrable
 * domain with the kinds of reference (MX, NS, SPF, CNAME …) and that domain's last known
 * registration state, drawn as SVG by {@code trustgraph.jte}.
 */
public record TrustGraph(DomainName zone, List<Target> targets) {

    /**
     * One registrable domain the zone trusts.
     *
     * @param own   whether the domain is in the organisation's inventory (its own, perhaps retired)
     * @param state the last known registration state, or "unchecked"
     */
    public record Target(DomainName domain, List<String> kinds, boolean own, String state) {
        /** What the box says after the name, e.g. "own · quarantine". */
        public String label() {
            return own ? "own · " + state : state;
        }

        /** The CSS class: fine, ending (grace, redemption, quarantine, pending delete, hold), lost (available) or unknown. */
        public String tone() {
            return switch (state) {
                case "registered" -> "fine";
                case "available" -> "lost";
                case "grace", "hold", "redemption", "quarantine", "pending_delete" -> "ending";
                default -> "unknown";
            };
        }
    }

    static TrustGraph of(WebServices s, DomainName zone) {
        Map<String, TreeSet<String>> kinds = new TreeMap<>();
        for (DnsReferenceRepository.Stored r : s.dnsReferences().referencesFrom(zone)) {
            DomainName target;
            try {
                target = DomainName.registrableOf(r.reference().target());
            } catch (LapsewatchException e) {
                continue; // an address or bare name: no registration to lose
            }
            if (!target.equals(zone)) {
                kinds.computeIfAbsent(target.ascii(), k -> new TreeSet<>()).add(r.reference().kind().name());
            }
        }
        List<Target> targets = new ArrayList<>();
        kinds.forEach((ascii, k) -> {
            DomainName target = DomainName.registrableOf(ascii);
            String state = s.statuses().find(target).map(st -> st.state().wireName()).orElse("unchecked");
            targets.add(new Target(target, List.copyOf(k), s.inventory().find(target).isPresent(), state));
        });
        return new TrustGraph(zone, targets);
    }

    /** SVG height for the number of targets. */
    public int height() {
        return Math.max(60, 20 + 36 * targets.size());
    }

    /** Vertical centre of target {@code i}. */
    public int y(int i) {
        return 28 + 36 * i;
    }
}
