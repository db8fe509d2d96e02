package org.lapsewatch.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.lapsewatch.alert.Outbox;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.rules.TldPolicies;
import org.lapsewatch.store.AuditLog;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.DnsReferenceRepository;
import org.lapsewatch.store.DomainStatusRepository;
import org.lapsewatch.store.ExposureRepository;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.ObservationRepository;
import org.lapsewatch.web.auth.UserRepository;

import java.time.Clock;

/**
 * Everything the web layer reads and changes, wired once by {@code serve} or {@code demo}.
 *
 * @param metrics the registry {@code /metrics} renders
 */
public record WebServices(LapsewatchConfig config, Clock clock, InventoryRepository inventory, FindingRepository findings,
                          ObservationRepository observations, DomainStatusRepository statuses, ExposureRepository exposures,
                          DnsReferenceRepository dnsReferences,
                          UserRepository users, AuditLog audit, Outbox outbox,
                          TldPolicies policies, PrometheusMeterRegistry metrics) {

    /** The gateway's verdicts as the policy service would build them now, every non-allow one. */
    public java.util.List<org.lapsewatch.policy.Verdict> verdicts() {
        return org.lapsewatch.policy.VerdictTable.build(inventory.list(),
                findings.unresolved().stream().map(org.lapsewatch.store.StoredFinding::finding).toList(),
                org.lapsewatch.policy.VerdictPolicy.from(config.policy())).verdicts();
    }

    /** The standard wiring over one database. */
    public static WebServices over(Database db, LapsewatchConfig config, Clock clock, FindingListener listener,
                                   PrometheusMeterRegistry metrics) {
        return new WebServices(config, clock, new InventoryRepository(db, clock), new FindingRepository(db, listener),
                new ObservationRepository(db), new DomainStatusRepository(db.jdbi()), new ExposureRepository(db),
                new DnsReferenceRepository(db), new UserRepository(db.jdbi()), new AuditLog(db.jdbi()), new Outbox(db.jdbi()),
                TldPolicies.builtIn(config.watch().tldPolicies()), metrics);
    }
}
