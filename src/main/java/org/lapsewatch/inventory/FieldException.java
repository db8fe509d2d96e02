package org.lapsewatch.inventory;

import org.lapsewatch.model.LapsewatchException;

/** One inventory field that cannot be used as given; the message names the field and the reason. */
public final class FieldException extends LapsewatchException {
    private final String field;
    private final String reason;

    public FieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    public String field() {
        return field;
    }

    public String reason() {
        return reason;
    }
}
