package org.lapsewatch.policy;

import org.lapsewatch.model.DomainName;

import java.util.Objects;

/**
 * The policy service's decision for one recipient registrable domain.
 *
 * @param domain the registrable domain
 * @param action what to do with mail to it
 * @param reason why, in a few words fit for an SMTP reply (one line, printable ASCII)
 */
public record Verdict(DomainName domain, Action action, String reason) {
    public Verdict {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }
}
