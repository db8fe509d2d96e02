package org.lapsewatch.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real responses in {@code ../shared/corpora} with the values their upstream projects
 * expect, read in place (never copied into the repository).
 */
final class CorpusCases {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern QUOTED = Pattern.compile("^==\\s*\"(.*)\"$");
    private static final Pattern DATE_PREFIX = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})");

    /** Registered or in any state between the end of a registration and release. */
    static final Set<RegistrationState> REGISTERED_LIKE = EnumSet.of(RegistrationState.REGISTERED, RegistrationState.GRACE,
            RegistrationState.HOLD, RegistrationState.REDEMPTION, RegistrationState.QUARANTINE, RegistrationState.PENDING_DELETE);

    enum Kind { WHOIS, RDAP }

    /**
     * One expectation. {@code absent} means the registry does not publish the field (it must
     * parse as null); otherwise {@code values} lists the accepted answers.
     */
    record Expect<T>(boolean absent, Set<T> values) {
        static <T> Expect<T> none() {
            return new Expect<>(true, Set.of());
        }

        static <T> Expect<T> of(Set<T> values) {
            return new Expect<>(false, values);
        }
    }

    /** A date expected at day precision: either the day as written or the day in UTC. */
    record ExpectedDay(Set<LocalDate> days, String text) {
    }

    record Case(String corpus, Path file, String tld, String server, String domain, Kind kind,
                Set<RegistrationState> state, Expect<ExpectedDay> created, Expect<ExpectedDay> updated,
                Expect<ExpectedDay> expires, Expect<String> registrar, Expect<Set<String>> nameservers) {

        Registration parse() {
            String text = read(file);
            return kind == Kind.RDAP ? RdapParser.parse(text, server) : WhoisParser.parse(text, server, domain);
        }

        String label() {
            return corpus + ":" + file.getFileName();
        }
    }

    private CorpusCases() {
    }

    /** The corpora folder: the surefire property if it exists, else /work/shared/corpora, else the test is skipped. */
    static Path requireCorpora() {
        String property = System.getProperty("lapsewatch.corpora");
        if (property != null && Files.isDirectory(Path.of(property))) {
            return Path.of(property);
        }
        Path shared = Path.of("/work/shared/corpora");
        assumeTrue(Files.isDirectory(shared), "corpora absent (neither -Dlapsewatch.corpora=" + property
                + " nor /work/shared/corpora exists): skipping the tests on real registry responses");
        return shared;
    }

    static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> withExpectations(Path corpora) {
        List<Case> cases = new ArrayList<>();
        cases.addAll(weppos(corpora.resolve("whois/weppos-whois-parser")));
        cases.addAll(ioDeveloper(corpora.resolve("whois/io-developer-php-whois")));
        cases.addAll(icannRdap(corpora.resolve("rdap/icann-icann-rdap/icann-rdap-client/src/test_files")));
        return cases;
    }

    /** Every WHOIS response (.txt) in the corpora with the server that sent it, expectations or not. */
    static List<Case> allWhois(Path corpora) {
        List<Case> cases = new ArrayList<>();
        Path weppos = corpora.resolve("whois/weppos-whois-parser/spec/fixtures/responses");
        Path io = corpora.resolve("whois/io-developer-php-whois/tests/Iodev/Whois/Modules/Tld/parsing_data");
        for (Path root : List.of(weppos, io)) {
            for (Path f : walk(root, ".txt")) {
                Path rel = root.relativize(f);
                String server = root == weppos ? rel.getName(0).toString() : "whois.nic." + rel.getName(0).toString().substring(1);
                String tld = rel.getName(root == weppos ? 1 : 0).toString().replaceFirst("^\\.", "");
                cases.add(new Case(root == weppos ? "weppos" : "io-developer", f, tld, server, null, Kind.WHOIS,
                        null, null, null, null, null, null));
            }
        }
        return cases;
    }

    /** Every RDAP JSON file in the corpora except bootstrap registries and schemas. */
    static List<Path> allRdap(Path corpora) {
        return walk(corpora.resolve("rdap"), ".json").stream()
                .filter(p -> !p.getFileName().toString().equals("dns.json"))
                .filter(p -> !p.toString().contains("/schema"))
                .toList();
    }

    static List<Path> walk(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Case> weppos(Path root) {
        List<Case> cases = new ArrayList<>();
        JsonNode index = readJson(root.resolve("expected-index.json"));
        for (JsonNode e : index) {
            JsonNode s = e.path("summary");
            Set<RegistrationState> state = wepposState(s);
            JsonNode registrarAssertions = e.path("assertions").path("registrar");
            // Registrar servers (whois.markmonitor.com...) have no TLD folder: they are listed by server.
            String tld = e.path("subdir").asText().isEmpty() ? e.path("server").asText() : e.path("subdir").asText();
            cases.add(new Case("weppos", root.resolve(e.path("response").asText()), tld,
                    e.path("server").asText(), null, Kind.WHOIS, state,
                    wepposDate(s.get("created_on")), wepposDate(s.get("updated_on")), wepposDate(s.get("expires_on")),
                    wepposRegistrar(s.get("registrar_name"), registrarAssertions),
                    wepposNameservers(s.get("nameservers"))));
        }
        return cases;
    }

    private static Set<RegistrationState> wepposState(JsonNode s) {
        if (s.path("response_throttled?").asText().equals("true")) {
            return EnumSet.of(RegistrationState.THROTTLED);
        }
        if (s.path("response_unavailable?").asText().equals("true")) {
            return EnumSet.of(RegistrationState.UNKNOWN);
        }
        String status = s.path("status").asText("");
        if (s.path("available?").asText().equals("true") || status.equals(":available")) {
            return EnumSet.of(RegistrationState.AVAILABLE);
        }
        if (status.equals(":reserved") || s.path("reserved?").asText().equals("true")) {
            return EnumSet.of(RegistrationState.RESERVED);
        }
        if (status.equals(":invalid")) {
            return EnumSet.of(RegistrationState.INVALID);
        }
        if (status.equals(":redemption")) {
            return EnumSet.of(RegistrationState.REDEMPTION, RegistrationState.QUARANTINE, RegistrationState.PENDING_DELETE);
        }
        if (s.path("registered?").asText().equals("true")) {
            return REGISTERED_LIKE;
        }
        return null;
    }

    private static Expect<ExpectedDay> wepposDate(JsonNode v) {
        if (v == null) {
            return null;
        }
        String text = v.asText();
        if (text.equals("nil") || text.startsWith("ERROR:")) {
            return Expect.none();
        }
        return expectedDay(text);
    }

    private static Expect<String> wepposRegistrar(JsonNode summary, JsonNode assertions) {
        if (summary == null) {
            return null;
        }
        String text = summary.asText();
        if (text.startsWith("ERROR:")) {
            return Expect.none();
        }
        // The summary holds registrar.name; a registrar known only by organization or id is still published.
        Set<String> names = new LinkedHashSet<>();
        if (!text.equals("nil")) {
            names.add(unquote(text));
        }
        for (JsonNode a : assertions) {
            String attribute = a.path(0).asText();
            if (attribute.equals("%s.organization") || attribute.equals("%s.name") || attribute.equals("%s.id")) {
                Matcher m = QUOTED.matcher(a.path(1).asText().strip());
                if (m.matches()) {
                    names.add(m.group(1));
                }
            }
        }
        return names.isEmpty() ? Expect.none() : Expect.of(names);
    }

    private static Expect<Set<String>> wepposNameservers(JsonNode v) {
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            return v.asText().startsWith("ERROR:") || v.asText().equals("nil") ? Expect.none() : null;
        }
        Set<String> hosts = new LinkedHashSet<>();
        v.forEach(h -> hosts.add(h.asText().toLowerCase(Locale.ROOT)));
        return hosts.isEmpty() ? Expect.none() : Expect.of(Set.of(hosts));
    }

    private static List<Case> ioDeveloper(Path root) {
        List<Case> cases = new ArrayList<>();
        for (JsonNode row : readJson(root.resolve("expected-index.json"))) {
            if (row.path("disabled_in_upstream").asBoolean()) {
                continue;
            }
            Path response = root.resolve(row.path("response").asText());
            String tld = response.getParent().getFileName().toString().replaceFirst("^\\.", "");
            String server = "whois.nic." + tld;
            String domain = row.path("domain").asText(null);
            if (row.path("available").asBoolean()) {
                cases.add(new Case("io-developer", response, tld, server, domain, Kind.WHOIS,
                        EnumSet.of(RegistrationState.AVAILABLE), null, null, null, null, null));
                continue;
            }
            if (row.path("expected").isNull()) {
                continue;
            }
            JsonNode e = readJson(root.resolve(row.path("expected").asText()));
            cases.add(new Case("io-developer", response, tld, server, domain, Kind.WHOIS, REGISTERED_LIKE,
                    ioDate(e.get("creationDate")), ioDate(e.get("updatedDate")), ioDate(e.get("expirationDate")),
                    ioText(e.get("registrar")), ioNameservers(e.get("nameServers"))));
        }
        return cases;
    }

    private static Expect<ExpectedDay> ioDate(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        String text = v.asText().replace("%Y", Integer.toString(Year.now(ZoneOffset.UTC).getValue()));
        return text.isBlank() ? Expect.none() : expectedDay(text);
    }

    private static Expect<String> ioText(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        return v.asText().isBlank() ? Expect.none() : Expect.of(Set.of(v.asText()));
    }

    private static Expect<Set<String>> ioNameservers(JsonNode v) {
        if (v == null || !v.isArray()) {
            return null;
        }
        Set<String> hosts = new LinkedHashSet<>();
        v.forEach(h -> hosts.add(h.asText().toLowerCase(Locale.ROOT)));
        return hosts.isEmpty() ? Expect.none() : Expect.of(Set.of(hosts));
    }

    /** The icann-rdap samples: the expectation is the response rendered as gTLD WHOIS. */
    private static List<Case> icannRdap(Path dir) {
        List<Case> cases = new ArrayList<>();
        for (Path expected : walk(dir, "-expected.gtld")) {
            String name = expected.getFileName().toString().replace("-expected.gtld", "");
            Path json = dir.resolve(name + ".json");
            List<String> lines = read(expected).lines().toList();
            String tld = name.substring(name.lastIndexOf('.') + 1);
            Set<String> ns = new LinkedHashSet<>();
            for (String l : lines) {
                if (l.startsWith("Name Server:")) {
                    ns.add(l.substring("Name Server:".length()).strip().toLowerCase(Locale.ROOT));
                }
            }
            cases.add(new Case("icann-rdap", json, tld, "rdap." + tld, name, Kind.RDAP, REGISTERED_LIKE,
                    gtldDate(lines, "Creation Date:"), gtldDate(lines, "Updated Date:"), gtldDate(lines, "Registry Expiry Date:"),
                    gtldValue(lines, "Registrar:") == null ? Expect.none() : Expect.of(Set.of(gtldValue(lines, "Registrar:"))),
                    ns.isEmpty() ? Expect.none() : Expect.of(Set.of(ns))));
        }
        return cases;
    }

    private static Expect<ExpectedDay> gtldDate(List<String> lines, String key) {
        String v = gtldValue(lines, key);
        return v == null ? Expect.none() : expectedDay(v);
    }

    private static String gtldValue(List<String> lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key) && !l.substring(key.length()).isBlank()) {
                return l.substring(key.length()).strip();
            }
        }
        return null;
    }

    /**
     * A day the expectation names: the date as written, and also the UTC day when the text has
     * an offset (both are accepted: upstream projects disagree on zones, the day is what counts).
     */
    private static Expect<ExpectedDay> expectedDay(String text) {
        Set<LocalDate> days = new LinkedHashSet<>();
        Matcher m = DATE_PREFIX.matcher(text.strip());
        if (m.find()) {
            try {
                days.add(LocalDate.parse(m.group(1)));
            } catch (DateTimeParseException ignored) {
                // fall through to the full parse below
            }
        }
        var instant = RegistryDates.parse(text);
        if (instant != null) {
            days.add(instant.atZone(ZoneOffset.UTC).toLocalDate());
        }
        // A value such as 99/99/99 (two-digit year) names no day: not checked.
        return days.isEmpty() ? null : Expect.of(Set.of(new ExpectedDay(days, text)));
    }

    private static String unquote(String s) {
        return s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"") ? s.substring(1, s.length() - 1) : s;
    }

    private static JsonNode readJson(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
