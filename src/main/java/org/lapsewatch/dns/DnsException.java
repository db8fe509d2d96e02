package org.lapsewatch.dns;

import org.lapsewatch.model.LapsewatchException;

/** A DNS operation the user asked for directly (a zone transfer) could not be done. */
public final class DnsException extends LapsewatchException {
    public DnsException(String message, Throwable cause) {
        super(message, cause);
    }
}
