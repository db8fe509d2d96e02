package org.lapsewatch.sim;

import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.DNSSEC;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Opcode;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.InetAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What each simulated nameserver answers, as a function of the world at the time of asking:
 * the root refers to TLD servers, a TLD server refers to the domain's nameservers (or says
 * NXDOMAIN when the name is not delegated), a zone nameserver answers authoritatively for the
 * zones it serves and REFUSED for everything else, and the recursive resolver walks that same
 * tree itself.
 */
final class DnsAnswers {
    private static final int MAX_REFERRALS = 12;
    private static final int MAX_CNAMES = 8;

    private final DnsLayout layout;

    DnsAnswers(DnsLayout layout) {
        this.layout = layout;
    }

    /** The answer of the nameserver in {@code role}. */
    Message authoritative(DnsLayout.Role role, Message query, World world) {
        Message response = responseTo(query);
        if (response.getRcode() != Rcode.NOERROR) {
            return response;
        }
        Record question = query.getQuestion();
        Name qname = question.getName();
        int qtype = question.getType();
        switch (role) {
            case DnsLayout.Root root -> answerAsRoot(response, qname, qtype, world);
            case DnsLayout.TldServer tld -> answerAsTld(response, tld, qname, qtype, world);
            case DnsLayout.ZoneServer zone -> answerAsZoneServer(response, zone, qname, qtype, world);
        }
        return response;
    }

    /** The recursive resolver's answer: walks root → TLD → zone like a real resolver would. */
    Message recursive(Message query, World world) {
        Message response = responseTo(query);
        response.getHeader().setFlag(Flags.RA);
        if (response.getRcode() != Rcode.NOERROR) {
            return response;
        }
        Record question = query.getQuestion();
        Name qname = question.getName();
        Set<Name> seen = new HashSet<>();
        for (int hop = 0; hop <= MAX_CNAMES; hop++) {
            seen.add(qname);
            Message step = iterate(qname, question.getType(), world);
            response.getHeader().setRcode(step.getRcode());
            if (step.getRcode() != Rcode.NOERROR && step.getRcode() != Rcode.NXDOMAIN) {
                return response;
            }
            List<Record> answers = step.getSection(Section.ANSWER);
            answers.forEach(r -> response.addRecord(r, Section.ANSWER));
            Name next = danglingCname(answers, qname, question.getType());
            if (next == null || seen.contains(next)) {
                if (answers.isEmpty()) {
                    step.getSection(Section.AUTHORITY).stream().filter(r -> r.getType() == Type.SOA)
                            .forEach(r -> response.addRecord(r, Section.AUTHORITY));
                }
                return response;
            }
            qname = next;
        }
        return response;
    }

    /** One name resolved iteratively from the root; SERVFAIL when every server of a step refuses. */
    private Message iterate(Name qname, int qtype, World world) {
        Message query = Message.newQuery(Record.newRecord(qname, qtype, DClass.IN));
        List<DnsLayout.Role> servers = List.of(new DnsLayout.Root(DnsLayout.ROOT_HOST));
        for (int step = 0; step < MAX_REFERRALS; step++) {
            Message answer = null;
            for (DnsLayout.Role server : servers) {
                Message candidate = authoritative(server, query, world);
                if (candidate.getRcode() != Rcode.REFUSED) {
                    answer = candidate;
                    break;
                }
            }
            if (answer == null) {
                return failure(query, Rcode.SERVFAIL);
            }
            boolean referral = !answer.getHeader().getFlag(Flags.AA) && answer.getSection(Section.ANSWER).isEmpty()
                    && answer.getSection(Section.AUTHORITY).stream().anyMatch(r -> r.getType() == Type.NS);
            if (!referral) {
                return answer;
            }
            List<DnsLayout.Role> next = new ArrayList<>();
            for (Record ns : answer.getSection(Section.AUTHORITY)) {
                if (ns instanceof NSRecord nsRecord) {
                    layout.roleOf(nsRecord.getTarget()).ifPresent(next::add);
                }
            }
            servers = next;
        }
        return failure(query, Rcode.SERVFAIL);
    }

    private static Name danglingCname(List<Record> answers, Name qname, int qtype) {
        if (qtype == Type.CNAME) {
            return null;
        }
        Name current = qname;
        for (int i = 0; i <= MAX_CNAMES; i++) {
            Name at = current;
            Record cname = answers.stream().filter(r -> r.getName().equals(at) && r.getType() == Type.CNAME)
                    .findFirst().orElse(null);
            if (cname == null) {
                Name last = at;
                boolean answered = answers.stream().anyMatch(r -> r.getName().equals(last) && r.getType() != Type.CNAME);
                return answered || at.equals(qname) ? null : at;
            }
            current = ((CNAMERecord) cname).getTarget();
        }
        return null;
    }

