package org.lapsewatch.alert;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.lapsewatch.model.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One notification's content, complete enough to stand alone: which domain (both label forms),
 * what happened, its state, the point of no return, where the evidence is, what to do next and
 * how to acknowledge. Stored in the outbox as JSON so that every retry sends the same thing.
 *
 * @param kind            why it is sent
 * @param domainAscii     the subject in A-labels (null for digests and tests)
 * @param domainUnicode   the subject in U-labels (null for digests and tests)
 * @param rule            the rule id (null for digests and tests)
 * @param severity        the finding's severity (the highest one for a digest)
 * @param title           one line
 * @param whatHappened    a few sentences
 * @param state           the registration state in words, or "unknown"
 * @param pointOfNoReturn earliest moment someone else could own the domain, or null when unknown
 * @param evidenceUrl     link to the finding in the dashboard
 * @param nextSteps       what to do now
 * @param acknowledge     how to acknowledge
 * @param triggerChain    how the domain was reached
 * @param createdAt       when the notification was planned
 */
public record Message(Kind kind, String domainAscii, String domainUnicode, String rule, Severity severity, String title,
                      String whatHappened, String state, Instant pointOfNoReturn, String evidenceUrl, String nextSteps,
                      String acknowledge, List<String> triggerChain, Instant createdAt) {

    /** Why a message is sent. */
    public enum Kind { OPENED, REOPENED, REMINDER, ESCALATED, RECOVERED, DIGEST, TEST }

    public Message {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(createdAt, "createdAt");
        triggerChain = triggerChain == null ? List.of() : List.copyOf(triggerChain);
    }

    /** True when the message says a problem is over (Alertmanager "resolved"). */
    @JsonIgnore
    public boolean isRecovery() {
        return kind == Kind.RECOVERED;
    }
}
