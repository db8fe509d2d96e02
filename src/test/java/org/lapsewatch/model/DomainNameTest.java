package org.lapsewatch.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Normalizing what people type into registrable domains: IDNA UTS #46, case, trailing dot, Public Suffix List. */
class DomainNameTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "bjzutrecht.nl,         bjzutrecht.nl",
            "BJZUtrecht.nl.,        bjzutrecht.nl",
            "'  BJZUtrecht.NL. ',   bjzutrecht.nl",
            "bücher.de,             xn--bcher-kva.de",
            "BÜCHER.DE,             xn--bcher-kva.de",
            "xn--bcher-kva.de,      xn--bcher-kva.de",
            "XN--BCHER-KVA.DE.,     xn--bcher-kva.de",
            "bücher。de,            xn--bcher-kva.de",   // ideographic full stop is a dot in UTS #46
            "ｂｕｃｈｅｒ.de,        bucher.de",          // full-width letters map to ASCII
            "faß.de,                xn--fa-hia.de",      // non-transitional: ß stays ß, not 'ss'
            "σόλος.gr,              xn--wxaijb9b.gr",    // non-transitional: final sigma kept, not σόλοσ (xn--wxaikc6b)
            "samenveilig.example,   samenveilig.example", // unlisted TLD: PSL default rule '*'
            "oldvendor.co.uk,       oldvendor.co.uk",
            "食狮.公司.cn,           xn--85x722f.xn--55qx5d.cn",
    })
    void parse_normalizes_to_lower_case_a_labels(String input, String ascii) {
        assertThat(DomainName.parse(input).ascii()).isEqualTo(ascii);
    }

    @Test
    void the_same_domain_however_written_is_one_value() {
        assertThat(DomainName.parse("BJZUtrecht.nl.")).isEqualTo(DomainName.parse("bjzutrecht.nl"));
        assertThat(DomainName.registrableOf("Mail.BJZUtrecht.nl.")).isEqualTo(DomainName.parse("bjzutrecht.nl"));
        assertThat(DomainName.parse("bücher.de")).isEqualTo(DomainName.parse("xn--bcher-kva.de"));
    }

    @Test
    void display_shows_the_u_label_and_the_a_label_where_they_differ() {
        assertThat(DomainName.parse("xn--bcher-kva.de").display()).isEqualTo("bücher.de (xn--bcher-kva.de)");
        assertThat(DomainName.parse("xn--bcher-kva.de").unicode()).isEqualTo("bücher.de");
        assertThat(DomainName.parse("bjzutrecht.nl").display()).isEqualTo("bjzutrecht.nl");
        assertThat(DomainName.parse("faß.de").unicode()).isEqualTo("faß.de");
        assertThat(DomainName.parse("σόλος.gr").unicode()).isEqualTo("σόλος.gr");
    }

    @Test
    void a_subdomain_is_refused_naming_the_registrable_domain() {
        assertThatThrownBy(() -> DomainName.parse("Mail.BJZUtrecht.nl."))
                .isInstanceOf(InvalidDomainException.class)
                .hasMessage("'Mail.BJZUtrecht.nl.' is a subdomain, not a registrable domain; the registrable domain is bjzutrecht.nl");
        assertThatThrownBy(() -> DomainName.parse("www.bücher.de"))
                .hasMessageEndingWith("the registrable domain is bücher.de (xn--bcher-kva.de)");
        assertThatThrownBy(() -> DomainName.parse("mx1.oldvendor.co.uk"))
                .hasMessageEndingWith("the registrable domain is oldvendor.co.uk");
    }

    /** Only the registry (ICANN) section of the PSL counts: see {@link PublicSuffixListTest} for why. */
    @Test
    void private_section_suffixes_do_not_make_names_registrable() {
        assertThat(DomainName.parse("github.io").ascii()).isEqualTo("github.io");
        assertThat(DomainName.registrableOf("someone.github.io").ascii()).isEqualTo("github.io");
        assertThatThrownBy(() -> DomainName.parse("example.uk.com")).hasMessageEndingWith("the registrable domain is uk.com");
    }

    @Test
    void registrable_of_reduces_any_host_name() {
        assertThat(DomainName.registrableOf("mx1.oldvendor.co.uk").ascii()).isEqualTo("oldvendor.co.uk");
        assertThat(DomainName.registrableOf("a.b.samenveilig.example").ascii()).isEqualTo("samenveilig.example");
        assertThat(DomainName.registrableOf("bjzutrecht.nl").ascii()).isEqualTo("bjzutrecht.nl");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nl", "co.uk", "com.", "kyoto.jp", "公司.cn"})
    void a_public_suffix_is_refused(String input) {
        assertThatThrownBy(() -> DomainName.parse(input))
                .isInstanceOf(InvalidDomainException.class)
                .hasMessageContainingAll("'" + input + "'", "not a registrable domain");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            i❤.ws              | it contains '❤' (U+2764 HEAVY BLACK HEART), which IDNA2008 does not allow
            💩.la              | it contains '💩' (U+1F4A9 PILE OF POO), which IDNA2008 does not allow
            ☃.net              | it contains '☃' (U+2603 SNOWMAN), which IDNA2008 does not allow
            a!b.nl             | it contains a character that is not allowed
            exa mple.nl        | it contains a character that is not allowed
            under_score.nl     | it contains a character that is not allowed
            -leading.nl        | a label starts with '-'
            trailing-.nl       | a label ends with '-'
            xn--zz-.de         | not valid punycode
            a..nl              | has an empty label
            .nl                | has an empty label
            """)
    void invalid_names_are_refused_with_the_reason(String input, String reason) {
        assertThatThrownBy(() -> DomainName.parse(input))
                .isInstanceOf(InvalidDomainException.class)
                .hasMessageStartingWith("'" + input + "'")
                .hasMessageContaining(reason);
    }

    @Test
    void over_long_labels_and_names_are_refused() {
        assertThatThrownBy(() -> DomainName.parse("a".repeat(64) + ".nl")).hasMessageContaining("longer than 63");
        String longName = ("a".repeat(60) + ".").repeat(5) + "nl";
        assertThatThrownBy(() -> DomainName.registrableOf(longName)).hasMessageContaining("253");
    }

    /**
     * Plain letter-digit-hyphen names skip ICU; whatever the fast path accepts must be exactly what
     * ICU's UTS #46 processing makes of it. Names are drawn from the characters and lengths where
     * the two could part: hyphens at label edges and in the third and fourth position, labels of
     * 63 and 64 characters, names around 253, upper case, digits only, and non-ASCII letters.
     */
    @Test
    void plain_names_skip_icu_with_the_same_result_icu_gives() {
        java.util.Random random = new java.util.Random(20261207);
        String alphabet = "aZz09--.";
        int accepted = 0;
        int refused = 0;
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            int labels = 1 + random.nextInt(5);
            for (int l = 0; l < labels; l++) {
                if (l > 0) {
                    name.append('.');
                }
                int length = switch (random.nextInt(6)) {
                    case 0 -> 63 + random.nextInt(2);
                    case 1 -> 4;
                    default -> 1 + random.nextInt(8);
                };
                for (int c = 0; c < length; c++) {
                    name.append(random.nextInt(40) == 0 ? "é" : String.valueOf(alphabet.charAt(random.nextInt(alphabet.length()))));
                }
            }
            String candidate = name.toString();
            if (candidate.startsWith(".") || candidate.contains("..")) {
                continue; // refused before either path
            }
            String icu;
            try {
                icu = DomainName.viaUts46(candidate, candidate);
            } catch (InvalidDomainException e) {
                icu = null;
            }
            if (DomainName.isPlainLdh(candidate)) {
                accepted++;
                assertThat(DomainName.toAscii(candidate)).as(candidate).isEqualTo(icu);
            } else {
                refused++;
            }
        }
        for (String edge : new String[]{"xn--bcher-kva.de", "XN--BCHER-KVA.DE", "ab--cd.nl", "a-.nl", "-a.nl",
                "a".repeat(63) + ".nl", "a".repeat(64) + ".nl", ("a".repeat(62) + ".").repeat(4) + "n",
                ("a".repeat(62) + ".").repeat(4) + "nl", "123.456", "A-B.NL", "under_score.nl"}) {
            if (DomainName.isPlainLdh(edge)) {
                accepted++;
                assertThat(DomainName.toAscii(edge)).as(edge).isEqualTo(DomainName.viaUts46(edge, edge));
            }
        }
        assertThat(DomainName.isPlainLdh("xn--bcher-kva.de")).isFalse();
        assertThat(DomainName.isPlainLdh("ab--cd.nl")).isFalse();
        assertThat(DomainName.isPlainLdh("a".repeat(64) + ".nl")).isFalse();
        assertThat(DomainName.isPlainLdh(("a".repeat(62) + ".").repeat(4) + "nl")).isFalse(); // 254 characters
        assertThat(DomainName.isPlainLdh("Mail.BJZUtrecht.nl")).isTrue();
        assertThat(accepted).as("names the fast path answered").isGreaterThan(1_000);
        assertThat(refused).as("names left to ICU").isGreaterThan(1_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "nl", "BJZUtrecht.nl", "bjzutrecht.nl.", "bücher.de", "a..nl"})
    void the_constructor_accepts_only_normalized_names(String ascii) {
        assertThatThrownBy(() -> new DomainName(ascii)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_unicode_form_of_a_name_without_a_labels_is_the_name_itself() {
        for (String ascii : new String[]{"bjzutrecht.nl", "abxn--c.nl", "x-n--a.example", "123.nl", "oldvendor.co.uk"}) {
            DomainName name = new DomainName(ascii);
            assertThat(name.isInternationalized()).as(ascii).isFalse();
            assertThat(name.unicode()).as(ascii).isEqualTo(ascii).isEqualTo(DomainName.toUnicode(ascii));
        }
        assertThat(new DomainName("xn--bcher-kva.de").unicode()).isEqualTo("bücher.de");
        assertThat(new DomainName("mail.xn--bcher-kva.de").unicode()).isEqualTo("mail.bücher.de");
    }

    @Test
    void suffix_and_tld() {
        var d = DomainName.parse("oldvendor.co.uk");
        assertThat(d.suffix()).isEqualTo("co.uk");
        assertThat(d.tld()).isEqualTo("uk");
        assertThat(DomainName.parse("bücher.de").isInternationalized()).isTrue();
        assertThat(d.isInternationalized()).isFalse();
    }
}
