package org.lapsewatch.sim;

import org.lapsewatch.model.LapsewatchException;

/** A scenario file that cannot be used; the message names the file, the line and the field. */
public final class ScenarioException extends LapsewatchException {
    public ScenarioException(String message) {
        super(message);
    }

    public ScenarioException(String message, Throwable cause) {
        super(message, cause);
    }
}
