package org.lapsewatch.model;

import com.google.common.net.InternetDomainName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Public Suffix List's own conformance cases ({@code publicsuffix-list/tests/test_psl.txt}
 * from the shared corpora) run against {@link DomainName#registrableOf} and {@link DomainName#parse}.
 *
 * <p>Lapsewatch reduces names with the ICANN (registry) section of the list only, on purpose:
 * it watches registrations, and a registration lives at a registry. {@code example.uk.com} or
 * {@code someone.github.io} are not registrations anyone can let lapse at a registry; their
 * registry-level domains ({@code uk.com}, {@code github.io}) are. The list's private section
 * (suffixes offered by companies, such as {@code uk.com} or {@code github.io}) would make such
 * names "registrable" with no RDAP or WHOIS to watch them by. So the cases whose answer
 * depends on a private-section suffix are left out here, and counted in the output.
 */
class PublicSuffixListTest {
    private static final Pattern CASE = Pattern.compile("checkPublicSuffix\\((null|'[^']*'),\\s*(null|'[^']*')\\);");

    @TestFactory
    List<DynamicTest> registry_section_cases_of_test_psl() throws IOException {
        var file = Corpora.require("psl/publicsuffix-list/tests/test_psl.txt");
        List<DynamicTest> tests = new ArrayList<>();
        int privateCases = 0;
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            Matcher m = CASE.matcher(line.strip());
            if (line.strip().startsWith("//") || !m.matches()) {
                continue;
            }
            String input = unquote(m.group(1));
            String expected = unquote(m.group(2));
            if (input == null) {
                continue; // "null input": Java callers cannot pass a missing name through the CLI or a file
            }
            if (dependsOnPrivateSuffix(input)) {
                privateCases++;
                continue;
            }
            String name = "line " + lineNumber + ": " + input + " -> " + expected;
            tests.add(DynamicTest.dynamicTest(name, () -> check(input, expected)));
        }
        System.out.println("test_psl.txt: " + tests.size() + " registry-section cases run, " + privateCases
                + " private-section cases left out (see the class comment)");
        assertThat(tests).hasSizeGreaterThan(50);
        return tests;
    }

    private static void check(String input, String expected) {
        if (expected == null) {
            assertThatThrownBy(() -> DomainName.registrableOf(input)).isInstanceOf(InvalidDomainException.class);
            assertThatThrownBy(() -> DomainName.parse(input)).isInstanceOf(InvalidDomainException.class);
            return;
        }
        String expectedAscii = DomainName.toAscii(expected);
        assertThat(DomainName.registrableOf(input).ascii()).isEqualTo(expectedAscii);
        assertThat(DomainName.parse(expected).ascii()).isEqualTo(expectedAscii);
        if (DomainName.toAscii(input).equals(expectedAscii)) {
            assertThat(DomainName.parse(input).ascii()).isEqualTo(expectedAscii);
        } else {
            assertThatThrownBy(() -> DomainName.parse(input))
                    .hasMessageContaining("the registrable domain is " + DomainName.parse(expected).display());
        }
    }

    /** True when the list's private section changes the public suffix of {@code input}. */
    private static boolean dependsOnPrivateSuffix(String input) {
        String ascii;
        try {
            ascii = DomainName.toAscii(input);
            var name = InternetDomainName.from(ascii);
            return name.hasPublicSuffix() && !name.publicSuffix().equals(name.registrySuffix());
        } catch (RuntimeException e) {
            return false; // invalid names are checked as such
        }
    }

    private static String unquote(String token) {
        return token.equals("null") ? null : token.substring(1, token.length() - 1);
    }
}
