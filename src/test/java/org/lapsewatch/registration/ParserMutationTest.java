package org.lapsewatch.registration;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Feeds seeded random mutations of every corpus response through both parsers: none may
 * throw, none may turn a response into "available" unless the original was available and a
 * free marker survived, and no expiry date may appear whose year is not in the text. The seed
 * is printed; rerun one with {@code -Dlapsewatch.seed=N}.
 */
class ParserMutationTest {
    private static final int MUTATIONS_PER_RESPONSE = 8;
    private static final List<String> THROTTLE_LINES = List.of(
            "% Query rate limit exceeded. Try again later.",
            "WHOIS LIMIT EXCEEDED - SEE WWW.PIR.ORG/WHOIS FOR DETAILS",
            "whois.domain-registry.nl: only 1 request per second allowed, try again later",
            "# Too many connections.",
            "Your connection limit exceeded. Please slow down and try again later.");

    enum Mutation { DELETE_LINES, TRUNCATE, SWAP_LINES, GARBLE, DUPLICATE_KEY, INJECT_THROTTLE }

    record Mutated(Mutation kind, String text) {
    }

    @Test
    void mutated_whois_responses_never_throw_never_invent_availability_or_expiry() {
        Path corpora = CorpusCases.requireCorpora();
        long seed = Long.getLong("lapsewatch.seed", 20261129L);
        System.out.println("ParserMutationTest seed " + seed);
        Random random = new Random(seed);
        int runs = 0;
        for (CorpusCases.Case c : CorpusCases.allWhois(corpora)) {
            String text = CorpusCases.read(c.file());
            Function<String, Registration> parser = t -> WhoisParser.parse(t, c.server(), null);
            runs += exercise(c.file().toString(), text, parser, random, true);
        }
        assertThat(runs).isGreaterThan(9_000);
    }

    @Test
    void mutated_rdap_responses_never_throw_never_invent_availability_or_expiry() {
        Path corpora = CorpusCases.requireCorpora();
        Random random = new Random(Long.getLong("lapsewatch.seed", 20261129L));
        int runs = 0;
        for (Path file : CorpusCases.allRdap(corpora)) {
            runs += exercise(file.toString(), CorpusCases.read(file), t -> RdapParser.parse(t, "rdap.example"), random, false);
        }
        assertThat(runs).isGreaterThan(400);
    }

    @Test
    void a_response_arriving_in_pieces_or_with_other_line_ends_reads_the_same_or_safely() {
        Path corpora = CorpusCases.requireCorpora();
        Path weppos = corpora.resolve("whois/weppos-whois-parser/spec/fixtures/responses");
        for (String sample : List.of("whois.domain-registry.nl/nl/status_registered.txt", "whois.denic.de/de/status_registered.txt",
                "whois.nic.uk/uk/status_registered.txt", "whois.verisign-grs.com/com/status_registered.txt",
                "whois.domain-registry.nl/nl/status_available.txt", "whois.jprs.jp/jp/status_registered.txt")) {
            String text = CorpusCases.read(weppos.resolve(sample));
            String server = sample.substring(0, sample.indexOf('/'));
            Registration whole = WhoisParser.parse(text, server, null);
            assertThat(WhoisParser.parse(text.replace("\r\n", "\n").replace("\n", "\r\n"), server, null)).as(sample + " CRLF").isEqualTo(whole);
            assertThat(WhoisParser.parse(text.replace("\r\n", "\n").replace("\n", "\r"), server, null)).as(sample + " CR").isEqualTo(whole);
            // Every prefix a slow server could have sent so far, cut at each line end and mid-line.
            for (int end = 0; end <= text.length(); end += Math.max(1, text.length() / 97)) {
                Registration partial = WhoisParser.parse(text.substring(0, end), server, null);
                if (partial.state() == RegistrationState.AVAILABLE) {
                    assertThat(whole.state()).as(sample + " prefix " + end).isEqualTo(RegistrationState.AVAILABLE);
                }
                assertExpiryInText(sample + " prefix " + end, text.substring(0, end), partial);
            }
        }
        String rdap = CorpusCases.read(corpora.resolve("rdap/pogzyb-whodap/tests/samples/google.com.json"));
        Registration whole = RdapParser.parse(rdap, "rdap.example");
        assertThat(RdapParser.parse(rdap.replace("\n", "\r\n"), "rdap.example")).isEqualTo(whole);
        for (int end = 0; end < rdap.length(); end += 7) {
            Registration partial = RdapParser.parse(rdap.substring(0, end), "rdap.example");
            assertThat(partial.state()).as("RDAP prefix " + end).isEqualTo(RegistrationState.UNKNOWN);
        }
    }