    private void answerAsRoot(Message response, Name qname, int qtype, World world) {
        if (qname.equals(Name.root)) {
            apex(response, Name.root, DnsLayout.ROOT_HOST, qtype);
            return;
        }
        if (qname.equals(DnsLayout.ROOT_HOST)) {
            hostAddress(response, qname, qtype);
            return;
        }
        String tld = Names.tldOf(qname);
        if (tld != null && world.scenario().registries().containsKey(tld)) {
            Name tldName = Names.absolute(tld);
            Name host = layout.tldHost(tld);
            response.addRecord(new NSRecord(tldName, DClass.IN, Zone.TTL, host), Section.AUTHORITY);
            response.addRecord(new ARecord(host, DClass.IN, Zone.TTL, layout.addressOf(host)), Section.ADDITIONAL);
            return;
        }
        nxdomain(response, Name.root, DnsLayout.ROOT_HOST);
    }

    private void answerAsTld(Message response, DnsLayout.TldServer server, Name qname, int qtype, World world) {
        Name tldName = Names.absolute(server.tld());
        if (!qname.subdomain(tldName)) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        if (qname.equals(tldName)) {
            apex(response, tldName, server.host(), qtype);
            return;
        }
        if (qname.equals(server.host())) {
            hostAddress(response, qname, qtype);
            return;
        }
        String domain = Names.domainUnderTld(qname);
        List<String> delegation = world.delegation(domain);
        if (delegation.isEmpty()) {
            nxdomain(response, tldName, server.host());
            return;
        }
        Name domainName = Names.absolute(domain);
        boolean signed = world.state(domain).orElseThrow().registration().dnssec();
        if (qtype == Type.DS && qname.equals(domainName)) {
            // the parent is authoritative for the DS set at a zone cut (RFC 4035 §3.1.4.1)
            response.getHeader().setFlag(Flags.AA);
            if (signed) {
                response.addRecord(ds(domainName), Section.ANSWER);
            } else {
                response.addRecord(Zone.soa(tldName, server.host()), Section.AUTHORITY);
            }
            return;
        }
        if (signed) {
            response.addRecord(ds(domainName), Section.AUTHORITY);
        }
        for (String host : delegation) {
            Name ns = Names.absolute(host);
            response.addRecord(new NSRecord(domainName, DClass.IN, Zone.TTL, ns), Section.AUTHORITY);
            InetAddress address = layout.addressOf(ns);
            if (address != null) {
                response.addRecord(new ARecord(ns, DClass.IN, Zone.TTL, address), Section.ADDITIONAL);
            }
        }
    }

