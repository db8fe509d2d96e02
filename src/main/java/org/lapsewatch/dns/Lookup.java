package org.lapsewatch.dns;

import org.xbill.DNS.Type;

/** Asks for the records of one type at one name. */
@FunctionalInterface
public interface Lookup {
    Answer lookup(String name, int type);

    /**
     * The addresses of a host: its A records, or its AAAA records when the name has no A (an
     * IPv6-only host resolves too). AAAA is asked only after a NODATA for A, so a host with an
     * A record costs one question. When the AAAA question gets no answer, the chain the A
     * answer already followed is kept.
     */
    default Answer addresses(String host) {
        Answer a = lookup(host, Type.A);
        if (!(a instanceof Answer.NoData)) {
            return a;
        }
        Answer aaaa = lookup(host, Type.AAAA);
        return aaaa instanceof Answer.Unknown u ? new Answer.Unknown(u.reason(), a.cnameChain()) : aaaa;
    }
}
