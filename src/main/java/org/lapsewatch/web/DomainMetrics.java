package org.lapsewatch.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.lapsewatch.store.DomainStatusRepository;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-domain and per-finding gauges for {@code /metrics}, refreshed from the store just before
 * each scrape. An unknown expiry or point of no return is its own series set to 1
 * ({@code lapsewatch_domain_point_of_no_return_unknown}), never a -1 that alerting rules would
 * read as "already past".
 */
final class DomainMetrics {
    private final WebServices s;
    private final MultiGauge daysToExpiry;
    private final MultiGauge daysToPointOfNoReturn;
    private final MultiGauge expiryUnknown;
    private final MultiGauge pointOfNoReturnUnknown;
    private final MultiGauge openFindings;

    DomainMetrics(WebServices s, MeterRegistry registry) {
        this.s = s;
        daysToExpiry = MultiGauge.builder("lapsewatch_domain_days_to_expiry")
                .description("Days until the registration expires, for domains whose registry publishes it").register(registry);
        daysToPointOfNoReturn = MultiGauge.builder("lapsewatch_domain_days_to_point_of_no_return")
                .description("Days until someone else could register the domain, where that is known").register(registry);
        expiryUnknown = MultiGauge.builder("lapsewatch_domain_expiry_unknown")
                .description("1 for a domain whose expiry date is not known (not published, or the lookup failed)").register(registry);
        pointOfNoReturnUnknown = MultiGauge.builder("lapsewatch_domain_point_of_no_return_unknown")
                .description("1 for a domain whose point of no return is not known").register(registry);
        openFindings = MultiGauge.builder("lapsewatch_findings_open")
                .description("Open and acknowledged findings by severity and rule").register(registry);
        Gauge.builder("lapsewatch_alert_outbox_depth", s.outbox(), o -> o.depth())
                .description("Notifications waiting to be delivered").register(registry);
    }

    /** Re-reads the store; call before rendering a scrape. */
    void refresh() {
        Instant now = s.clock().instant();
        List<MultiGauge.Row<?>> expiry = new ArrayList<>();
        List<MultiGauge.Row<?>> ponr = new ArrayList<>();
        List<MultiGauge.Row<?>> expiryU = new ArrayList<>();
        List<MultiGauge.Row<?>> ponrU = new ArrayList<>();
        for (DomainStatusRepository.Status st : s.statuses().all()) {
            Tags tags = Tags.of("domain", st.domain().ascii());
            if (st.expires() != null) {
                expiry.add(MultiGauge.Row.of(tags, days(now, st.expires())));
            } else {
                expiryU.add(MultiGauge.Row.of(tags, 1));
            }
            if (st.pointOfNoReturn() != null) {
                ponr.add(MultiGauge.Row.of(tags, days(now, st.pointOfNoReturn())));
            } else {
                ponrU.add(MultiGauge.Row.of(tags, 1));
            }
        }
        daysToExpiry.register(expiry, true);
        daysToPointOfNoReturn.register(ponr, true);
        expiryUnknown.register(expiryU, true);
        pointOfNoReturnUnknown.register(ponrU, true);
        List<MultiGauge.Row<?>> findings = new ArrayList<>();
        s.findings().unresolved().stream()
                .collect(java.util.stream.Collectors.groupingBy(f -> List.of(f.finding().severity().name(), f.finding().rule()),
                        java.util.stream.Collectors.counting()))
                .forEach((key, count) -> findings.add(MultiGauge.Row.of(Tags.of("severity", key.get(0), "rule", key.get(1)), count)));
        openFindings.register(findings, true);
    }

    private static double days(Instant now, Instant then) {
        return Duration.between(now, then).toMinutes() / (24.0 * 60);
    }
}
