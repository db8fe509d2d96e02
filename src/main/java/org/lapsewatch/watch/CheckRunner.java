package org.lapsewatch.watch;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.registration.RegistrationLookup;
import org.lapsewatch.rules.AvailabilityConfirmation;
import org.lapsewatch.rules.Evaluation;
import org.lapsewatch.rules.LifecycleRules;
import org.lapsewatch.rules.Observed;
import org.lapsewatch.rules.Reference;
import org.lapsewatch.rules.RuleInput;
import org.lapsewatch.store.Database;
import org.lapsewatch.store.DomainStatusRepository;
import org.lapsewatch.store.FindingRepository;
import org.lapsewatch.store.FindingTransition;
import org.lapsewatch.store.InventoryRepository;
import org.lapsewatch.store.ObservationRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One check of one domain: ask the registry (and, before "available", the TLD's servers), then in
 * one transaction store the observation, evaluate the rules on its history, record the domain's
 * status (state and point of no return, for the dashboard) and bring the findings in line. I/O happens before the transaction, so a slow registry holds no connection.
 */
public final class CheckRunner {
    private static final int HISTORY_DEPTH = 50;

    private final Database database;
    private final InventoryRepository inventory;
    private final ObservationRepository observations;
    private final DomainStatusRepository statuses;
    private final FindingRepository findings;
    private final RegistrationLookup lookup;
    private final DelegationProbe delegation;
    private final ReferenceSource references;
    private final LifecycleRules rules;
    private final Cadence cadence;
    private final Clock clock;

    public CheckRunner(Database database, FindingRepository findings, RegistrationLookup lookup, DelegationProbe delegation,
                       ReferenceSource references, LifecycleRules rules, Cadence cadence, Clock clock) {
        this.database = database;
        this.inventory = new InventoryRepository(database, clock);
        this.observations = new ObservationRepository(database);
        this.statuses = new DomainStatusRepository(database.jdbi());
        this.findings = findings;
        this.lookup = lookup;
        this.delegation = delegation;
        this.references = references;
        this.rules = rules;
        this.cadence = cadence;
        this.clock = clock;
    }

    /** Checks one domain now. A domain outside the inventory is checked as if active, and nothing is stored. */
    public CheckResult check(DomainName domain) {
        Optional<InventoryEntry> stored = inventory.find(domain);
        InventoryEntry entry = stored.orElse(InventoryEntry.of(domain, Lifecycle.ACTIVE));
        RegistrationLookup.Answer answer = ask(domain);
        Registration registration = answer.registration();
        List<Reference> refs = references.referencesTo(domain);
        Instant at = clock.instant();
        if (stored.isEmpty()) {
            List<Observed> earlier = observations.history(domain, HISTORY_DEPTH);
            Observed current = Observed.at(registration, at);
            Evaluation evaluation = rules.evaluate(new RuleInput(entry, current, earlier, refs, at));
            return new CheckResult(entry, current, evaluation, List.of(), cadence.next(domain, current, earlier, evaluation, at), false);
        }
        return database.jdbi().inTransaction(h -> {
            Observed current = observations.record(h, domain, registration, answer.raw(), at).observed();
            List<Observed> earlier = observations.history(h, domain, HISTORY_DEPTH).stream()
                    .filter(o -> o.id() < current.id()).toList();
            Evaluation evaluation = rules.evaluate(new RuleInput(entry, current, earlier, refs, at));
            statuses.record(h, domain, current.registration(), evaluation.pointOfNoReturn(), at);
            List<FindingTransition> transitions = findings.reconcile(h, domain, LifecycleRules.RULES, evaluation.findings(),
                    evaluation.undecided(), current.id(), at, new FindingTransition.Context(
                            current.registration().state().wireName(), evaluation.pointOfNoReturn().atOrNull()));
            return new CheckResult(entry, current, evaluation, transitions, cadence.next(domain, current, earlier, evaluation, at), true);
        });
    }

    /**
     * The registry's answer with its raw body, confirmed by the TLD's servers where it says "free".
     * Never throws for a probe's fault.
     */
    private RegistrationLookup.Answer ask(DomainName domain) {
        RegistrationLookup.Answer answer;
        try {
            answer = lookup.ask(domain);
        } catch (RuntimeException e) {
            // The lookup contract says it does not throw; if one does, that is still only "unknown".
            answer = new RegistrationLookup.Answer(Registration.unknown(domain.ascii(), Registration.Source.RDAP, null,
                    RegistrationState.UNKNOWN, "lookup failed: " + e), null);
        }
        if (AvailabilityConfirmation.needsDelegationCheck(answer.registration())) {
            answer = new RegistrationLookup.Answer(
                    AvailabilityConfirmation.confirm(answer.registration(), delegation.ask(domain)), answer.raw());
        }
        return answer;
    }
}
