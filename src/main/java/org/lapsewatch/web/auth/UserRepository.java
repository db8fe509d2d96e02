package org.lapsewatch.web.auth;

import org.jdbi.v3.core.Jdbi;
import org.lapsewatch.store.StoreException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Local users and their API tokens. Tokens are shown once and stored only as SHA-256 hashes. */
public final class UserRepository {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A user as stored. */
    public record User(String username, String passwordHash, Role role, Instant createdAt) {
    }

    /** An API token's record (never the token itself). */
    public record ApiToken(long id, String username, String name, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** A newly created token: the secret is only available now. */
    public record NewToken(long id, String secret) {
    }

    private final Jdbi jdbi;

    public UserRepository(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public boolean isEmpty() {
        return jdbi.withHandle(h -> h.createQuery("select count(*) from app_user").mapTo(Long.class).one()) == 0;
    }

    /** Adds a user; refuses a name that exists. */
    public void add(String username, String passwordHash, Role role, Instant now) {
        if (!username.matches("[A-Za-z0-9._@-]{1,100}")) {
            throw new StoreException("user name '" + username + "' may only contain letters, digits and . _ @ - (at most 100)");
        }
        jdbi.useTransaction(h -> {
            if (h.createQuery("select count(*) from app_user where username = :u").bind("u", username).mapTo(Long.class).one() > 0) {
                throw new StoreException("user '" + username + "' already exists");
            }
            h.createUpdate("insert into app_user (username, password_hash, role, created_at) values (:u, :p, :r, :t)")
                    .bind("u", username).bind("p", passwordHash).bind("r", role.wireName()).bind("t", utc(now)).execute();
        });
    }

    public Optional<User> find(String username) {
        return jdbi.withHandle(h -> h.createQuery("select username, password_hash, role, created_at from app_user where username = :u")
                .bind("u", username)
                .map((rs, ctx) -> new User(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .findOne());
    }

    public List<User> list() {
        return jdbi.withHandle(h -> h.createQuery("select username, password_hash, role, created_at from app_user order by username")
                .map((rs, ctx) -> new User(rs.getString(1), rs.getString(2), Role.parse(rs.getString(3)),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list());
    }

    public NewToken createToken(String username, String name, Instant now) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String secret = "lw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long id = jdbi.inTransaction(h -> {
            if (h.createQuery("select count(*) from app_user where username = :u").bind("u", username).mapTo(Long.class).one() == 0) {
                throw new StoreException("no user '" + username + "'");
            }
            return h.createUpdate("insert into api_token (username, name, token_hash, created_at) values (:u, :n, :h, :t)")
                    .bind("u", username).bind("n", name).bind("h", sha256(secret)).bind("t", utc(now))
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
        return new NewToken(id, secret);
    }

    /** The user a live token belongs to; records its use. */
    public Optional<User> userForToken(String secret, Instant now) {
        return jdbi.inTransaction(h -> {
            Optional<String> username = h.createQuery("select username from api_token where token_hash = :h and revoked_at is null")
                    .bind("h", sha256(secret)).mapTo(String.class).findOne();
            username.ifPresent(u -> h.createUpdate("update api_token set last_used_at = :t where token_hash = :h")
                    .bind("t", utc(now)).bind("h", sha256(secret)).execute());
            return username;
        }).flatMap(this::find);
    }

    public boolean revokeToken(long id, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("update api_token set revoked_at = :t where id = :id and revoked_at is null")
                .bind("t", utc(now)).bind("id", id).execute()) == 1;
    }

    public List<ApiToken> tokens() {
        return jdbi.withHandle(h -> h.createQuery("select id, username, name, created_at, last_used_at, revoked_at from api_token order by id")
                .map((rs, ctx) -> new ApiToken(rs.getLong(1), rs.getString(2), rs.getString(3), instant(rs.getObject(4, OffsetDateTime.class)),
                        instant(rs.getObject(5, OffsetDateTime.class)), instant(rs.getObject(6, OffsetDateTime.class))))
                .list());
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
