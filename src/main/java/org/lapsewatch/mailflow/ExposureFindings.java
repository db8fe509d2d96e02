package org.lapsewatch.mailflow;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.Reference;
import org.lapsewatch.rules.RuleIds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns exposures into {@link RuleIds#MAIL_EXPOSURE} findings: mail or references still going to a
 * domain the inventory marks retired (HIGH) or decommissioned (CRITICAL). A pure function of
 * values, so the watch's "legacy referenced" rule can use exposures too.
 */
public final class ExposureFindings {
    private ExposureFindings() {
    }

    /** One finding per exposure whose domain is retired or decommissioned in the inventory, worst first. */
    public static List<Finding> evaluate(Collection<DomainExposure> exposures, Collection<InventoryEntry> inventory) {
        Map<DomainName, InventoryEntry> byName = inventory.stream()
                .collect(Collectors.toMap(InventoryEntry::name, Function.identity(), (a, b) -> a));
        List<Finding> findings = new ArrayList<>();
        for (DomainExposure exposure : exposures) {
            InventoryEntry entry = byName.get(exposure.domain());
            if (entry == null || (exposure.messages() == 0 && exposure.references() == 0)) {
                continue;
            }
            Severity severity = switch (entry.lifecycle()) {
                case DECOMMISSIONED -> Severity.CRITICAL;
                case RETIRED -> Severity.HIGH;
                case ACTIVE, DEFENSIVE -> null;
            };
            if (severity != null) {
                findings.add(finding(exposure, entry.lifecycle(), severity));
            }
        }
        findings.sort((a, b) -> a.severity() != b.severity() ? b.severity().compareTo(a.severity())
                : a.subject().compareTo(b.subject()));
        return findings;
    }

    /**
     * The exposures as the watch's "legacy referenced" rule takes them: one {@link Reference} of kind
     * MAIL per exposure with log evidence, e.g. {@code 42 messages to bjzutrecht.example from
     * app@samenveilig.example (gw1 postfix-out/smtp)}. Static-only exposures have no time and give none.
     */
    public static List<Reference> references(Collection<DomainExposure> exposures) {
        List<Reference> references = new ArrayList<>();
        for (DomainExposure e : exposures) {
            if (e.messages() > 0 && e.lastSeen() != null) {
                String sender = e.topSenders().isEmpty() ? "(unknown)" : e.topSenders().get(0).value();
                String system = e.topSystems().isEmpty() ? "(unknown)" : e.topSystems().get(0).value();
                references.add(new Reference(Reference.Kind.MAIL, e.messages() + " messages to " + e.domain().display()
                        + " from " + sender + " (" + system + ")", e.lastSeen()));
            }
        }
        return references;
    }

    private static Finding finding(DomainExposure exposure, Lifecycle lifecycle, Severity severity) {
        String name = exposure.domain().display();
        String state = lifecycle.wireName();
        List<String> evidence = new ArrayList<>();
        List<String> chain = new ArrayList<>();
        String summary;
        if (exposure.messages() > 0) {
            String topSender = exposure.topSenders().isEmpty() ? "(unknown)" : exposure.topSenders().get(0).value();
            String topSystem = exposure.topSystems().isEmpty() ? "(unknown)" : exposure.topSystems().get(0).value();
            String recipient = exposure.sampleRecipients().isEmpty() ? "?@" + name : exposure.sampleRecipients().get(0);
            String last = day(exposure.lastSeen());
            summary = "Mail still goes to " + state + " domain " + name + ": " + exposure.messages() + " messages, last "
                    + last + "; change the senders before someone else can receive it.";
            chain.add("sender " + topSender + " → " + recipient + " (" + topSystem + ", " + exposure.messages()
                    + " messages, last " + last + ")");
            evidence.add("messages=" + exposure.messages());
            evidence.add("recipients=" + exposure.recipients() + (exposure.recipientsCapped() ? "+" : ""));
            exposure.attempts().forEach((status, n) -> evidence.add("attempts." + status.wireName() + "=" + n));
            evidence.add("first_seen=" + exposure.firstSeen());
            evidence.add("last_seen=" + exposure.lastSeen());
            evidence.add("top_sender=" + topSender);
            evidence.add("top_system=" + topSystem);
        } else {
            summary = name + " is " + state + " but still referenced " + exposure.references()
                    + " times in aliases or configuration; remove the references.";
        }
        if (exposure.references() > 0) {
            evidence.add("references=" + exposure.references());
            exposure.referenceSamples().stream().limit(3).forEach(sample -> chain.add("reference " + sample));
        }
        if (!exposure.source().isEmpty()) {
            evidence.add("source=" + exposure.source());
        }
        Finding.Confidence confidence = exposure.messages() > 0 ? Finding.Confidence.HIGH : Finding.Confidence.MEDIUM;
        return new Finding(RuleIds.MAIL_EXPOSURE, exposure.domain(), severity, confidence, summary, chain, evidence);
    }

    private static String day(Instant instant) {
        return instant == null ? "unknown" : instant.atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }
}
