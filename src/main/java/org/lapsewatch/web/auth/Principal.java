package org.lapsewatch.web.auth;

/**
 * Who is making a request.
 *
 * @param username the user
 * @param role     what they may do
 * @param session  their browser session, or null when they came with an API token
 */
public record Principal(String username, Role role, Sessions.Session session) {
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public String csrfToken() {
        return session == null ? "" : session.csrfToken();
    }
}
