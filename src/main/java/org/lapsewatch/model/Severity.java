package org.lapsewatch.model;

import java.util.Locale;

/** How bad a finding is, from {@link #INFO} up to {@link #CRITICAL}. */
public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    public static Severity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown severity '" + text + "' (expected CRITICAL, HIGH, MEDIUM, LOW or INFO)");
        }
    }
}
