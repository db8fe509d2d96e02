package org.lapsewatch.inventory;

import org.lapsewatch.model.LapsewatchException;

/** An import file that cannot be used; the message says {@code FILE line N, field F: reason}. Nothing was imported. */
public final class ImportException extends LapsewatchException {
    public ImportException(String message) {
        super(message);
    }

    public ImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
