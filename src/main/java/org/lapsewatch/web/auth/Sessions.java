package org.lapsewatch.web.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/**
 * Logged-in sessions, held in memory: a random 256-bit id in an HttpOnly, SameSite=Strict cookie
 * maps to the user, the role and the session's CSRF token. Sessions end after 8 idle hours and
 * on restart (people log in again; nothing else is lost).
 */
public final class Sessions {
    public static final String COOKIE = "lw_session";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** One session. */
    public record Session(String id, String username, Role role, String csrfToken) {
        public boolean csrfMatches(String presented) {
            return presented != null && MessageDigest.isEqual(csrfToken.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    presented.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    private final Cache<String, Session> sessions;

    public Sessions(Clock clock) {
        this.sessions = Caffeine.newBuilder().maximumSize(10_000).expireAfterAccess(Duration.ofHours(8))
                .ticker(() -> clock.instant().toEpochMilli() * 1_000_000L).build();
    }

    public Session start(String username, Role role) {
        Session s = new Session(newToken(), username, role, newToken());
        sessions.put(s.id(), s);
        return s;
    }

    public Optional<Session> find(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(sessions.getIfPresent(id));
    }

    public void end(String id) {
        if (id != null) {
            sessions.invalidate(id);
        }
    }

    /** 256 random bits, URL-safe: session ids, CSRF tokens, the setup token. */
    public static String newToken() {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
