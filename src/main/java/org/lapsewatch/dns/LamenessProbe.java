package org.lapsewatch.dns;

import org.lapsewatch.rules.ZoneFacts.NameserverProbe;
import org.lapsewatch.rules.ZoneFacts.NameserverProbe.Outcome;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Asks each delegated nameserver, without recursion, for the zone's SOA: NOERROR with the AA
 * bit and the SOA is authoritative; any other reply is lame; no reply is unknown. A nameserver
 * whose own name does not exist is lame too (and whoever registers its domain gets the zone).
 */
final class LamenessProbe {
    private final Resolver resolver;

    LamenessProbe(Resolver resolver) {
        this.resolver = resolver;
    }

    List<NameserverProbe> probe(String zone, List<String> nameservers, Map<String, List<InetAddress>> glue) {
        List<NameserverProbe> out = new ArrayList<>();
        for (String ns : nameservers) {
            out.add(probeOne(zone, ns, glue.getOrDefault(ns, List.of())));
        }
        return out;
    }

    private NameserverProbe probeOne(String zone, String ns, List<InetAddress> glue) {
        List<InetAddress> addresses = glue;
        if (addresses.isEmpty()) {
            Answer answer = resolver.addresses(ns);
            switch (answer) {
                case Answer.NxDomain nx -> {
                    return new NameserverProbe(ns, Outcome.LAME, "the nameserver's name does not exist (NXDOMAIN)");
                }
                case Answer.NoData nd -> {
                    return new NameserverProbe(ns, Outcome.LAME, "the nameserver's name has no address");
                }
                case Answer.Unknown u -> {
                    return new NameserverProbe(ns, Outcome.UNKNOWN, "could not resolve the nameserver: " + u.reason());
                }
                case Answer.Records r -> addresses = Resolver.addressesIn(r);
            }
        }
        String lastFailure = "no address";
        for (InetAddress address : addresses) {
            DnsTransport.Reply reply = resolver.transport().query(new InetSocketAddress(address, resolver.queryPort()), zone, Type.SOA, false);
            switch (reply) {
                case DnsTransport.Reply.Failure f -> lastFailure = f.reason();
                case DnsTransport.Reply.Response r -> {
                    boolean hasSoa = r.message().getSection(Section.ANSWER).stream().anyMatch(rec -> rec.getType() == Type.SOA);
                    if (r.rcode() == Rcode.NOERROR && r.authoritative() && hasSoa) {
                        return new NameserverProbe(ns, Outcome.AUTHORITATIVE, "NOERROR AA from " + address.getHostAddress());
                    }
                    String detail = Rcode.string(r.rcode()) + (r.authoritative() ? "" : " without AA")
                            + (r.rcode() == Rcode.NOERROR && !hasSoa ? " and no SOA" : "") + " from " + address.getHostAddress();
                    return new NameserverProbe(ns, Outcome.LAME, detail);
                }
            }
        }
        return new NameserverProbe(ns, Outcome.UNKNOWN, lastFailure);
    }
}
