package org.lapsewatch.store;

import org.lapsewatch.model.LapsewatchException;

/** The store could not do what was asked; nothing was changed. */
public final class StoreException extends LapsewatchException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
