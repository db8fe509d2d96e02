package org.lapsewatch.web;

import org.lapsewatch.web.auth.Principal;

/**
 * What every page's layout needs: the words, who is looking (null on the login page) and the
 * CSRF token forms must carry.
 */
public record PageContext(Texts t, Principal user, String csrf) {
    public boolean canChange() {
        return user != null && user.isAdmin();
    }
}
