package org.lapsewatch.watch;

import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.rules.TldDelegation;
import org.lapsewatch.rules.TldDelegation.Answer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks a TLD's authoritative servers (found through the configured root servers, else the
 * configured or system resolvers) for the NS records of a name, without recursion: NXDOMAIN
 * means the TLD does not have it; a referral or any NOERROR answer means it still does.
 */
public final class DnsDelegationProbe implements DelegationProbe {
    private final DnsSettings settings;

    public DnsDelegationProbe(DnsSettings settings) {
        this.settings = settings;
    }

    @Override
    public TldDelegation ask(DomainName domain) {
        Name name;
        try {
            name = Name.fromString(domain.ascii() + ".");
        } catch (TextParseException e) {
            return new TldDelegation(Answer.NO_ANSWER, "not a DNS name: " + domain.ascii());
        }
        List<InetSocketAddress> servers;
        try {
            servers = tldServers(name, domain);
        } catch (IOException e) {
            return new TldDelegation(Answer.NO_ANSWER, "cannot find the servers of ." + domain.suffix() + ": " + e.getMessage());
        }
        if (servers.isEmpty()) {
            return new TldDelegation(Answer.NO_ANSWER, "no servers found for ." + domain.suffix());
        }
        List<String> failures = new ArrayList<>();
        for (InetSocketAddress server : servers) {
            try {
                Message response = send(server, name, Type.NS, false);
                String where = server.getHostString() + ":" + server.getPort();
                int rcode = response.getRcode();
                if (rcode == Rcode.NXDOMAIN) {
                    return new TldDelegation(Answer.NXDOMAIN, where + " answered NXDOMAIN for " + domain.ascii());
                }
                if (rcode == Rcode.NOERROR) {
                    List<String> ns = nsTargets(response, name);
                    return new TldDelegation(Answer.DELEGATED, where + " answered " + (ns.isEmpty()
                            ? "NOERROR (the name exists in the zone)" : "NS " + String.join(" ", ns)));
                }
                failures.add(where + ": " + Rcode.string(rcode));
            } catch (IOException e) {
                failures.add(server.getHostString() + ":" + server.getPort() + ": " + e.getMessage());
            }
        }
        return new TldDelegation(Answer.NO_ANSWER, String.join("; ", failures));
    }

    /** The TLD's servers: from a root referral in iterative mode, else via the recursive resolver. */
    private List<InetSocketAddress> tldServers(Name name, DomainName domain) throws IOException {
        List<InetSocketAddress> servers = new ArrayList<>();
        if (!settings.roots().isEmpty()) {
            for (String root : settings.roots()) {
                Message referral = send(hostPort(root), name, Type.NS, false);
                for (Record r : referral.getSection(Section.ADDITIONAL)) {
                    if (r instanceof ARecord a) {
                        servers.add(new InetSocketAddress(a.getAddress(), settings.queryPort()));
                    } else if (r instanceof AAAARecord aaaa) {
                        servers.add(new InetSocketAddress(aaaa.getAddress(), settings.queryPort()));
                    }
                }
                if (!servers.isEmpty()) {
                    return servers;
                }
            }
            return servers;
        }
        InetSocketAddress resolver = settings.resolvers().isEmpty()
                ? ResolverConfig.getCurrentConfig().server() : hostPort(settings.resolvers().getFirst());
        Name tld = Name.fromString(domain.suffix() + ".");
        Message nsAnswer = send(resolver, tld, Type.NS, true);
        for (Record r : nsAnswer.getSection(Section.ANSWER)) {
            if (r instanceof NSRecord ns) {
                Message address = send(resolver, ns.getTarget(), Type.A, true);
                for (Record ar : address.getSection(Section.ANSWER)) {
                    if (ar instanceof ARecord a) {
                        servers.add(new InetSocketAddress(a.getAddress(), settings.queryPort()));
                    }
                }
            }
        }
        return servers;
    }

    private Message send(InetSocketAddress server, Name name, int type, boolean recursive) throws IOException {
        SimpleResolver resolver = new SimpleResolver(server);
        resolver.setTimeout(settings.timeout());
        Message query = Message.newQuery(Record.newRecord(name, type, DClass.IN));
        if (!recursive) {
            query.getHeader().unsetFlag(Flags.RD);
        }
        IOException last = null;
        for (int attempt = 0; attempt <= settings.retries(); attempt++) {
            try {
                return resolver.send(query);
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private static List<String> nsTargets(Message response, Name name) {
        List<String> targets = new ArrayList<>();
        for (int section : new int[]{Section.ANSWER, Section.AUTHORITY}) {
            for (Record r : response.getSection(section)) {
                if (r instanceof NSRecord ns && r.getName().equals(name)) {
                    targets.add(ns.getTarget().toString(true));
                }
            }
        }
        return targets;
    }

    private static InetSocketAddress hostPort(String endpoint) throws IOException {
        int colon = endpoint.lastIndexOf(':');
        String host = endpoint.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(InetAddress.getByName(host), Integer.parseInt(endpoint.substring(colon + 1)));
    }
}
