package org.lapsewatch.registration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;

/**
 * Counts and times every registry check by source and outcome for {@code /metrics}
 * ({@code lapsewatch_registration_checks_seconds{source="rdap|whois", outcome="registered|…|unknown|throttled"}},
 * a histogram), so an outage or a rate limit shows up as a shift in outcomes, not as silence.
 */
public final class MeteredRegistrationLookup implements RegistrationLookup {
    private final RegistrationLookup inner;
    private final MeterRegistry registry;

    public MeteredRegistrationLookup(RegistrationLookup inner, MeterRegistry registry) {
        this.inner = inner;
        this.registry = registry;
    }

    @Override
    public Registration lookup(DomainName domain) {
        return ask(domain).registration();
    }

    @Override
    public Answer ask(DomainName domain) {
        long start = System.nanoTime();
        Answer answer = inner.ask(domain);
        Registration r = answer.registration();
        Timer.builder("lapsewatch.registration.checks")
                .description("Registry checks by source and outcome")
                .tag("source", r.source().wireName())
                .tag("outcome", r.state().wireName())
                .publishPercentileHistogram()
                .register(registry)
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return answer;
    }
}
