package org.lapsewatch.cli;

import org.lapsewatch.alert.AlertService;
import org.lapsewatch.alert.Channels;
import io.micrometer.core.instrument.MeterRegistry;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.registration.MeteredRegistrationLookup;
import org.lapsewatch.config.WatchSettings;
import org.lapsewatch.mailflow.AddressPrivacy;
import org.lapsewatch.mailflow.ExposureFindings;
import org.lapsewatch.mailflow.MailflowFollower;
import org.lapsewatch.mailflow.Sleeper;
import org.lapsewatch.registration.RegistrationEngine;
import org.lapsewatch.registration.RegistrationLookup;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.RuleSettings;
import org.lapsewatch.rules.TldPolicies;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.ExposureRepository;
import org.lapsewatch.store.FindingListener;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.watch.Cadence;
import org.lapsewatch.watch.CheckRunner;
import org.lapsewatch.watch.DnsDelegationProbe;
import org.lapsewatch.watch.ReferenceSource;

import java.time.Clock;
import java.time.ZoneId;

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
        return checkRunner(config, db, clock, alerts, registrationLookup(config));
    }

    /** As above, with the registry checks counted and timed in {@code metrics} ({@code serve}, {@code demo}). */
    static CheckRunner checkRunner(LapsewatchConfig config, Database db, Clock clock, FindingListener alerts, MeterRegistry metrics) {
        return checkRunner(config, db, clock, alerts, new MeteredRegistrationLookup(registrationLookup(config), metrics));
    }

    private static CheckRunner checkRunner(LapsewatchConfig config, Database db, Clock clock, FindingListener alerts,
                                           RegistrationLookup lookup) {
        FindingRepository findings = new FindingRepository(db, alerts);
        // WIRING(dns): DNS references of retired domains join the mail exposures here once they land.
        ExposureRepository exposures = new ExposureRepository(db);
        ReferenceSource references = domain -> ExposureFindings.references(exposures.find(domain));
        return new CheckRunner(db, findings, lookup, new DnsDelegationProbe(config.dns()), references,
                new LifecycleRules(ruleSettings(config.watch())), new Cadence(config.watch()), clock);
    }

    /** Follows {@code mailflow.logs} and keeps each log's exposures in the store; {@code serve} starts and stops it. */
    static MailflowFollower mailflowFollower(LapsewatchConfig config, Database db, Clock clock) {
        ExposureRepository exposures = new ExposureRepository(db);
        return new MailflowFollower(config.mailflow(), AddressPrivacy.fromSettings(config.mailflow(), config.homeDirectory()),
                ZoneId.systemDefault(), clock, Sleeper.REAL,
                (source, found) -> exposures.replaceSource(source, found, clock.instant()));
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
