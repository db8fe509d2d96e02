package org.lapsewatch.sim;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The records a scenario gives one domain's zone. The SOA, the apex NS set (when the scenario
 * does not write one: taken from the delegation) and A records for in-zone nameserver hosts are
 * added when the zone is served, so that they follow the registration.
 */
record Zone(Name origin, List<Record> records) {
    static final long TTL = 3600;

    Zone {
        records = List.copyOf(records);
    }

    static Zone empty(Name origin) {
        return new Zone(origin, List.of());
    }

    /** The records as served: the scenario's plus SOA, apex NS and nameserver addresses. */
    List<Record> served(List<String> delegation, Function<Name, InetAddress> addressOf) {
        List<Record> all = new ArrayList<>(records);
        List<Name> nameservers = new ArrayList<>();
        for (Record r : records) {
            if (r.getType() == Type.NS && r.getName().equals(origin)) {
                nameservers.add(((NSRecord) r).getTarget());
            }
        }
        if (nameservers.isEmpty()) {
            for (String host : delegation) {
                Name ns = Names.absolute(host);
                nameservers.add(ns);
                all.add(new NSRecord(origin, DClass.IN, TTL, ns));
            }
        }
        Name primary = nameservers.isEmpty() ? Names.absolute("ns." + origin) : nameservers.getFirst();
        all.add(soa(origin, primary));
        for (Name ns : nameservers) {
            InetAddress address = addressOf.apply(ns);
            boolean defined = records.stream().anyMatch(r -> r.getName().equals(ns) && r.getType() == Type.A);
            if (address != null && ns.subdomain(origin) && !defined) {
                all.add(new ARecord(ns, DClass.IN, TTL, address));
            }
        }
        return all;
    }

    static SOARecord soa(Name origin, Name primary) {
        Name admin = Names.absolute("hostmaster." + (origin.equals(Name.root) ? "root-servers.sim" : Names.host(origin)));
        return new SOARecord(origin, DClass.IN, TTL, primary, admin, 2026010101L, 3600, 600, 604800, 300);
    }
}
