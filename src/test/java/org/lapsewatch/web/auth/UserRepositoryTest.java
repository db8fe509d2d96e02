package org.lapsewatch.web.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.store.AuditLog;
import org.lapsewatch.store.StoreException;
import org.lapsewatch.store.TestDatabases;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UserRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-11-29T10:00:00Z");

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void users_tokens_and_revocation(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            UserRepository users = new UserRepository(db.database().jdbi());
            assertThat(users.isEmpty()).isTrue();
            users.add("admin", "$argon2id$x", Role.ADMIN, NOW);
            assertThatThrownBy(() -> users.add("admin", "$argon2id$y", Role.VIEWER, NOW))
                    .isInstanceOf(StoreException.class).hasMessageContaining("already exists");
            assertThatThrownBy(() -> users.add("bad name<script>", "h", Role.VIEWER, NOW))
                    .isInstanceOf(StoreException.class).hasMessageContaining("may only contain");

            var token = users.createToken("admin", "ci", NOW);
            assertThat(token.secret()).startsWith("lw_").hasSizeGreaterThan(40);
            assertThat(users.userForToken(token.secret(), NOW)).map(UserRepository.User::username).contains("admin");
            assertThat(users.userForToken(token.secret() + "x", NOW)).isEmpty();
            assertThat(users.tokens()).singleElement().satisfies(t -> assertThat(t.lastUsedAt()).isEqualTo(NOW));
            // only the hash is stored
            long plain = db.database().jdbi().withHandle(h -> h.createQuery("select count(*) from api_token where token_hash = :s")
                    .bind("s", token.secret()).mapTo(Long.class).one());
            assertThat(plain).isZero();

            assertThat(users.revokeToken(token.id(), NOW)).isTrue();
            assertThat(users.revokeToken(token.id(), NOW)).isFalse();
            assertThat(users.userForToken(token.secret(), NOW)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void audit_entries_come_back_newest_first(TestDatabases.Kind kind) {
        try (var db = kind.open()) {
            AuditLog audit = new AuditLog(db.database().jdbi());
            audit.record(NOW, "admin", "finding.acknowledge", "bjzutrecht.example", "finding 3");
            audit.record(NOW.plusSeconds(1), "admin", "domain.retire", "bjzutrecht.example", null);
            assertThat(audit.latest(10)).extracting(AuditLog.Entry::action).containsExactly("domain.retire", "finding.acknowledge");
        }
    }
}
