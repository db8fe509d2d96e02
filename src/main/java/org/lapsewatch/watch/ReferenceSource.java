package org.lapsewatch.watch;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.rules.Reference;

import java.util.List;

/**
 * Where the watch learns what still uses a domain: DNS references from the residual-trust scan
 * and mail exposures from the mail-flow scan. Until those are wired in, {@link #NONE}.
 */
@FunctionalInterface
public interface ReferenceSource {
    ReferenceSource NONE = domain -> List.of();

    List<Reference> referencesTo(DomainName domain);
}
