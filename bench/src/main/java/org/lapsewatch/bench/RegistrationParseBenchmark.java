package org.lapsewatch.bench;

import org.lapsewatch.model.Registration;
import org.lapsewatch.registration.RdapParser;
import org.lapsewatch.registration.WhoisParser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Parse throughput of the registration parsers over the real responses in the corpora: one
 * operation parses one response, cycling through all of them, so ops/s is responses/s.
 *
 * <p>Run: {@code bench/run-parse.sh} (or {@code java -jar bench/target/benchmarks.jar
 * RegistrationParseBenchmark}). The corpora folder is {@code $LAPSEWATCH_CORPORA}, else
 * {@code ../shared/corpora} beside the project, else {@code /work/shared/corpora}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
@State(Scope.Thread)
public class RegistrationParseBenchmark {
    /** One saved WHOIS response with the server that sent it. */
    record WhoisResponse(String text, String server) {
    }

    private List<WhoisResponse> whois;
    private List<String> rdap;
    private int nextWhois;
    private int nextRdap;

    @Setup
    public void load() {
        Path corpora = corpora();
        whois = new ArrayList<>();
        Path weppos = corpora.resolve("whois/weppos-whois-parser/spec/fixtures/responses");
        for (Path f : files(weppos, ".txt")) {
            whois.add(new WhoisResponse(read(f), weppos.relativize(f).getName(0).toString()));
        }
        Path io = corpora.resolve("whois/io-developer-php-whois/tests/Iodev/Whois/Modules/Tld/parsing_data");
        for (Path f : files(io, ".txt")) {
            whois.add(new WhoisResponse(read(f), "whois.nic." + io.relativize(f).getName(0).toString().substring(1)));
        }
        rdap = files(corpora.resolve("rdap"), ".json").stream()
                .filter(p -> !p.getFileName().toString().equals("dns.json") && !p.toString().contains("/schema"))
                .map(RegistrationParseBenchmark::read)
                .toList();
        if (whois.isEmpty() || rdap.isEmpty()) {
            throw new IllegalStateException("no responses under " + corpora + " (whois " + whois.size() + ", rdap " + rdap.size() + ")");
        }
        System.out.printf("%n%d WHOIS responses (%d KiB), %d RDAP responses (%d KiB) from %s%n", whois.size(),
                whois.stream().mapToLong(w -> w.text().length()).sum() / 1024, rdap.size(),
                rdap.stream().mapToLong(String::length).sum() / 1024, corpora);
    }

    @Benchmark
    public Registration whoisResponses() {
        WhoisResponse r = whois.get(nextWhois);
        nextWhois = (nextWhois + 1) % whois.size();
        return WhoisParser.parse(r.text(), r.server(), null);
    }

    @Benchmark
    public Registration rdapResponses() {
        String json = rdap.get(nextRdap);
        nextRdap = (nextRdap + 1) % rdap.size();
        return RdapParser.parse(json, "rdap.example");
    }

    private static Path corpora() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("LAPSEWATCH_CORPORA");
        if (env != null) {
            candidates.add(Path.of(env));
        }
        candidates.add(Path.of("..", "shared", "corpora"));
        candidates.add(Path.of("/work/shared/corpora"));
        for (Path p : candidates) {
            if (Files.isDirectory(p.resolve("whois")) && Files.isDirectory(p.resolve("rdap"))) {
                return p;
            }
        }
        throw new IllegalStateException("corpora absent: set LAPSEWATCH_CORPORA to the shared/corpora folder (tried " + candidates + ")");
    }

    private static List<Path> files(Path root, String suffix) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(suffix) && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
