package org.lapsewatch.config;

import org.lapsewatch.model.LapsewatchException;

/** Configuration that cannot be used; the message names the file, the line and the key. */
public final class ConfigException extends LapsewatchException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
