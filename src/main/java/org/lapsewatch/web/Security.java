package org.lapsewatch.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import io.javalin.http.UnauthorizedResponse;
import org.lapsewatch.web.auth.Principal;
import org.lapsewatch.web.auth.Sessions;
import org.lapsewatch.web.auth.UserRepository;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Who may do what, checked once per request before any handler runs: security headers on every
 * answer; every route declares an {@link Access}; READ needs a session or an API token, CHANGE
 * needs an admin; every state-changing request made with a session cookie must carry that
 * session's CSRF token (form field {@code _csrf} or header {@code X-CSRF-Token}). Requests with
 * an API token ({@code Authorization: Bearer …}) carry no cookie and need no CSRF token.
 */
final class Security {
    static final String PRINCIPAL = "lapsewatch.principal";
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final Set<HandlerType> CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

    private final Sessions sessions;
    private final UserRepository users;
    private final Clock clock;
    private final boolean secureCookies;

    Security(Sessions sessions, UserRepository users, Clock clock, boolean secureCookies) {
        this.sessions = sessions;
        this.users = users;
        this.clock = clock;
        this.secureCookies = secureCookies;
    }

    /** Runs before every request, matched or not. */
    void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if (secureCookies) {
            ctx.header("Strict-Transport-Security", "max-age=31536000");
        }
    }

    /** Runs before every matched route: authenticates, authorizes and checks CSRF. */
    void check(Context ctx) {
        Set<?> roles = ctx.routeRoles();
        Access needed = roles.contains(Access.PUBLIC) ? Access.PUBLIC
                : roles.contains(Access.CHANGE) ? Access.CHANGE : Access.READ;
        Optional<Principal> principal = authenticate(ctx);
        principal.ifPresent(p -> ctx.attribute(PRINCIPAL, p));
        if (needed == Access.PUBLIC) {
            return;
        }
        if (principal.isEmpty()) {
            if (isApi(ctx) || ctx.path().equals("/metrics") || CHANGING.contains(ctx.method())) {
                throw new UnauthorizedResponse("log in or send an API token");
            }
            ctx.redirect("/login?next=" + java.net.URLEncoder.encode(ctx.path(), java.nio.charset.StandardCharsets.UTF_8));
            ctx.skipRemainingHandlers();
            return;
        }
        Principal p = principal.get();
        if (needed == Access.CHANGE && !p.isAdmin()) {
            throw new ForbiddenResponse("only an admin may change this");
        }
        if (CHANGING.contains(ctx.method()) && p.session() != null) {
            requireCsrf(ctx, p.session());
        }
    }

    static void requireCsrf(Context ctx, Sessions.Session session) {
        String presented = ctx.header("X-CSRF-Token");
        if (presented == null && isForm(ctx)) {
            presented = ctx.formParam("_csrf");
        }
        if (!session.csrfMatches(presented)) {
            throw new ForbiddenResponse("missing or wrong CSRF token: reload the page and try again");
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    private Optional<Principal> authenticate(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return users.userForToken(authorization.substring(7).strip(), clock.instant())
                    .map(u -> new Principal(u.username(), u.role(), null));
        }
        return sessions.find(ctx.cookie(Sessions.COOKIE)).map(s -> new Principal(s.username(), s.role(), s));
    }

    static boolean isApi(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    boolean secureCookies() {
        return secureCookies;
    }

    Cookie sessionCookie(String value, int maxAgeSeconds) {
        return new Cookie(Sessions.COOKIE, value, "/", maxAgeSeconds, secureCookies, true, null, SameSite.STRICT);
    }

    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new UnauthorizedResponse("not logged in");
        }
        return p;
    }

    static Optional<Principal> optionalPrincipal(Context ctx) {
        return Optional.ofNullable(ctx.attribute(PRINCIPAL));
    }
}
