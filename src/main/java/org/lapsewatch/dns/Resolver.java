package org.lapsewatch.dns;

import org.lapsewatch.config.DnsSettings;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolves names either through configured recursive resolvers or, when root servers are
 * configured, iteratively: from the roots, following referrals with glue, asking each delegated
 * server on {@code dns.queryPort} without recursion. Iterative mode also tells what a parent
 * zone delegates, which a recursive resolver cannot show (it may hide a lame delegation).
 */
public final class Resolver implements Lookup {
    private static final int MAX_REFERRALS = 16;
    private static final int MAX_DEPTH = 6;
    private static final int MAX_CNAMES = 12;

    private final DnsTransport transport;
    private final List<InetSocketAddress> recursive;
    private final List<InetSocketAddress> roots;
    private final int queryPort;
    /** Servers of the zone cuts met so far, so that later questions start at the closest one instead of the root. */
    private final Map<String, List<InetSocketAddress>> zoneServers = new java.util.concurrent.ConcurrentHashMap<>();

    public Resolver(DnsTransport transport, List<InetSocketAddress> recursive, List<InetSocketAddress> roots, int queryPort) {
        this.transport = transport;
        this.recursive = List.copyOf(recursive);
        this.roots = List.copyOf(roots);
        this.queryPort = queryPort;
        if (this.recursive.isEmpty() && this.roots.isEmpty()) {
            throw new IllegalArgumentException("a resolver needs recursive resolvers or root servers");
        }
    }

    /** From {@code dns:} settings; without resolvers and roots, the system's resolvers. */
    public static Resolver from(DnsSettings settings) {
        DnsTransport transport = new DnsTransport(settings.timeout(), settings.retries(), settings.concurrency());
        List<InetSocketAddress> recursive = settings.resolvers().stream().map(Resolver::endpoint).toList();
        List<InetSocketAddress> roots = settings.roots().stream().map(Resolver::endpoint).toList();
        if (recursive.isEmpty() && roots.isEmpty()) {
            recursive = ResolverConfig.getCurrentConfig().servers();
        }
        return new Resolver(transport, recursive, roots, settings.queryPort());
    }

    static InetSocketAddress endpoint(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new InetSocketAddress(host, Integer.parseInt(hostPort.substring(colon + 1)));
    }

    public boolean iterative() {
        return !roots.isEmpty();
    }

    public int queryPort() {
        return queryPort;
    }

    public DnsTransport transport() {
        return transport;
    }

    @Override
    public Answer lookup(String name, int type) {
        String n = normalize(name);
        return iterative() ? iterate(n, type, 0) : recurse(n, type);
    }

    static List<InetAddress> addressesIn(Answer answer) {
        List<InetAddress> out = new ArrayList<>();
        if (answer instanceof Answer.Records records) {
            for (Record r : records.records()) {
                if (r instanceof ARecord a) {
                    out.add(a.getAddress());
                } else if (r instanceof AAAARecord aaaa) {
                    out.add(aaaa.getAddress());
                }
            }
        }
        return out;
    }

    /** What the parent of {@code zone} delegates it to. */
    public Delegation delegation(String zone) {
        String z = normalize(zone);
        if (!iterative()) {
            return switch (recurse(z, Type.NS)) {
                case Answer.Records r -> new Delegation.Delegated(null, nsNames(r.records()), Map.of(), false);
                case Answer.NxDomain nx -> new Delegation.NotDelegated(null);
                case Answer.NoData nd -> new Delegation.Unknown(z + " exists but has no NS records (not a zone)");
                case Answer.Unknown u -> new Delegation.Unknown(u.reason());
            };
        }
        String current = closestKnownCut(z, true);
        List<InetSocketAddress> servers = current.isEmpty() ? roots : zoneServers.get(current);
        for (int hop = 0; hop < MAX_REFERRALS; hop++) {
            DnsTransport.Reply reply = askAny(servers, z, Type.NS);
            if (!(reply instanceof DnsTransport.Reply.Response response)) {
                return new Delegation.Unknown("servers of " + zoneLabel(current) + " gave no answer for " + z + ": "
                        + ((DnsTransport.Reply.Failure) reply).reason());
            }
            Message m = response.message();
            if (m.getRcode() == Rcode.NXDOMAIN) {
                return new Delegation.NotDelegated(current);
            }
            List<NSRecord> referral = referral(m, current, z);
            if (!referral.isEmpty()) {
                String cut = normalize(referral.getFirst().getName().toString());
                if (cut.equals(z)) {
                    return new Delegation.Delegated(current, nsNames(referral), glue(m), true);
                }
                servers = serversFor(referral, m, 0);
                if (servers.isEmpty()) {
                    return new Delegation.Unknown("no address for the nameservers of " + zoneLabel(cut));
                }
                zoneServers.put(cut, servers);
                current = cut;
                continue;
            }
            List<Record> ns = m.getSection(Section.ANSWER).stream().filter(r -> r.getType() == Type.NS).toList();
            if (!ns.isEmpty()) {
                return new Delegation.Delegated(current, nsNames(ns), glue(m), true);
            }
            return new Delegation.Unknown(z + " exists at the servers of " + zoneLabel(current) + " but is not delegated");
        }
        return new Delegation.Unknown("more than " + MAX_REFERRALS + " referrals for " + z);
    }

