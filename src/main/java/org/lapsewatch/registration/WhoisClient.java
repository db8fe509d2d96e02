package org.lapsewatch.registration;

import org.lapsewatch.config.WhoisSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.Registration.Source;
import org.lapsewatch.model.RegistrationState;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks a TLD's port-43 server about one domain (RFC 3912) and turns the answer into a
 * Registration with {@link WhoisParser}.
 *
 * <p>Thin registries (.com, .net) name the registrar's server ({@code Registrar WHOIS
 * Server:}); up to {@code whois.maxReferrals} such referrals are followed, never to a server
 * already asked. The registry's facts win; the registrar's answer only fills fields the
 * registry left empty. A failed referral leaves the registry's answer as it was.
 *
 * <p>Answers are decoded as strict UTF-8, else as ISO-8859-1 (which cannot fail). An answer
 * over {@code whois.maxBytes}, a connect or total timeout, or a server that closes without a
 * word is {@code unknown} with the reason; a rate-limit reply is {@code throttled} and pauses
 * that server.
 */
final class WhoisClient {
    private static final Pattern REFERRAL = Pattern.compile(
            "^\\s*(?:registrar whois server|whois server|referralserver)\\s*:\\s*(?:r?whois://)?([a-z0-9.-]+\\.[a-z0-9-]+(?::\\d{1,5})?)\\s*$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    /** {@code wait 30 seconds}, {@code grace period of 30 seconds}, {@code go away for 60}. */
    private static final Pattern WAIT = Pattern.compile("(?:wait|period of|for)\\s+(\\d{1,5})\\s*(?:s\\b|sec|seconds?)",
            Pattern.CASE_INSENSITIVE);
    private static final Duration DEFAULT_PAUSE = Duration.ofSeconds(60);

    /** Turns a host name and port into an address; tests map invented registrar hosts to loopback. */
    @FunctionalInterface
    interface AddressBook {
        AddressBook DNS = InetSocketAddress::new;

        InetSocketAddress addressOf(String host, int port);
    }

    private final WhoisSettings settings;
    private final WhoisServers servers;
    private final ServerGates gates;
    private final Clock clock;
    private final AddressBook addresses;

    WhoisClient(WhoisSettings settings, WhoisServers servers, ServerGates gates, Clock clock, AddressBook addresses) {
        this.settings = settings;
        this.servers = servers;
        this.gates = gates;
        this.clock = clock;
        this.addresses = addresses;
    }

    /**
     * The WHOIS answer and the text it was read from, or empty when the TLD has no WHOIS server.
     * After a referral the text holds every server's answer, each under the line
     * {@code % Lapsewatch: answer from HOST}.
     */
    Optional<RegistrationLookup.Answer> lookup(DomainName domain) throws InterruptedException {
        Optional<WhoisServers.Server> server = servers.forTld(domain.tld());
        if (server.isEmpty()) {
            return Optional.empty();
        }
        Instant deadline = clock.instant().plus(settings.timeout());
        String name = domain.ascii();
        Exchange registry = ask(server.get(), name, deadline);
        Registration merged = registry.registration();
        if (merged.state().isUnknown() || merged.state() == RegistrationState.AVAILABLE) {
            return Optional.of(new RegistrationLookup.Answer(merged, registry.text()));
        }
        List<Exchange> said = new ArrayList<>(List.of(registry));
        Set<String> asked = new HashSet<>(Set.of(server.get().host()));
        String text = registry.text();
        for (int depth = 0; depth < settings.maxReferrals(); depth++) {
            Optional<String> referral = referral(text).filter(r -> !asked.contains(servers.server(r).host()));
            if (referral.isEmpty()) {
                break;
            }
            WhoisServers.Server registrar = servers.server(referral.get());
            asked.add(registrar.host());
            Exchange answer = ask(registrar, name, deadline);
            said.add(answer);
            if (answer.registration().state().isUnknown()) {
                break;
            }
            merged = fillGaps(merged, answer.registration());
            text = answer.text();
        }
        return Optional.of(new RegistrationLookup.Answer(merged, transcript(said)));
    }

    /** One server's text as it came; several under a label each, so the evidence says who said what. */
    private static String transcript(List<Exchange> said) {
        if (said.size() == 1) {
            return said.getFirst().text();
        }
        StringBuilder all = new StringBuilder();
        for (Exchange e : said) {
            String body = e.text().isEmpty() ? "% Lapsewatch: no answer (" + e.registration().reason() + ")" : e.text();
            all.append("% Lapsewatch: answer from ").append(e.registration().server()).append('\n')
                    .append(body).append(body.endsWith("\n") ? "\n" : "\n\n");
        }
        return all.toString();
    }

    /** What one server said: the decoded text (empty on failure) and its reading. */
    private record Exchange(String text, Registration registration) {
        static Exchange failed(String name, String host, RegistrationState state, String reason) {
            return new Exchange("", Registration.unknown(name, Source.WHOIS, host, state, reason));
        }
    }

    private Exchange ask(WhoisServers.Server server, String name, Instant deadline) throws InterruptedException {
        ServerGate gate = gates.of(server.host());
        Optional<String> refused = gate.acquire(remaining(deadline));
        if (refused.isPresent()) {
            return Exchange.failed(name, server.host(), RegistrationState.THROTTLED, refused.get());
        }
        byte[] bytes;
        try {
            bytes = exchange(server, name, deadline);
        } catch (Failure f) {
            if (f.serverAtFault) {
                gate.failed();
            }
            return Exchange.failed(name, server.host(), RegistrationState.UNKNOWN, f.getMessage());
        }
        if (bytes.length == 0) {
            gate.failed();
            return Exchange.failed(name, server.host(), RegistrationState.UNKNOWN, server.host() + " closed the connection without an answer");
        }
        String text = decode(bytes);
        Registration registration = WhoisParser.parse(text, server.host(), name);
        if (registration.state() == RegistrationState.THROTTLED) {
            Matcher wait = WAIT.matcher(text);
            Duration pause = wait.find() ? Duration.ofSeconds(Long.parseLong(wait.group(1))) : DEFAULT_PAUSE;
            gate.pause(pause, "answered with a rate-limit message");
        } else {
            gate.succeeded();
        }
        return new Exchange(text, registration);
    }

    private static final class Failure extends Exception {
        final boolean serverAtFault;

        Failure(String message, boolean serverAtFault) {
            super(message, null, false, false);
            this.serverAtFault = serverAtFault;
        }
    }

    private byte[] exchange(WhoisServers.Server server, String name, Instant deadline) throws Failure {
        String where = server.host() + (server.port() == 43 ? "" : ":" + server.port());
        try (Socket socket = new Socket()) {
            Duration connectWithin = min(settings.connectTimeout(), remaining(deadline));
            try {
                socket.connect(addresses.addressOf(server.host(), server.port()), timeoutMillis(connectWithin));
            } catch (SocketTimeoutException e) {
                throw new Failure("connect to " + where + " timed out after " + connectWithin.toMillis() + " ms", true);
            } catch (IllegalArgumentException e) {
                throw new Failure("cannot resolve " + where + ": " + e.getMessage(), false);
            }
            socket.getOutputStream().write((server.query(name) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            while (true) {
                Duration left = remaining(deadline);
                if (left.isZero()) {
                    throw new Failure("no complete answer from " + where + " within " + settings.timeout().toMillis() + " ms", true);
                }
                socket.setSoTimeout(timeoutMillis(left));
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw new Failure("no complete answer from " + where + " within " + settings.timeout().toMillis() + " ms", true);
                }
                if (n < 0) {
                    return answer.toByteArray();
                }
                if (answer.size() + n > settings.maxBytes()) {
                    throw new Failure("answer from " + where + " exceeds " + settings.maxBytes() + " bytes; abandoned", false);
                }
                answer.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new Failure("WHOIS query to " + where + " failed: " + e.getMessage(), true);
        }
    }

    /** Strict UTF-8 when the bytes are valid UTF-8, else ISO-8859-1 (every byte is a character). */
    static String decode(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    private static Optional<String> referral(String text) {
        Matcher m = REFERRAL.matcher(text);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The registry's answer, with the fields it left empty taken from the registrar's. */
    private static Registration fillGaps(Registration registry, Registration registrar) {
        return new Registration(registry.domain(), registry.source(), registry.server(), registry.state(),
                registry.status().isEmpty() ? registrar.status() : registry.status(),
                registry.created() != null ? registry.created() : registrar.created(),
                registry.updated() != null ? registry.updated() : registrar.updated(),
                registry.expires() != null ? registry.expires() : registrar.expires(),
                registry.releases(),
                registry.registrar() != null ? registry.registrar() : registrar.registrar(),
                registry.nameservers().isEmpty() ? registrar.nameservers() : registry.nameservers(),
                registry.dnssec() != null ? registry.dnssec() : registrar.dnssec(),
                registry.reason(),
                registry.handle() != null ? registry.handle() : registrar.handle());
    }

    private Duration remaining(Instant deadline) {
        Duration d = Duration.between(clock.instant(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static int timeoutMillis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }
}
