package org.lapsewatch.watch;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.registration.RegistrationLookup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A registry the test scripts: each domain answers what was last set for it. */
final class ScriptedLookup implements RegistrationLookup {
    private final Map<String, Function<DomainName, Registration>> answers = new ConcurrentHashMap<>();
    private final Map<String, String> raws = new ConcurrentHashMap<>();
    final AtomicInteger calls = new AtomicInteger();

    /** The response body {@link #ask} hands out with the domain's answers from now on; null for none. */
    void raw(String domain, String raw) {
        if (raw == null) {
            raws.remove(domain);
        } else {
            raws.put(domain, raw);
        }
    }

    @Override
    public Answer ask(DomainName domain) {
        return new Answer(lookup(domain), raws.get(domain.ascii()));
    }

    void answer(String domain, Registration registration) {
        answers.put(domain, d -> registration);
    }

    void answer(String domain, Function<DomainName, Registration> answer) {
        answers.put(domain, answer);
    }

    @Override
    public Registration lookup(DomainName domain) {
        calls.incrementAndGet();
        var answer = answers.get(domain.ascii());
        if (answer == null) {
            throw new IllegalStateException("the test scripted no answer for " + domain.ascii());
        }
        return answer.apply(domain);
    }
}