    /** A stand-in DS record (the simulation signs nothing): ECDSAP256SHA256, SHA-256 of the owner name. */
    private static DSRecord ds(Name domain) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(domain.toWireCanonical());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        int footprint = ((digest[0] & 0xFF) << 8) | (digest[1] & 0xFF);
        return new DSRecord(domain, DClass.IN, Zone.TTL, footprint, DNSSEC.Algorithm.ECDSAP256SHA256,
                DNSSEC.Digest.SHA256, digest);
    }

    private void answerAsZoneServer(Message response, DnsLayout.ZoneServer server, Name qname, int qtype, World world) {
        String domain = Names.domainUnderTld(qname);
        String host = Names.host(server.host());
        if (domain == null || !world.serves(host, domain)) {
            response.getHeader().setRcode(Rcode.REFUSED);
            return;
        }
        DomainState state = world.state(domain).orElseThrow();
        List<String> nameservers = state.registration() == null ? List.of(host) : state.registration().nameservers();
        List<Record> records = state.zone().served(nameservers, layout::addressOf);
        response.getHeader().setFlag(Flags.AA);
        lookUp(response, state.zone().origin(), records, qname, qtype);
    }

    /** Answers from one zone's records: exact match, CNAME (followed inside the zone), wildcard, NODATA or NXDOMAIN. */
    private static void lookUp(Message response, Name origin, List<Record> records, Name qname, int qtype) {
        Name name = qname;
        for (int hop = 0; hop <= MAX_CNAMES; hop++) {
            Name current = name;
            List<Record> at = recordsAt(records, current, origin);
            if (at.isEmpty()) {
                boolean emptyNonTerminal = current.equals(origin)
                        || records.stream().anyMatch(r -> r.getName().subdomain(current) && !r.getName().equals(current));
                if (!emptyNonTerminal) {
                    response.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                if (hop == 0 || !emptyNonTerminal) {
                    addSoa(response, records);
                }
                return;
            }
            List<Record> matching = at.stream().filter(r -> qtype == Type.ANY || r.getType() == qtype).toList();
            if (!matching.isEmpty()) {
                matching.forEach(r -> response.addRecord(r, Section.ANSWER));
                return;
            }
            Record cname = at.stream().filter(r -> r.getType() == Type.CNAME).findFirst().orElse(null);
            if (cname == null) {
                if (hop == 0) {
                    addSoa(response, records);
                }
                return;
            }
            response.addRecord(cname, Section.ANSWER);
            name = ((CNAMERecord) cname).getTarget();
            if (!name.subdomain(origin)) {
                return;
            }
        }
    }

    /** The records owned by {@code name}, or those of the closest wildcard, renamed to {@code name}. */
    private static List<Record> recordsAt(List<Record> records, Name name, Name origin) {
        List<Record> exact = records.stream().filter(r -> r.getName().equals(name)).toList();
        if (!exact.isEmpty() || name.equals(origin)) {
            return exact;
        }
        boolean nameExistsBelow = records.stream().anyMatch(r -> r.getName().subdomain(name));
        if (nameExistsBelow) {
            return List.of();
        }
        for (Name parent = new Name(name, 1); parent.subdomain(origin); parent = new Name(parent, 1)) {
            Name wildcard = wildcardOf(parent);
            List<Record> matched = records.stream().filter(r -> r.getName().equals(wildcard)).map(r -> r.withName(name)).toList();
            if (!matched.isEmpty()) {
                return matched;
            }
            if (parent.equals(origin)) {
                break;
            }
        }
        return List.of();
    }

    private static Name wildcardOf(Name parent) {
        try {
            return Name.concatenate(Name.fromConstantString("*"), parent);
        } catch (org.xbill.DNS.NameTooLongException e) {
            throw new IllegalStateException("a wildcard above a valid name is shorter than it", e);
        }
    }

    private static void addSoa(Message response, List<Record> records) {
        records.stream().filter(r -> r.getType() == Type.SOA).findFirst().ifPresent(r -> response.addRecord(r, Section.AUTHORITY));
    }

    private void apex(Message response, Name zone, Name host, int qtype) {
        response.getHeader().setFlag(Flags.AA);
        if (qtype == Type.NS || qtype == Type.ANY) {
            response.addRecord(new NSRecord(zone, DClass.IN, Zone.TTL, host), Section.ANSWER);
            response.addRecord(new ARecord(host, DClass.IN, Zone.TTL, layout.addressOf(host)), Section.ADDITIONAL);
        }
        if (qtype == Type.SOA || qtype == Type.ANY) {
            response.addRecord(Zone.soa(zone, host), Section.ANSWER);
        }
        if (response.getSection(Section.ANSWER).isEmpty()) {
            response.addRecord(Zone.soa(zone, host), Section.AUTHORITY);
        }
    }

    private void hostAddress(Message response, Name host, int qtype) {
        response.getHeader().setFlag(Flags.AA);
        if (qtype == Type.A || qtype == Type.ANY) {
            response.addRecord(new ARecord(host, DClass.IN, Zone.TTL, layout.addressOf(host)), Section.ANSWER);
        }
    }

    private static void nxdomain(Message response, Name zone, Name host) {
        response.getHeader().setFlag(Flags.AA);
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        response.addRecord(Zone.soa(zone, host), Section.AUTHORITY);
    }

    /** A response with the query's id, question and RD bit; FORMERR/NOTIMP for what we do not answer. */
    static Message responseTo(Message query) {
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        Record question = query.getQuestion();
        if (question != null) {
            response.addRecord(question, Section.QUESTION);
        }
        if (query.getHeader().getOpcode() != Opcode.QUERY) {
            response.getHeader().setRcode(Rcode.NOTIMP);
        } else if (question == null || question.getDClass() != DClass.IN) {
            response.getHeader().setRcode(Rcode.FORMERR);
        }
        return response;
    }

    static Message failure(Message query, int rcode) {
        Message response = responseTo(query);
        response.getHeader().setRcode(rcode);
        return response;
    }
}
