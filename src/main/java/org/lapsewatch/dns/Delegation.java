package org.lapsewatch.dns;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

/** What the parent zone's servers say about a zone: delegated (to which nameservers), not there, or unknown. */
public sealed interface Delegation {

    /**
     * @param parentZone  the zone whose servers gave the referral ("" for the root); null when
     *                    only a recursive resolver was asked
     * @param nameservers the delegated NS host names, lower case, sorted
     * @param glue        addresses the parent gave for them
     * @param fromParent  true when the NS set came from the parent's referral (iterative mode),
     *                    false when it came from a recursive resolver (which may have the child's set)
     */
    record Delegated(String parentZone, List<String> nameservers, Map<String, List<InetAddress>> glue,
                     boolean fromParent) implements Delegation {
        public Delegated {
            nameservers = List.copyOf(nameservers);
            glue = Map.copyOf(glue);
        }
    }

    /** The parent's servers answered NXDOMAIN for the zone. */
    record NotDelegated(String parentZone) implements Delegation {
    }

    record Unknown(String reason) implements Delegation {
    }
}