    private static int exercise(String name, String original, Function<String, Registration> parser, Random random, boolean whois) {
        Registration before = safely(name, original, parser);
        int runs = 0;
        for (int i = 0; i < MUTATIONS_PER_RESPONSE; i++) {
            Mutated m = mutate(original, random);
            Registration after = safely(name + " " + m.kind(), m.text(), parser);
            String label = name + " after " + m.kind();
            if (after.state() == RegistrationState.AVAILABLE) {
                // AFNIC's throttle reply also says "No entries found": with the throttle line
                // deleted it is, byte for byte, a free reply. Only that case may turn available.
                boolean freeUnderThrottle = before.state() == RegistrationState.THROTTLED && hasFreeMarkerLine(original, parser)
                        && parser.apply(m.text()).state() == RegistrationState.AVAILABLE && !hasThrottleLine(m.text(), parser);
                assertThat(before.state() == RegistrationState.AVAILABLE || freeUnderThrottle)
                        .as(label + " became available from " + before.state()).isTrue();
                if (whois) {
                    assertThat(hasFreeMarkerLine(m.text(), parser)).as(label + ": available without a free marker").isTrue();
                }
            }
            if (m.kind() == Mutation.INJECT_THROTTLE) {
                assertThat(after.state()).as(label).isNotEqualTo(RegistrationState.AVAILABLE);
            }
            assertExpiryInText(label, m.text(), after);
            runs++;
        }
        return runs;
    }

    private static Registration safely(String label, String text, Function<String, Registration> parser) {
        try {
            return parser.apply(text);
        } catch (Throwable t) {
            return fail(label + " threw " + t, t);
        }
    }

    private static boolean hasThrottleLine(String text, Function<String, Registration> parser) {
        for (String line : text.split("\\r?\\n|\\r")) {
            if (!line.isBlank() && parser.apply(line).state() == RegistrationState.THROTTLED) {
                return true;
            }
        }
        return false;
    }

    /** A line that on its own reads as "available": the free marker. */
    private static boolean hasFreeMarkerLine(String text, Function<String, Registration> parser) {
        for (String line : text.split("\\r?\\n|\\r")) {
            if (!line.isBlank() && parser.apply(line).state() == RegistrationState.AVAILABLE) {
                return true;
            }
        }
        // Status-word layouts ("Domain: x\nStatus: free") need the two lines together.
        return text.toLowerCase(java.util.Locale.ROOT).matches("(?s).*(free|available|no match|not found).*");
    }

    /** The year of a parsed expiry (allowing for a zone shift across New Year) occurs in the text. */
    private static void assertExpiryInText(String label, String text, Registration r) {
        if (r.expires() == null) {
            return;
        }
        Instant e = r.expires();
        boolean found = false;
        for (Instant shifted : List.of(e, e.plus(Duration.ofHours(14)), e.minus(Duration.ofHours(14)))) {
            found |= text.contains(Integer.toString(shifted.atZone(ZoneOffset.UTC).getYear()));
        }
        assertThat(found).as(label + ": expiry " + e + " not in the text").isTrue();
    }

    static Mutated mutate(String text, Random random) {
        Mutation kind = Mutation.values()[random.nextInt(Mutation.values().length)];
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        switch (kind) {
            case DELETE_LINES -> {
                int n = 1 + random.nextInt(Math.max(1, lines.size() / 3));
                for (int i = 0; i < n && !lines.isEmpty(); i++) {
                    lines.remove(random.nextInt(lines.size()));
                }
            }
            case TRUNCATE -> {
                return new Mutated(kind, text.substring(0, text.isEmpty() ? 0 : random.nextInt(text.length())));
            }
            case SWAP_LINES -> {
                if (lines.size() > 1) {
                    java.util.Collections.swap(lines, random.nextInt(lines.size()), random.nextInt(lines.size()));
                }
            }
            case GARBLE -> {
                char[] chars = text.toCharArray();
                String alphabet = ":[]{}\",.-/ \t\n\r%#>0123456789abcdefXYZ\u00e9\u4e2d\u0000";
                for (int i = 0; i < 1 + chars.length / 50 && chars.length > 0; i++) {
                    chars[random.nextInt(chars.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
                }
                return new Mutated(kind, new String(chars));
            }
            case DUPLICATE_KEY -> {
                if (!lines.isEmpty()) {
                    String line = lines.get(random.nextInt(lines.size()));
                    int colon = line.indexOf(':');
                    String duplicate = colon > 0 ? line.substring(0, colon + 1) + " " + Long.toHexString(random.nextLong()) : line + line;
                    lines.add(random.nextInt(lines.size() + 1), duplicate);
                }
            }
            case INJECT_THROTTLE -> lines.add(random.nextInt(lines.size() + 1), THROTTLE_LINES.get(random.nextInt(THROTTLE_LINES.size())));
        }
        return new Mutated(kind, String.join("\n", lines));
    }
}
