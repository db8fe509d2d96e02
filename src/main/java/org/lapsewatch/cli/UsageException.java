package org.lapsewatch.cli;

import org.lapsewatch.model.LapsewatchException;

/** The user asked for something that cannot be done as asked (bad argument, missing file): exit status 2. */
public final class UsageException extends LapsewatchException {
    public UsageException(String message) {
        super(message);
    }
}
