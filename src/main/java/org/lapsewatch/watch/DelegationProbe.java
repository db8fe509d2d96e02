package org.lapsewatch.watch;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.rules.TldDelegation;

/** Asks the TLD's authoritative servers whether they still delegate a name. Never throws for a DNS failure. */
@FunctionalInterface
public interface DelegationProbe {
    TldDelegation ask(DomainName domain);
}
