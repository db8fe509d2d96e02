package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ByteInternerTest {
    private final ByteInterner interner = new ByteInterner();

    private String intern(String text) {
        // the name sits inside a longer line, as in a log
        byte[] line = ("Nov 28 16:32:43 " + text + " postfix/smtp[1]: x").getBytes(StandardCharsets.UTF_8);
        int from = "Nov 28 16:32:43 ".length();
        return interner.intern(line, from, from + text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void a_repeated_name_is_the_same_string_while_the_table_grows() {
        String first = intern("mx1.agency.example");
        for (int i = 0; i < 4_000; i++) {
            assertThat(intern("host" + i + ".example")).isEqualTo("host" + i + ".example");
            assertThat(intern("mx1.agency.example")).isSameAs(first);
        }
        for (int i = 0; i < 4_000; i++) {
            assertThat(intern("host" + i + ".example")).isSameAs(intern("host" + i + ".example"));
        }
    }

    @Test
    void names_that_share_a_prefix_or_length_stay_apart_and_utf8_is_decoded() {
        assertThat(intern("app@agency.example")).isEqualTo("app@agency.example");
        assertThat(intern("app@agency.exampl")).isEqualTo("app@agency.exampl");
        assertThat(intern("bpp@agency.example")).isEqualTo("bpp@agency.example");
        assertThat(intern("zorg@jeugdzorg-utrécht.example")).isEqualTo("zorg@jeugdzorg-utrécht.example");
        assertThat(intern("")).isEmpty();
    }

    @Test
    void beyond_its_bound_it_starts_over_and_still_answers_right() {
        for (int i = 0; i < 50_000; i++) {
            assertThat(intern("sender" + i + "@agency.example")).isEqualTo("sender" + i + "@agency.example");
        }
        String again = intern("sender49999@agency.example");
        assertThat(intern("sender49999@agency.example")).isSameAs(again);
    }
}
