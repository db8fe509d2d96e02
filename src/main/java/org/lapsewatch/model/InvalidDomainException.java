package org.lapsewatch.model;

/** A domain name that cannot be used, with the input and the reason. */
public final class InvalidDomainException extends LapsewatchException {
    private final String input;

    public InvalidDomainException(String input, String reason) {
        super("'" + input + "' " + reason);
        this.input = input;
    }

    public String input() {
        return input;
    }
}
