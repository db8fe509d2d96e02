package org.lapsewatch.rules;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Severity;

import java.util.List;
import java.util.Objects;

/**
 * What one rule concluded about one subject domain, as a plain value. Storage adds identity,
 * state (open, acknowledged, resolved) and first/last seen.
 *
 * @param rule         stable rule id, e.g. {@code registration.re-registered} (see {@link RuleIds})
 * @param subject      the domain the finding is about
 * @param severity     how bad it is
 * @param confidence   how sure the evidence makes it
 * @param summary      one sentence a person can act on
 * @param triggerChain how the subject was reached, e.g.
 *                     {@code [samenveilig.example MX, mx1.oldvendor.example, oldvendor.example (pending delete)]}
 * @param evidence     short facts behind it (observation ids, record texts, dates)
 */
public record Finding(String rule, DomainName subject, Severity severity, Confidence confidence, String summary,
                      List<String> triggerChain, List<String> evidence) {

    public enum Confidence { HIGH, MEDIUM, LOW }

    public Finding {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(confidence, "confidence");
        Objects.requireNonNull(summary, "summary");
        triggerChain = triggerChain == null ? List.of() : List.copyOf(triggerChain);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
