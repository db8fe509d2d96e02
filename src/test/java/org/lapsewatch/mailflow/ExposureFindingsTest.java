package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.Reference;
import org.lapsewatch.rules.RuleIds;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Exposures become mail.exposure findings for retired and decommissioned domains, and rank first. */
class ExposureFindingsTest {
    private static final DomainName OLD = DomainName.parse("bjzutrecht.example");
    private static final DomainName GONE = DomainName.parse("oldvendor.example");
    private static final DomainName OWN = DomainName.parse("samenveilig.example");
    private static final DomainName OTHER = DomainName.parse("partner.example");

    private static DomainExposure flow(DomainName domain, long messages, long references) {
        return new DomainExposure(domain, messages, messages, false, Map.of(DeliveryStatus.SENT, messages),
                List.of(new Count("app@samenveilig.example", messages)), List.of(new Count("gw1 postfix-out/smtp", messages)),
                List.of(), messages == 0 ? null : Instant.parse("2026-11-01T08:00:00Z"),
                messages == 0 ? null : Instant.parse("2026-11-28T09:30:00Z"), List.of("staff@" + domain.ascii()), 0, List.of(),
                references, references == 0 ? List.of() : List.of("/etc/aliases:3 alias jan@" + domain.ascii()), "postfix: mail.log");
    }

    private static final List<InventoryEntry> INVENTORY = List.of(
            InventoryEntry.of(OLD, Lifecycle.RETIRED), InventoryEntry.of(GONE, Lifecycle.DECOMMISSIONED),
            InventoryEntry.of(OWN, Lifecycle.ACTIVE));

    @Test
    void flows_to_retired_and_decommissioned_domains_become_findings_worst_first() {
        List<Finding> findings = ExposureFindings.evaluate(
                List.of(flow(OWN, 900, 0), flow(OLD, 42, 1), flow(GONE, 0, 2), flow(OTHER, 5, 0)), INVENTORY);

        assertThat(findings).extracting(Finding::subject).containsExactly(GONE, OLD);
        Finding gone = findings.get(0);
        assertThat(gone.rule()).isEqualTo(RuleIds.MAIL_EXPOSURE);
        assertThat(gone.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(gone.confidence()).isEqualTo(Finding.Confidence.MEDIUM);
        assertThat(gone.triggerChain()).containsExactly("reference /etc/aliases:3 alias jan@oldvendor.example");
        Finding old = findings.get(1);
        assertThat(old.severity()).isEqualTo(Severity.HIGH);
        assertThat(old.confidence()).isEqualTo(Finding.Confidence.HIGH);
        assertThat(old.triggerChain()).containsExactly(
                "sender app@samenveilig.example → staff@bjzutrecht.example (gw1 postfix-out/smtp, 42 messages, last 2026-11-28)",
                "reference /etc/aliases:3 alias jan@bjzutrecht.example");
        assertThat(old.evidence()).contains("messages=42", "last_seen=2026-11-28T09:30:00Z", "top_sender=app@samenveilig.example",
                "attempts.sent=42");
    }

    @Test
    void exposures_with_log_evidence_become_mail_references_for_the_legacy_rule() {
        List<Reference> references = ExposureFindings.references(List.of(flow(OLD, 42, 1), flow(GONE, 0, 2)));

        assertThat(references).containsExactly(new Reference(Reference.Kind.MAIL,
                "42 messages to bjzutrecht.example from app@samenveilig.example (gw1 postfix-out/smtp)",
                Instant.parse("2026-11-28T09:30:00Z")));
    }

    @Test
    void the_report_ranks_decommissioned_retired_flagged_inventory_then_unknown_domains() {
        ExposureReport report = ExposureReport.of(List.of(flow(OTHER, 5000, 0), flow(OWN, 900, 0), flow(OLD, 42, 0),
                        flow(GONE, 1, 0), flow(DomainName.parse("lapsing.example"), 3, 0)),
                INVENTORY, Set.of(DomainName.parse("lapsing.example")), new ScanCounters().summary());

        assertThat(report.domains()).extracting(r -> r.exposure().domain().ascii()).containsExactly(
                "oldvendor.example", "bjzutrecht.example", "lapsing.example", "samenveilig.example", "partner.example");
        assertThat(report.domains()).extracting(ExposureReport.Ranked::standing).containsExactly(
                "decommissioned", "retired", "not in inventory, flagged", "active", "not in inventory");
        assertThat(report.findings()).hasSize(2);
    }
}
