package org.lapsewatch.cli;

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

    static CheckRunner checkRunner(LapsewatchConfig config, Database db, Clock clock) {
        // WIRING(alerts): the alert outbox's FindingListener goes here so notifications commit with the transition.
        FindingRepository findings = new FindingRepository(db, FindingListener.NONE);
        // WIRING(dns, mailflow): DNS references and mail exposures of retired domains; none until those land.
        ReferenceSource references = ReferenceSource.NONE;
        return new CheckRunner(db, findings, registrationLookup(config), new DnsDelegationProbe(config.dns()), references,
                new LifecycleRules(ruleSettings(config.watch())), new Cadence(config.watch()), clock);
    }

    static RegistrationLookup registrationLookup(LapsewatchConfig config) {
        return RegistrationEngine.create(config);
    }
}
