package org.lapsewatch.registration;

import org.lapsewatch.config.RdapSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.Registration.Source;
import org.lapsewatch.model.RegistrationState;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * Asks a TLD's RDAP server about one domain (RFC 7480, 9082, 9083) and turns the answer into a
 * Registration with {@link RdapParser}; every failure is a state with a reason.
 *
 * <ul>
 *   <li>404 from the registry's own server (the bootstrap or override target, no redirect
 *       taken): {@code available}, as far as RDAP goes. 404 from a configured redirector, or
 *       after following a redirect to another host: {@code unknown}, it proves nothing.</li>
 *   <li>429: {@code throttled}; the server is not asked again before its {@code Retry-After}
 *       (seconds or HTTP date; 60 s when absent).</li>
 *   <li>5xx, timeouts: {@code unknown}, and the server host backs off.</li>
 *   <li>A body over {@code rdap.maxBytes} is abandoned while streaming: {@code unknown}.</li>
 * </ul>
 */
final class RdapClient {
    private static final String ACCEPT = "application/rdap+json, application/json;q=0.9";
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);

    private final RdapSettings settings;
    private final RdapBootstrap bootstrap;
    private final HttpFetch http;
    private final ServerGates gates;
    private final Clock clock;

    RdapClient(RdapSettings settings, RdapBootstrap bootstrap, HttpFetch http, ServerGates gates, Clock clock) {
        this.settings = settings;
        this.bootstrap = bootstrap;
        this.http = http;
        this.gates = gates;
        this.clock = clock;
    }

    /** The RDAP answer and the final response's body, or empty when the TLD has no RDAP server. */
    Optional<RegistrationLookup.Answer> lookup(DomainName domain) throws InterruptedException {
        String name = domain.ascii();
        Optional<RdapBootstrap.Service> service = bootstrap.find(name);
        if (service.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ask(name, service.get()));
    }

    private RegistrationLookup.Answer ask(String name, RdapBootstrap.Service service) throws InterruptedException {
        Instant deadline = clock.instant().plus(settings.timeout());
        URI uri = service.base().resolve("domain/" + name);
        String firstHost = uri.getHost();
        for (int redirects = 0; ; redirects++) {
            String host = uri.getHost();
            ServerGate gate = gates.of(host);
            Optional<String> refused = gate.acquire(remaining(deadline));
            if (refused.isPresent()) {
                return withoutBody(unknown(name, host, RegistrationState.THROTTLED, refused.get()));
            }
            HttpFetch.Answer answer;
            try {
                answer = http.get(uri, ACCEPT, remaining(deadline), settings.maxBytes());
            } catch (HttpFetch.FetchFailure e) {
                if (e.timedOut) {
                    gate.failed();
                }
                return withoutBody(unknown(name, host, RegistrationState.UNKNOWN, e.getMessage()));
            }
            int status = answer.status();
            if (isRedirect(status)) {
                Optional<URI> next = answer.headers().firstValue("Location").map(uri::resolve);
                if (next.isEmpty()) {
                    return withoutBody(unknown(name, host, RegistrationState.UNKNOWN,
                            "HTTP " + status + " from " + host + " without Location"));
                }
                if (redirects >= settings.maxRedirects()) {
                    return withoutBody(unknown(name, host, RegistrationState.UNKNOWN,
                            "more than " + settings.maxRedirects() + " redirects, last to " + next.get()));
                }
                if ("https".equals(uri.getScheme()) && !"https".equals(next.get().getScheme())) {
                    return withoutBody(unknown(name, host, RegistrationState.UNKNOWN, "refused redirect from https to " + next.get()));
                }
                uri = next.get();
                continue;
            }
            boolean redirected = !host.equalsIgnoreCase(firstHost);
            // Whatever the final server said is evidence, an error page or a 404 object included.
            return new RegistrationLookup.Answer(interpret(name, host, gate, answer, service.redirector() || redirected, redirected),
                    new String(answer.body(), StandardCharsets.UTF_8));
        }
    }

    private static RegistrationLookup.Answer withoutBody(Registration registration) {
        return new RegistrationLookup.Answer(registration, null);
    }

    private Registration interpret(String name, String host, ServerGate gate, HttpFetch.Answer answer,
                                   boolean fromRedirector, boolean redirected) {
        int status = answer.status();
        if (status == 429) {
            Duration wait = retryAfter(answer.headers().firstValue("Retry-After"));
            gate.pause(wait, "answered 429 Too Many Requests (Retry-After " + wait.toSeconds() + " s)");
            return unknown(name, host, RegistrationState.THROTTLED,
                    "HTTP 429 Too Many Requests from " + host + ", Retry-After "
                    + answer.headers().firstValue("Retry-After").orElse("absent, assumed " + wait.toSeconds())
                    + " s: not asked again before " + clock.instant().plus(wait));
        }
        if (status >= 500) {
            gate.failed();
            return unknown(name, host, RegistrationState.UNKNOWN, "HTTP " + status + " from " + host);
        }
        gate.succeeded();
        if (status == 404) {
            if (fromRedirector) {
                return unknown(name, host, RegistrationState.UNKNOWN, "HTTP 404 from " + host
                        + (redirected ? " after a redirect" : ", a redirector") + ": proves nothing about registration");
            }
            return new Registration(name, Source.RDAP, host, RegistrationState.AVAILABLE, List.of(), null, null, null,
                    null, null, List.of(), null, null);
        }
        if (status != 200) {
            return unknown(name, host, RegistrationState.UNKNOWN, "HTTP " + status + " from " + host);
        }
        Registration parsed = RdapParser.parse(new String(answer.body(), StandardCharsets.UTF_8), host);
        if (parsed.state() == RegistrationState.AVAILABLE) {
            // An error object saying 404 inside a 200 is not the registry's 404.
            return unknown(name, host, RegistrationState.UNKNOWN, "HTTP 200 from " + host + " carrying a not-found error object");
        }
        if (parsed.domain() != null && !parsed.domain().equals(name) && !parsed.state().isUnknown()) {
            return unknown(name, host, RegistrationState.UNKNOWN, host + " answered about " + parsed.domain() + " instead of " + name);
        }
        return parsed.domain() == null ? parsed.withDomain(name) : parsed;
    }

    /** {@code Retry-After} as delay-seconds or HTTP-date (RFC 9110 §10.2.3). */
    private Duration retryAfter(Optional<String> header) {
        if (header.isEmpty()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = header.get().strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private Duration remaining(Instant deadline) {
        Duration d = Duration.between(clock.instant(), deadline);
        return d.isNegative() ? Duration.ZERO : d;
    }

    private static Registration unknown(String name, String host, RegistrationState state, String reason) {
        return Registration.unknown(name, Source.RDAP, host, state, reason);
    }
}
