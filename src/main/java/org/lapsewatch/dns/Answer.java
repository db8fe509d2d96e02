package org.lapsewatch.dns;

import org.xbill.DNS.Record;

import java.util.List;
import java.util.Objects;

/**
 * The answer to one DNS question, as a value. NXDOMAIN and NODATA are distinct answers; a
 * SERVFAIL, a REFUSED from a resolver or a timeout is {@link Unknown}, never "does not exist".
 * {@code cnameChain} lists the names passed through, starting with the name asked
 * ({@code [www.example.nl, shop.vendor.com]}); it has one element when there was no CNAME.
 */
public sealed interface Answer {

    List<String> cnameChain();

    /** Records of the asked type at the end of the chain. */
    record Records(List<Record> records, List<String> cnameChain) implements Answer {
        public Records {
            records = List.copyOf(records);
            cnameChain = List.copyOf(cnameChain);
        }
    }

    /** The name at the end of the chain does not exist. */
    record NxDomain(List<String> cnameChain) implements Answer {
        public NxDomain {
            cnameChain = List.copyOf(cnameChain);
        }
    }

    /** The name exists but has no record of the asked type. */
    record NoData(List<String> cnameChain) implements Answer {
        public NoData {
            cnameChain = List.copyOf(cnameChain);
        }
    }

    /** No usable answer; the reason says why. The chain holds the CNAMEs followed before the answers stopped. */
    record Unknown(String reason, List<String> cnameChain) implements Answer {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
            cnameChain = List.copyOf(cnameChain);
        }

        public Unknown(String reason) {
            this(reason, List.of());
        }
    }
}
