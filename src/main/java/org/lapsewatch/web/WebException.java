package org.lapsewatch.web;

import org.lapsewatch.model.LapsewatchException;

/** The web server cannot start as configured (e.g. its port is taken); the message says what to change. */
public final class WebException extends LapsewatchException {
    public WebException(String message, Throwable cause) {
        super(message, cause);
    }
}
