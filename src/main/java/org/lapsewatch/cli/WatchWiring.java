package org.lapsewatch.cli;

import org.lapsewatch.alert.AlertService;
import org.lapsewatch.alert.Channels;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.registration.RegistrationEngine;
import org.lapsewatch.registration.RegistrationLookup;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.RuleSettings;
import org.lapsewatch.rules.TldPolicies;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.watch.Cadence;
import org.lapsewatch.watch.CheckRunner;
import org.lapsewatch.watch.DnsDelegationProbe;
import org.lapsewatch.watch.ReferenceSource;

import java.time.Clock;

/** Builds the watch's parts from the configuration: the one place {@code check-now} and {@code serve} wire them. */
final class WatchWiring {
    private WatchWiring() {
    }

    /** The rule settings for {@code watch:}; a bad {@code watch.tldPolicies} line fails here, at startup. */
    static RuleSettings ruleSettings(WatchSettings watch) {
        try {
            return new RuleSettings(watch.expiryWarningDays(), watch.unknownAlertAfter(), TldPolicies.builtIn(watch.tldPolicies()));
        } catch (IllegalArgumentException e) {
            throw new UsageException("watch.tldPolicies: " + e.getMessage());
        }
    }

    /** The check runner; {@code alerts} hears every finding transition inside its transaction (the alert outbox). */
    static CheckRunner checkRunner(LapsewatchConfig config, Database db, Clock clock, FindingListener alerts) {
        FindingRepository findings = new FindingRepository(db, alerts);
        // WIRING(dns, mailflow): DNS references and mail exposures of retired domains; none until those land.
        ReferenceSource references = ReferenceSource.NONE;
        return new CheckRunner(db, findings, registrationLookup(config), new DnsDelegationProbe(config.dns()), references,
                new LifecycleRules(ruleSettings(config.watch())), new Cadence(config.watch()), clock);
    }

    /** Alerting over the configured channels; its listener writes the outbox, {@code serve} ticks it. */
    static AlertService alerts(LapsewatchConfig config, Database db, Clock clock) {
        return new AlertService(db, config.alerts(), Channels.fromSettings(config.alerts(), clock), clock);
    }

    /** The registry client: RDAP first, WHOIS where RDAP is missing. */
    static RegistrationLookup registrationLookup(LapsewatchConfig config) {
        return RegistrationEngine.create(config);
    }
}
