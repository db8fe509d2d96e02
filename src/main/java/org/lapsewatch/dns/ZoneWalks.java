package org.lapsewatch.dns;

import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.rules.LookupResult;
import org.lapsewatch.rules.ZoneFacts;

/**
 * Walks one inventory zone as configured: the live zone through the resolver, or the transferred
 * copy (with every record's references) where {@code dns.axfr} names a server for it. The one walk
 * both the residual-trust check and the periodic reference walk of {@code serve} use.
 */
public final class ZoneWalks {
    private final DnsSettings settings;
    private final Resolver resolver;

    public ZoneWalks(DnsSettings settings, Resolver resolver) {
        this.settings = settings;
        this.resolver = resolver;
    }

    public ZoneFacts walk(InventoryEntry entry) {
        String axfrServer = settings.axfr().get(entry.name().ascii());
        if (axfrServer == null) {
            return walker(resolver).walk(entry.name(), entry.lifecycle());
        }
        ZoneLookup zone = ZoneLookup.transfer(entry.name().ascii(), Resolver.endpoint(axfrServer), settings.timeout(), resolver);
        ZoneFacts walked = walker(zone).walk(entry.name(), entry.lifecycle());
        return ZoneWalker.withReferences(walked, ZoneWalker.resolveTargets(zone, zone.recordReferences(), settings.concurrency()));
    }

    /**
     * Why a walk says too little to stand for the zone's references, or null when it is complete
     * enough: when the zone's own NS, MX or TXT could not be read (a timeout, SERVFAIL), an empty
     * or short reference list means "not known", not "nothing points anywhere".
     */
    public static String incompleteReason(ZoneFacts facts) {
        if (facts.childNs() == null) {
            return "the zone's NS set could not be read";
        }
        if (facts.apexMx() instanceof LookupResult.Failed f) {
            return "MX lookup failed: " + f.reason();
        }
        if (facts.apexTxt() instanceof LookupResult.Failed f) {
            return "TXT lookup failed: " + f.reason();
        }
        return null;
    }

    private ZoneWalker walker(Lookup lookup) {
        return new ZoneWalker(lookup, resolver, settings.hostnames(), settings.dkimSelectors(), settings.mtaStsMx());
    }
}
