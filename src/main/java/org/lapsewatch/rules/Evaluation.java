package org.lapsewatch.rules;

import java.util.List;
import java.util.Set;

/**
 * What the rules concluded for one domain. {@code undecided} names the rules that could not be
 * evaluated (the registry gave no answer; or, for locks and drift, the answer came from the other
 * source, RDAP or WHOIS, than the last one): their open findings must stay as they are, neither
 * resolved nor refreshed, so an outage or a fallback neither clears nor raises anything.
 */
public record Evaluation(List<Finding> findings, Set<String> undecided, PointOfNoReturn pointOfNoReturn) {
    public Evaluation {
        findings = List.copyOf(findings);
        undecided = Set.copyOf(undecided);
    }

    public boolean decided(String rule) {
        return !undecided.contains(rule);
    }
}
