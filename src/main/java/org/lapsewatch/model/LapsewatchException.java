package org.lapsewatch.model;

/** The root of Lapsewatch's own exceptions; subtypes live in the package that throws them. */
public class LapsewatchException extends RuntimeException {
    public LapsewatchException(String message) {
        super(message);
    }

    public LapsewatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
