package org.lapsewatch.web.auth;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void a_hash_verifies_its_password_and_nothing_else() {
        String hash = hasher.hash("correct horse battery staple".toCharArray());
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify("correct horse battery staple".toCharArray(), hash)).isTrue();
        assertThat(hasher.verify("correct horse battery stapl".toCharArray(), hash)).isFalse();
        assertThat(hasher.verify("".toCharArray(), hash)).isFalse();
    }

    @Test
    void the_same_password_hashes_differently_each_time() {
        assertThat(hasher.hash("pw".toCharArray())).isNotEqualTo(hasher.hash("pw".toCharArray()));
    }

    @Test
    void a_malformed_stored_hash_never_verifies() {
        for (String stored : new String[]{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AAAA$AAAA", "$argon2id$v=19$m=x,t=1,p=1$A$A",
                "$2a$10$abcdefghijklmnopqrstuu"}) {
            assertThat(hasher.verify("pw".toCharArray(), stored)).as(stored).isFalse();
        }
    }
}
