package org.lapsewatch.dns;

import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.rules.ZoneFacts;

import java.util.List;

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
        return walker(zone).walkWithRecordReferences(entry.name(), entry.lifecycle(), zone.recordReferences(),
                settings.concurrency());
    }

    /**
     * Why a walk says too little to stand for the zone's references, or null when it is complete:
     * when any of its questions got no answer (a timeout, SERVFAIL) — the zone's own NS, MX or
     * TXT, or a deeper one such as a CNAME hop or a target's address — what it did not see is
     * "not known", not "nothing points there", and a target's resolution is not known either.
     */
    public static String incompleteReason(ZoneFacts facts) {
        if (facts.complete()) {
            return null;
        }
        List<String> unanswered = facts.unanswered();
        return unanswered.size() + (unanswered.size() == 1 ? " question" : " questions") + " got no answer, e.g. "
                + unanswered.getFirst();
    }

    private ZoneWalker walker(Lookup lookup) {
        return new ZoneWalker(lookup, resolver, settings.hostnames(), settings.dkimSelectors(), settings.mtaStsMx());
    }
}
