package org.lapsewatch.web.auth;

import java.util.Locale;

/** What a user may do: an admin changes things, a viewer only looks. */
public enum Role {
    ADMIN, VIEWER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.name().equalsIgnoreCase(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + text + "' (expected admin or viewer)");
    }
}
