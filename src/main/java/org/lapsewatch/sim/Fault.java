package org.lapsewatch.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A misbehaviour to inject into one simulated server: what happens ({@link Effect}), to which
 * domain's requests ({@code domain}, null for all) and for how many requests ({@code times},
 * 0 for every request until cleared).
 *
 * <pre>{@code sim.faults().rdap(Fault.tooManyRequests(30).forDomain("bjzutrecht.example").times(2));}</pre>
 */
public record Fault(Effect effect, String domain, int times) {

    public Fault {
        Objects.requireNonNull(effect, "effect");
        domain = domain == null ? null : domain.toLowerCase(Locale.ROOT);
        if (times < 0) {
            throw new IllegalArgumentException("times must not be negative, got " + times);
        }
    }

    /** What a faulty server does instead of (or before) answering normally. */
    public sealed interface Effect {
    }

    /** Waits this long, then answers normally. */
    public record Latency(Duration delay) implements Effect {
        public Latency {
            if (delay.isNegative()) {
                throw new IllegalArgumentException("latency must not be negative, got " + delay);
            }
        }
    }

    /** HTTP 429 with {@code Retry-After}; a WHOIS rate-limit message; DNS REFUSED. */
    public record TooManyRequests(int retryAfterSeconds) implements Effect {
    }

    /** HTTP {@code status} (5xx); WHOIS closes without a word; DNS SERVFAIL. */
    public record ServerError(int status) implements Effect {
        public ServerError {
            if (status < 500 || status > 599) {
                throw new IllegalArgumentException("a server error status is 500-599, got " + status);
            }
        }
    }

    /** Accepts the request and never answers (UDP: drops it). */
    public record Timeout() implements Effect {
    }

    /** Sends the first half of the normal answer, then closes. */
    public record Truncated() implements Effect {
    }

    /** Sends random bytes instead of an answer. */
    public record Garbage() implements Effect {
    }

    /** Sends a well-formed answer padded to about {@code bytes} (DNS: at most 65,000, and without TC). */
    public record Oversized(int bytes) implements Effect {
        public Oversized {
            if (bytes < 1) {
                throw new IllegalArgumentException("oversized bytes must be positive, got " + bytes);
            }
        }
    }

    public static Fault latency(Duration delay) {
        return new Fault(new Latency(delay), null, 0);
    }

    public static Fault tooManyRequests(int retryAfterSeconds) {
        return new Fault(new TooManyRequests(retryAfterSeconds), null, 0);
    }

    public static Fault serverError(int status) {
        return new Fault(new ServerError(status), null, 0);
    }

    public static Fault timeout() {
        return new Fault(new Timeout(), null, 0);
    }

    public static Fault truncated() {
        return new Fault(new Truncated(), null, 0);
    }

    public static Fault garbage() {
        return new Fault(new Garbage(), null, 0);
    }

    public static Fault oversized(int bytes) {
        return new Fault(new Oversized(bytes), null, 0);
    }

    /** The same fault, limited to requests about {@code domainName} (and, for DNS, names under it). */
    public Fault forDomain(String domainName) {
        return new Fault(effect, Objects.requireNonNull(domainName, "domainName"), times);
    }

    /** The same fault, for the next {@code n} matching requests only. */
    public Fault times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + n);
        }
        return new Fault(effect, domain, n);
    }

    boolean appliesTo(String name) {
        if (domain == null) {
            return true;
        }
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.equals(domain) || n.endsWith("." + domain);
    }
}
