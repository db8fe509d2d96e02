package org.lapsewatch.registration;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.Registration;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every response in the corpora that has expected values through the parsers and scores
 * each field (state, created, updated, expires, registrar, nameservers) per TLD. Fails when
 * any accuracy falls below {@code registration/accuracy-baseline.properties}.
 *
 * <p>Every mismatch is written to {@code target/registration-mismatches.txt}; with
 * {@code -Dlapsewatch.mismatches=true} they are also printed.
 */
class RegistrationCorpusAccuracyTest {
    static final List<String> FIELDS = List.of("state", "created", "updated", "expires", "registrar", "nameservers");

    /** Checked and correct counts. */
    record Tally(int checked, int correct) {
        Tally plus(boolean ok) {
            return new Tally(checked + 1, correct + (ok ? 1 : 0));
        }

        double accuracy() {
            return checked == 0 ? 1.0 : (double) correct / checked;
        }
    }

    @Test
    void every_field_stays_at_or_above_the_recorded_baseline() throws IOException {
        Path corpora = CorpusCases.requireCorpora();
        List<CorpusCases.Case> cases = CorpusCases.withExpectations(corpora);
        assertThat(cases).hasSizeGreaterThan(900);

        Map<String, Tally> perField = new TreeMap<>();
        Map<String, Map<String, Tally>> perTld = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        for (CorpusCases.Case c : cases) {
            Registration r = c.parse();
            for (String field : FIELDS) {
                Boolean ok = check(c, r, field);
                if (ok == null) {
                    continue;
                }
                perField.merge(field, new Tally(1, ok ? 1 : 0), (a, b) -> a.plus(ok));
                perTld.computeIfAbsent(c.tld(), k -> new TreeMap<>()).merge(field, new Tally(1, ok ? 1 : 0), (a, b) -> a.plus(ok));
                if (!ok) {
                    mismatches.add(c.label() + " [" + c.file() + "] " + field + ": expected " + expected(c, field)
                            + ", got " + actual(r, field) + (r.reason() == null ? "" : " (" + r.reason() + ")"));
                }
            }
        }
        Tally overall = perField.values().stream().reduce(new Tally(0, 0), (a, b) -> new Tally(a.checked + b.checked, a.correct + b.correct));
        System.out.println(table(perField, perTld, overall));

        Path report = Path.of("target", "registration-mismatches.txt");
        Files.createDirectories(report.getParent());
        Files.write(report, mismatches);
        System.out.println(mismatches.size() + " mismatches written to " + report.toAbsolutePath());
        if (Boolean.getBoolean("lapsewatch.mismatches")) {
            mismatches.forEach(System.out::println);
        }

        Properties baseline = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/registration/accuracy-baseline.properties")) {
            baseline.load(Objects.requireNonNull(in, "registration/accuracy-baseline.properties"));
        }
        for (String field : FIELDS) {
            double floor = Double.parseDouble(baseline.getProperty(field, "1.0"));
            assertThat(perField.getOrDefault(field, new Tally(0, 0)).accuracy())
                    .as("%s accuracy (baseline %.4f)", field, floor).isGreaterThanOrEqualTo(floor);
        }
        double overallFloor = Double.parseDouble(baseline.getProperty("overall", "1.0"));
        assertThat(overall.accuracy()).as("overall accuracy (baseline %.4f)", overallFloor).isGreaterThanOrEqualTo(overallFloor);
    }

    /** True/false when the case expects something of the field, null when it says nothing. */
    static Boolean check(CorpusCases.Case c, Registration r, String field) {
        return switch (field) {
            case "state" -> c.state() == null ? null : c.state().contains(r.state());
            case "created" -> day(c.created(), r.created());
            case "updated" -> day(c.updated(), r.updated());
            case "expires" -> day(c.expires(), r.expires());
            case "registrar" -> c.registrar() == null ? null : c.registrar().absent() ? r.registrar() == null
                    : r.registrar() != null && c.registrar().values().stream().anyMatch(n -> normalized(n).equals(normalized(r.registrar())));
            case "nameservers" -> c.nameservers() == null ? null : c.nameservers().absent() ? r.nameservers().isEmpty()
                    : c.nameservers().values().contains(Set.copyOf(r.nameservers()));
            default -> throw new IllegalArgumentException(field);
        };
    }

    private static Boolean day(CorpusCases.Expect<CorpusCases.ExpectedDay> expect, Instant actual) {
        if (expect == null) {
            return null;
        }
        if (expect.absent()) {
            return actual == null;
        }
        if (actual == null) {
            return false;
        }
        // Upstream expectations often drop the zone the registry printed (JST, EEST): the day as
        // written is the day in some offset between UTC-14 and UTC+14.
        for (java.time.LocalDate day : expect.values().iterator().next().days()) {
            Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant().minus(java.time.Duration.ofHours(14));
            Instant end = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(java.time.Duration.ofHours(14));
            if (!actual.isBefore(start) && actual.isBefore(end)) {
                return true;
            }
        }
        return false;
    }

    /** Decorations after a registrar's name: registry id or link in parentheses, trading name, Nominet tag. */
    private static final java.util.regex.Pattern DECORATION = java.util.regex.Pattern.compile(
            "\\s*\\((?=[^)]*\\d)[\\w-]+\\)$|\\s*\\(\\s*https?://[^)]*\\)$|\\s+t/a\\s+.*$|\\s*\\[tag\\s*=.*$",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    /**
     * Registrar names compared without case, punctuation, spacing or decorations ("MarkMonitor
     * Inc. (R37-LROR)", "… (http://…)", "… t/a …", "[Tag = …]"): upstream projects disagree on
     * keeping them, and they do not change which registrar it is.
     */
    static String normalized(String name) {
        return DECORATION.matcher(name).replaceAll("").toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static String expected(CorpusCases.Case c, String field) {
        Object e = switch (field) {
            case "state" -> c.state();
            case "created" -> c.created();
            case "updated" -> c.updated();
            case "expires" -> c.expires();
            case "registrar" -> c.registrar();
            default -> c.nameservers();
        };
        if (e instanceof CorpusCases.Expect<?> x) {
            return x.absent() ? "absent" : x.values().stream().map(v -> v instanceof CorpusCases.ExpectedDay d ? d.text() : String.valueOf(v))
                    .collect(Collectors.joining(" | "));
        }
        return String.valueOf(e);
    }

    private static String actual(Registration r, String field) {
        return switch (field) {
            case "state" -> r.state().wireName();
            case "created" -> String.valueOf(r.created());
            case "updated" -> String.valueOf(r.updated());
            case "expires" -> String.valueOf(r.expires());
            case "registrar" -> String.valueOf(r.registrar());
            default -> String.valueOf(r.nameservers());
        };
    }

    private static String table(Map<String, Tally> perField, Map<String, Map<String, Tally>> perTld, Tally overall) {
        StringBuilder out = new StringBuilder("\nRegistration parsing accuracy on the corpora\n");
        out.append(String.format("%-12s %8s %8s %9s%n", "field", "checked", "correct", "accuracy"));
        perField.forEach((f, t) -> out.append(String.format("%-12s %8d %8d %8.2f%%%n", f, t.checked, t.correct, 100 * t.accuracy())));
        out.append(String.format("%-12s %8d %8d %8.2f%%%n%n", "overall", overall.checked, overall.correct, 100 * overall.accuracy()));
        out.append(String.format("%-26s", "tld"));
        FIELDS.forEach(f -> out.append(String.format(" %13s", f)));
        out.append(String.format(" %9s%n", "accuracy"));
        perTld.forEach((tld, tallies) -> {
            out.append(String.format("%-26s", tld));
            int checked = 0;
            int correct = 0;
            for (String f : FIELDS) {
                Tally t = tallies.get(f);
                out.append(t == null ? String.format(" %13s", "-") : String.format(" %13s", t.correct + "/" + t.checked));
                checked += t == null ? 0 : t.checked;
                correct += t == null ? 0 : t.correct;
            }
            out.append(String.format(" %8.1f%%%n", checked == 0 ? 100.0 : 100.0 * correct / checked));
        });
        return out.toString();
    }
}