    private Answer recurse(String name, int type) {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress server : recursive) {
            DnsTransport.Reply reply = transport.query(server, name, type, true);
            switch (reply) {
                case DnsTransport.Reply.Failure f -> failures.add(f.reason());
                case DnsTransport.Reply.Response r -> {
                    int rcode = r.rcode();
                    if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                        return interpret(r.message(), name, type).answer();
                    }
                    failures.add(Rcode.string(rcode) + " from " + DnsTransport.describe(server));
                }
            }
        }
        return new Answer.Unknown(name + " " + Type.string(type) + ": " + String.join("; ", failures));
    }

    private Answer iterate(String name, int type, int depth) {
        if (depth > MAX_DEPTH) {
            return new Answer.Unknown("gave up on " + name + ": nameserver or CNAME chain deeper than " + MAX_DEPTH);
        }
        String current = "";
        List<InetSocketAddress> servers = roots;
        for (int hop = 0; hop < MAX_REFERRALS; hop++) {
            // another question may have learnt a deeper cut meanwhile: start there
            String known = closestKnownCut(name, false);
            if (known.length() > current.length()) {
                current = known;
                servers = zoneServers.get(known);
            }
            DnsTransport.Reply reply = askAny(servers, name, type);
            if (!(reply instanceof DnsTransport.Reply.Response response)) {
                return new Answer.Unknown(name + " " + Type.string(type) + ": servers of " + zoneLabel(current)
                        + " gave no answer: " + ((DnsTransport.Reply.Failure) reply).reason());
            }
            Message m = response.message();
            Interpreted in = interpret(m, name, type);
            if (in.pendingCname() != null) {
                Answer rest = iterate(in.pendingCname(), type, depth + 1);
                return prefix(in.chain(), rest);
            }
            if (m.getRcode() == Rcode.NXDOMAIN || in.answer() instanceof Answer.Records || in.chain().size() > 1) {
                return in.answer();
            }
            List<NSRecord> referral = referral(m, current, name);
            if (referral.isEmpty()) {
                return in.answer();
            }
            current = normalize(referral.getFirst().getName().toString());
            servers = serversFor(referral, m, depth);
            if (servers.isEmpty()) {
                return new Answer.Unknown(name + ": no address for the nameservers of " + zoneLabel(current));
            }
            zoneServers.put(current, servers);
        }
        return new Answer.Unknown("more than " + MAX_REFERRALS + " referrals for " + name);
    }

    /** The longest zone cut already known at or above {@code name} (strictly above when asked), "" for the root. */
    private String closestKnownCut(String name, boolean strictlyAbove) {
        String candidate = strictlyAbove ? parentOf(name) : name;
        while (!candidate.isEmpty()) {
            if (zoneServers.containsKey(candidate)) {
                return candidate;
            }
            candidate = parentOf(candidate);
        }
        return "";
    }

    private static String parentOf(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1);
    }

    /** Tries the servers in turn; REFUSED, SERVFAIL and timeouts move on to the next. */
    private DnsTransport.Reply askAny(List<InetSocketAddress> servers, String name, int type) {
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            DnsTransport.Reply reply = transport.query(server, name, type, false);
            if (reply instanceof DnsTransport.Reply.Response r) {
                if (r.rcode() == Rcode.NOERROR || r.rcode() == Rcode.NXDOMAIN) {
                    return r;
                }
                failures.add(Rcode.string(r.rcode()) + " from " + DnsTransport.describe(server));
            } else {
                failures.add(((DnsTransport.Reply.Failure) reply).reason());
            }
        }
        return new DnsTransport.Reply.Failure(String.join("; ", failures));
    }

    /** NS records in the authority section that delegate a zone below {@code current} containing {@code name}. */
    private static List<NSRecord> referral(Message m, String current, String name) {
        if (!m.getSection(Section.ANSWER).isEmpty()) {
            return List.of();
        }
        List<NSRecord> out = new ArrayList<>();
        for (Record r : m.getSection(Section.AUTHORITY)) {
            if (r instanceof NSRecord ns) {
                String cut = normalize(ns.getName().toString());
                if (!cut.equals(current) && isAtOrBelow(cut, current) && isAtOrBelow(name, cut)) {
                    out.add(ns);
                }
            }
        }
        return out;
    }

    private List<InetSocketAddress> serversFor(List<NSRecord> referral, Message m, int depth) {
        Map<String, List<InetAddress>> glue = glue(m);
        List<InetSocketAddress> out = new ArrayList<>();
        for (String ns : nsNames(referral)) {
            for (InetAddress a : glue.getOrDefault(ns, List.of())) {
                out.add(new InetSocketAddress(a, queryPort));
            }
        }
        if (out.isEmpty()) {
            for (String ns : nsNames(referral)) {
                for (InetAddress a : addressesIn(iterateAddresses(ns, depth + 1))) {
                    out.add(new InetSocketAddress(a, queryPort));
                }
            }
        }
        return out;
    }

    private Answer iterateAddresses(String host, int depth) {
        Answer a = iterate(host, Type.A, depth);
        return a instanceof Answer.NoData ? iterate(host, Type.AAAA, depth) : a;
    }

    private static Map<String, List<InetAddress>> glue(Message m) {
        Map<String, List<InetAddress>> glue = new LinkedHashMap<>();
        for (Record r : m.getSection(Section.ADDITIONAL)) {
            InetAddress address = r instanceof ARecord a ? a.getAddress() : r instanceof AAAARecord aaaa ? aaaa.getAddress() : null;
            if (address != null) {
                glue.computeIfAbsent(normalize(r.getName().toString()), k -> new ArrayList<>()).add(address);
            }
        }
        return glue;
    }

    private static List<String> nsNames(List<? extends Record> records) {
        TreeSet<String> names = new TreeSet<>();
        for (Record r : records) {
            if (r instanceof NSRecord ns) {
                names.add(normalize(ns.getTarget().toString()));
            }
        }
        return List.copyOf(names);
    }

    /**
     * An answer read from one message: the chain of CNAMEs inside it and, when the chain leaves
     * the message without reaching the asked type, the name still to resolve.
     */
    private record Interpreted(Answer answer, List<String> chain, String pendingCname) {
    }

    private static Interpreted interpret(Message m, String name, int type) {
        List<Record> section = m.getSection(Section.ANSWER);
        List<String> chain = new ArrayList<>(List.of(name));
        String current = name;
        for (int i = 0; i <= MAX_CNAMES; i++) {
            String owner = current;
            List<Record> matching = section.stream()
                    .filter(r -> r.getType() == type && normalize(r.getName().toString()).equals(owner)).toList();
            if (!matching.isEmpty()) {
                return new Interpreted(new Answer.Records(matching, chain), chain, null);
            }
            CNAMERecord cname = section.stream().filter(r -> r instanceof CNAMERecord
                            && normalize(r.getName().toString()).equals(owner))
                    .map(CNAMERecord.class::cast).findFirst().orElse(null);
            if (cname == null || type == Type.CNAME) {
                break;
            }
            current = normalize(cname.getTarget().toString());
            if (chain.contains(current)) {
                return new Interpreted(new Answer.Unknown("CNAME loop: " + String.join(" → ", chain) + " → " + current), chain, null);
            }
            chain.add(current);
        }
        if (m.getRcode() == Rcode.NXDOMAIN) {
            return new Interpreted(new Answer.NxDomain(chain), chain, null);
        }
        boolean authoritativeEnd = chain.size() == 1 || m.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.SOA);
        String pending = chain.size() > 1 && !authoritativeEnd ? current : null;
        return new Interpreted(new Answer.NoData(chain), chain, pending);
    }

    /**
     * The answer for a whole chain: {@code head} ends with the CNAME target that {@code rest}
     * answers for. When that target got no answer, the CNAMEs already read stay in the chain:
     * the hop to it is a fact, only where it leads is unknown.
     */
    private static Answer prefix(List<String> head, Answer rest) {
        List<String> chain = new ArrayList<>(head.subList(0, head.size() - 1));
        chain.addAll(rest.cnameChain().isEmpty() ? List.of(head.getLast()) : rest.cnameChain());
        return switch (rest) {
            case Answer.Records r -> new Answer.Records(r.records(), chain);
            case Answer.NxDomain nx -> new Answer.NxDomain(chain);
            case Answer.NoData nd -> new Answer.NoData(chain);
            case Answer.Unknown u -> new Answer.Unknown(u.reason(), chain);
        };
    }

    static String normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }

    private static boolean isAtOrBelow(String name, String zone) {
        return zone.isEmpty() || name.equals(zone) || name.endsWith("." + zone);
    }

    private static String zoneLabel(String zone) {
        return zone.isEmpty() ? "the root" : zone;
    }
}
