package org.lapsewatch.dns;

import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.ReferenceKind;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Master;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;
import org.xbill.DNS.ZoneTransferException;
import org.xbill.DNS.ZoneTransferIn;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers from one zone held in memory (read from a BIND zone file or transferred by AXFR) and
 * sends questions about names outside it to {@code outside}, so that a zone file yields the same
 * references as the live zone. CNAME chains that leave the zone continue outside.
 */
public final class ZoneLookup implements Lookup {
    private final Zone zone;
    private final String origin;
    private final Lookup outside;

    private ZoneLookup(Zone zone, Lookup outside) {
        this.zone = zone;
        this.origin = Resolver.normalize(zone.getOrigin().toString());
        this.outside = outside;
    }

    /** The question is outside the zone and there is no network: say so instead of guessing. */
    public static final Lookup OFFLINE = (name, type) -> new Answer.Unknown(name + " is outside the zone file and no resolver is used");

    /**
     * Reads a BIND zone file ({@code $ORIGIN}, {@code $TTL}, {@code $INCLUDE} off).
     *
     * @param origin the zone's name when the file has no {@code $ORIGIN}
     * @throws IllegalArgumentException naming the file and line of a syntax error, or a missing SOA
     */
    public static ZoneLookup readFile(Path file, String origin, Lookup outside) {
        List<Record> records = new ArrayList<>();
        try (InputStream in = Files.newInputStream(file);
             Master master = new Master(in, Name.fromString(Resolver.normalize(origin) + "."), 3600)) {
            master.disableIncludes();
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                records.add(r);
            }
        } catch (IOException e) {
            // dnsjava names a stream "<none>"; say which file instead
            throw new IllegalArgumentException(file + ": " + String.valueOf(e.getMessage()).replace("<none>:", "line "), e);
        }
        return fromRecords(file.toString(), origin, records, outside);
    }

    /** Transfers the zone from {@code server} (AXFR over TCP). */
    public static ZoneLookup transfer(String zoneName, InetSocketAddress server, Duration timeout, Lookup outside) {
        try {
            ZoneTransferIn xfr = ZoneTransferIn.newAXFR(Name.fromString(Resolver.normalize(zoneName) + "."), server, null);
            xfr.setTimeout(timeout);
            xfr.run();
            return fromRecords("AXFR of " + zoneName + " from " + DnsTransport.describe(server),
                    zoneName, xfr.getAXFR(), outside);
        } catch (IOException | ZoneTransferException e) {
            throw new DnsException("AXFR of " + zoneName + " from " + DnsTransport.describe(server) + " failed: " + e.getMessage(), e);
        }
    }

    private static ZoneLookup fromRecords(String source, String origin, List<Record> records, Lookup outside) {
        try {
            return new ZoneLookup(new Zone(Name.fromString(Resolver.normalize(origin) + "."), records.toArray(Record[]::new)), outside);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": not a usable zone for " + origin + ": " + e.getMessage(), e);
        }
    }

    public String origin() {
        return origin;
    }

    /** Every record, for reporting how many were read. */
    public int size() {
        int n = 0;
        for (RRset set : zone) {
            n += set.size();
        }
        return n;
    }

    /**
     * A reference for every NS, MX, CNAME and SRV record in the zone, at any name (the walk only
     * visits well-known names; a zone file or transfer shows them all). Wildcard owners are
     * {@link ReferenceKind#WILDCARD}, CNAMEs under {@code _domainkey} are {@link ReferenceKind#DKIM}.
     */
    public List<DnsReference> recordReferences() {
        List<DnsReference> out = new ArrayList<>();
        for (RRset set : zone) {
            String owner = Resolver.normalize(set.getName().toString());
            for (Record r : set.rrs()) {
                String target = switch (r) {
                    case NSRecord ns -> ns.getTarget().toString();
                    case MXRecord mx -> mx.getTarget().toString();
                    case CNAMERecord cname -> cname.getTarget().toString();
                    case SRVRecord srv -> srv.getTarget().toString();
                    default -> null;
                };
                if (target == null || Resolver.normalize(target).isEmpty()) {
                    continue;
                }
                ReferenceKind kind = switch (r) {
                    case NSRecord ns -> ReferenceKind.NS;
                    case MXRecord mx -> ReferenceKind.MX;
                    case SRVRecord srv -> ReferenceKind.SRV;
                    default -> owner.startsWith("*.") ? ReferenceKind.WILDCARD
                            : owner.contains("._domainkey.") ? ReferenceKind.DKIM : ReferenceKind.CNAME;
                };
                String label = kind == ReferenceKind.WILDCARD || kind == ReferenceKind.DKIM ? "CNAME" : Type.string(r.getType());
                String target1 = Resolver.normalize(target);
                out.add(new DnsReference(kind, owner, target1, List.of(owner + " " + label, target1)));
            }
        }
        return out;
    }

    @Override
    public Answer lookup(String name, int type) {
        String n = Resolver.normalize(name);
        if (!n.equals(origin) && !n.endsWith("." + origin)) {
            return outside.lookup(n, type);
        }
        SetResponse response;
        try {
            response = zone.findRecords(Name.fromString(n + "."), type);
        } catch (IOException e) {
            return new Answer.Unknown("bad name " + n + ": " + e.getMessage());
        }
        List<String> chain = List.of(n);
        if (response.isSuccessful()) {
            List<Record> records = new ArrayList<>();
            response.answers().forEach(set -> records.addAll(set.rrs()));
            return new Answer.Records(records, chain);
        }
        if (response.isCNAME()) {
            CNAMERecord cname = response.getCNAME();
            Answer rest = lookup(cname.getTarget().toString(), type);
            List<String> full = new ArrayList<>(chain);
            full.addAll(rest.cnameChain());
            return switch (rest) {
                case Answer.Records r -> new Answer.Records(r.records(), full);
                case Answer.NxDomain nx -> new Answer.NxDomain(full);
                case Answer.NoData nd -> new Answer.NoData(full);
                case Answer.Unknown u -> new Answer.Unknown(u.reason(), rest.cnameChain().isEmpty()
                        ? List.of(n, Resolver.normalize(cname.getTarget().toString())) : full);
            };
        }
        if (response.isDelegation()) {
            return outside.lookup(n, type);
        }
        if (response.isNXDOMAIN()) {
            return new Answer.NxDomain(chain);
        }
        return new Answer.NoData(chain);
    }
}
