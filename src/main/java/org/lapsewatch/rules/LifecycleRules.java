package org.lapsewatch.rules;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding.Confidence;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The lifecycle rules for owned domains (DESIGN.md §6): pure functions of the inventory entry,
 * the registration history, the references that still use the domain and the time.
 *
 * <p>An unknown or throttled answer never raises anything but {@link RuleIds#UNKNOWN_TOO_LONG};
 * every other rule is then reported as undecided, so its open findings stay as they were.
 */
public final class LifecycleRules {
    /** Every rule this class decides, for reporting them undecided when the registry gave no answer. */
    public static final Set<String> RULES = Set.of(RuleIds.EXPIRING, RuleIds.NO_PUBLIC_EXPIRY, RuleIds.AUTO_RENEW_GRACE,
            RuleIds.HOLD, RuleIds.REDEMPTION, RuleIds.PENDING_DELETE, RuleIds.QUARANTINE, RuleIds.AVAILABLE,
            RuleIds.RE_REGISTERED, RuleIds.CONTROL_DRIFT, RuleIds.LOCKS_MISSING, RuleIds.EARLY_DELETE,
            RuleIds.UNKNOWN_TOO_LONG, RuleIds.LEGACY_REFERENCED);
    private static final Duration CREATION_TOLERANCE = Duration.ofDays(1);

    private final RuleSettings settings;

    public LifecycleRules(RuleSettings settings) {
        this.settings = settings;
    }

    /** Evaluates every lifecycle rule for one domain. */
    public Evaluation evaluate(RuleInput given) {
        TldPolicy policy = settings.policies().policyFor(given.entry().name());
        RuleInput in = new RuleInput(given.entry(), policy.interpret(given.current()),
                given.earlier().stream().map(policy::interpret).toList(), given.references(), given.now());
        PointOfNoReturn pnr = PointOfNoReturn.of(in.current(), in.earlier(), policy, in.now());
        Registration reg = in.current().registration();
        if (reg.state().isUnknown()) {
            Set<String> undecided = new HashSet<>(RULES);
            undecided.remove(RuleIds.UNKNOWN_TOO_LONG);
            return new Evaluation(unknownTooLong(in).stream().toList(), undecided, pnr);
        }
        var ctx = new Context(in, policy, pnr, History.autoRenew(in.current(), in.earlier(), policy, in.now()),
                reRegistration(in));
        List<Finding> findings = new ArrayList<>();
        // RDAP and WHOIS speak different status vocabularies: when this answer came from the other
        // source than the last one, locks and drift cannot be compared and stay as they were.
        boolean sourceSwitched = in.earlier().stream().map(Observed::registration).filter(r -> !r.state().isUnknown())
                .findFirst().map(r -> r.source() != reg.source()).orElse(false);
        Set<String> undecided = sourceSwitched ? Set.of(RuleIds.LOCKS_MISSING, RuleIds.CONTROL_DRIFT) : Set.of();
        if (in.entry().lifecycle() != Lifecycle.DECOMMISSIONED) {
            Optional<Finding> lost = reRegistered(ctx);
            if (lost.isPresent()) {
                // Someone else holds it: renewal dates, locks and drift of their registration are not ours to fix.
                findings.add(lost.get());
            } else {
                expiring(ctx).ifPresent(findings::add);
                noPublicExpiry(ctx).ifPresent(findings::add);
                autoRenewGrace(ctx).ifPresent(findings::add);
                if (!sourceSwitched) {
                    controlDrift(ctx).ifPresent(findings::add);
                    locksMissing(ctx).ifPresent(findings::add);
                }
            }
            ending(ctx).ifPresent(findings::add);
            available(ctx).ifPresent(findings::add);
            earlyDelete(ctx).ifPresent(findings::add);
        }
        legacyReferenced(ctx).ifPresent(findings::add);
        return new Evaluation(findings, undecided, pnr);
    }

    /** What every rule needs, worked out once. */
    private record Context(RuleInput in, TldPolicy policy, PointOfNoReturn pnr, Optional<History.AutoRenew> autoRenew,
                           Optional<ReRegistration> reRegistration) {
        Registration reg() {
            return in.current().registration();
        }

        DomainName domain() {
            return in.entry().name();
        }

        String name() {
            return domain().display();
        }

        Lifecycle lifecycle() {
            return in.entry().lifecycle();
        }

        /** The severity for an owned domain: defensive registrations matter one step less. */
        Severity owned(Severity severity) {
            if (lifecycle() == Lifecycle.DEFENSIVE && severity != Severity.INFO) {
                return Severity.values()[severity.ordinal() - 1];
            }
            return severity;
        }

        List<String> evidence(String... facts) {
            List<String> lines = new ArrayList<>();
            lines.add(in.current().evidenceLabel());
            lines.add("state: " + reg().state().wireName());
            for (String fact : facts) {
                if (fact != null) {
                    lines.add(fact);
                }
            }
            return lines;
        }

        String pnrText() {
            return switch (pnr) {
                case PointOfNoReturn.Known k -> "someone else can register it from " + k.at() + " (" + k.explanation() + ")";
                case PointOfNoReturn.Unknown u -> "the point of no return is unknown: " + u.reason();
            };
        }

        String pnrFact() {
            return switch (pnr) {
                case PointOfNoReturn.Known k -> "point of no return: " + k.at();
                case PointOfNoReturn.Unknown u -> "point of no return: unknown (" + u.reason() + ")";
            };
        }

        Finding finding(String rule, Severity severity, Confidence confidence, String summary, List<String> chain,
                        List<String> evidence) {
            return new Finding(rule, domain(), severity, confidence, summary, chain, evidence);
        }
    }

    private Optional<Finding> expiring(Context c) {
        Registration reg = c.reg();
        boolean live = reg.state() == RegistrationState.REGISTERED || reg.state() == RegistrationState.HOLD;
        if (!live || reg.expires() == null || c.autoRenew().isPresent()) {
            return Optional.empty();
        }
        Duration left = Duration.between(c.in().now(), reg.expires());
        if (left.isNegative() || left.isZero()) {
            return Optional.of(c.finding(RuleIds.EXPIRING, c.owned(Severity.CRITICAL), Confidence.HIGH,
                    c.name() + " passed its expiry date " + History.day(reg.expires())
                            + " and the registry still shows it registered; renew it at the registrar now.",
                    List.of(c.name() + " expires " + reg.expires()), c.evidence("expires: " + reg.expires(), c.pnrFact())));
        }
        long days = left.toDays();
        List<Integer> windows = settings.expiryWarningDays();
        for (int i = windows.size() - 1; i >= 0; i--) {
            int window = windows.get(i);
            if (days < window) {
                int fromSmallest = windows.size() - 1 - i;
                Severity severity = switch (fromSmallest) {
                    case 0 -> Severity.CRITICAL;
                    case 1 -> Severity.HIGH;
                    case 2 -> Severity.MEDIUM;
                    default -> Severity.LOW;
                };
                return Optional.of(c.finding(RuleIds.EXPIRING, c.owned(severity), Confidence.HIGH,
                        c.name() + " expires on " + History.day(reg.expires()) + " (in " + days + " days, inside the "
                                + window + "-day window); renew it" + (reg.registrar() == null ? "" : " at " + reg.registrar()) + ".",
                        List.of(c.name() + " expires " + reg.expires()),
                        c.evidence("expires: " + reg.expires(), "window: " + window + " days", c.pnrFact())));
            }
        }
        return Optional.empty();
    }

    private Optional<Finding> noPublicExpiry(Context c) {
        Registration reg = c.reg();
        if (reg.state() != RegistrationState.REGISTERED || reg.expires() != null) {
            return Optional.empty();
        }
        String why = c.policy().expiryPublic()
                ? "the registry did not publish an expiry date for " + c.name()
                : "the " + c.policy().label() + " registry does not publish expiry dates";
        return Optional.of(c.finding(RuleIds.NO_PUBLIC_EXPIRY, Severity.INFO, Confidence.HIGH,
                "No public expiry date for " + c.name() + " (" + why + "): add the renewal date from the registrar"
                        + " or a manual source so Lapsewatch can warn before it lapses.",
                List.of(c.name() + " (" + reg.source().wireName() + ": no expiry date)"), c.evidence(c.pnrFact())));
    }

    private Optional<Finding> autoRenewGrace(Context c) {
        if (c.autoRenew().isEmpty()) {
            return Optional.empty();
        }
        History.AutoRenew grace = c.autoRenew().get();
        String rolled = c.reg().expires() != null && c.reg().expires().isAfter(grace.oldExpiry())
                ? " and the registry rolled the date to " + History.day(c.reg().expires()) + " while it is unpaid" : "";
        return Optional.of(c.finding(RuleIds.AUTO_RENEW_GRACE, c.owned(Severity.HIGH), grace.confidence(),
                c.name() + " passed its expiry date " + History.day(grace.oldExpiry()) + rolled
                        + ": it is in auto-renew grace until " + History.day(grace.graceEnd())
                        + " and the registrar may delete it; confirm the renewal is paid.",
                List.of(c.name() + " expired " + grace.oldExpiry(), grace.signal()),
                c.evidence("old expiry: " + grace.oldExpiry(), "grace ends: " + grace.graceEnd(),
                        c.reg().expires() == null ? null : "published expiry: " + c.reg().expires(),
                        "status: " + c.reg().status(), c.pnrFact())));
    }

    /** Hold, redemption, pending delete and quarantine: one rule each, same shape. */
    private Optional<Finding> ending(Context c) {
        Registration reg = c.reg();
        String statusText = "status: " + reg.status();
        return switch (reg.state()) {
            case HOLD -> Optional.of(c.finding(RuleIds.HOLD, c.owned(Severity.HIGH), Confidence.HIGH,
                    c.name() + " is on hold (inactive): it no longer resolves, so mail and web for it fail; "
                            + c.pnrText() + ".",
                    List.of(c.name() + " (hold)"), c.evidence(statusText, c.pnrFact())));
            case REDEMPTION -> Optional.of(c.finding(RuleIds.REDEMPTION, c.owned(Severity.CRITICAL), Confidence.HIGH,
                    c.name() + " was deleted and is in redemption: only a paid restore at the registrar saves it; "
                            + c.pnrText() + ".",
                    List.of(c.name() + " (redemption)"), c.evidence(statusText, c.pnrFact())));
            case PENDING_DELETE -> Optional.of(c.finding(RuleIds.PENDING_DELETE, c.owned(Severity.CRITICAL), Confidence.HIGH,
                    c.name() + " is pending delete and can no longer be restored; " + c.pnrText() + ".",
                    List.of(c.name() + " (pending delete)"), c.evidence(statusText, c.pnrFact())));
            case QUARANTINE -> Optional.of(c.finding(RuleIds.QUARANTINE, c.owned(Severity.CRITICAL), Confidence.HIGH,
                    c.name() + " was cancelled and is in quarantine" + countdown(c) + "; reactivate it through the registrar before then.",
                    List.of(c.name() + " (quarantine)"),
                    c.evidence(reg.releases() == null ? null : "releases: " + reg.releases(), c.pnrFact())));
            default -> Optional.empty();
        };
    }

    private static String countdown(Context c) {
        if (c.pnr() instanceof PointOfNoReturn.Known known) {
            Duration left = Duration.between(c.in().now(), known.at());
            String in = left.isNegative() ? "overdue" : "in " + left.toDays() + " d " + left.toHoursPart() + " h";
            return ": it is released to anyone at " + known.at() + " (" + in + ")";
        }
        return ": " + c.pnrText();
    }

    private Optional<Finding> available(Context c) {
        if (c.reg().state() != RegistrationState.AVAILABLE) {
            return Optional.empty();
        }
        return Optional.of(c.finding(RuleIds.AVAILABLE, c.owned(Severity.CRITICAL), Confidence.HIGH,
                c.name() + " is free: anyone can register it now; register it again at once.",
                List.of(c.name() + " (available)"), c.evidence(c.reg().reason())));
    }

    /** Evidence that the current holder is not the one seen before. */
    private record ReRegistration(Confidence confidence, String reason, Observed before) {
    }

    private static boolean holdsRegistration(RegistrationState state) {
        return state == RegistrationState.REGISTERED || state == RegistrationState.GRACE || state == RegistrationState.HOLD;
    }

    private Optional<ReRegistration> reRegistration(RuleInput in) {
        Registration now = in.current().registration();
        if (!holdsRegistration(now.state())) {
            return Optional.empty();
        }
        boolean newestKnown = true;
        for (Observed before : in.earlier()) {
            Registration old = before.registration();
            if (old.state().isUnknown()) {
                continue;
            }
            if (now.created() != null && old.created() != null
                    && now.created().isAfter(old.created().plus(CREATION_TOLERANCE))) {
                return Optional.of(new ReRegistration(Confidence.HIGH, "created " + now.created()
                        + ", later than the registration seen before (created " + old.created() + ")", before));
            }
            if (holdsRegistration(old.state()) && old.handle() != null && now.handle() != null
                    && !old.handle().equals(now.handle())) {
                return Optional.of(new ReRegistration(Confidence.HIGH, "the registry's handle changed from " + old.handle()
                        + " to " + now.handle() + ": a new registration, not a transfer or renewal", before));
            }
            if (old.state() == RegistrationState.AVAILABLE) {
                return Optional.of(new ReRegistration(Confidence.HIGH,
                        "registered again after it was seen free at " + before.firstSeen(), before));
            }
            if (newestKnown && holdsRegistration(old.state()) && registrarChanged(old, now) && nameserversMoved(old, now)) {
                return Optional.of(new ReRegistration(Confidence.MEDIUM, "registrar changed from " + old.registrar()
                        + " to " + now.registrar() + " and the nameservers moved from " + old.nameservers()
                        + " to " + now.nameservers(), before));
            }
            newestKnown = false;
        }
        return Optional.empty();
    }

    private static boolean registrarChanged(Registration old, Registration now) {
        return old.registrar() != null && now.registrar() != null && !sameRegistrar(old.registrar(), now.registrar());
    }

    private static boolean nameserversMoved(Registration old, Registration now) {
        return !old.nameservers().isEmpty() && !now.nameservers().isEmpty()
                && now.nameservers().stream().noneMatch(old.nameservers()::contains);
    }

    private static boolean sameRegistrar(String a, String b) {
        return a.strip().equalsIgnoreCase(b.strip());
    }

    /** True when the registration is where the inventory expects it (then a new registration is ours). */
    private static boolean matchesExpectedControl(InventoryEntry entry, Registration reg) {
        boolean registrarSet = entry.expectedRegistrar() != null;
        boolean nsSet = !entry.expectedNameservers().isEmpty();
        return (registrarSet || nsSet)
                && (!registrarSet || (reg.registrar() != null && sameRegistrar(entry.expectedRegistrar(), reg.registrar())))
                && (!nsSet || Set.copyOf(entry.expectedNameservers()).equals(Set.copyOf(reg.nameservers())));
    }

    private Optional<Finding> reRegistered(Context c) {
        if (c.reRegistration().isEmpty()) {
            return Optional.empty();
        }
        ReRegistration r = c.reRegistration().get();
        Registration reg = c.reg();
        if (matchesExpectedControl(c.in().entry(), reg)) {
            return Optional.empty();
        }
        return Optional.of(c.finding(RuleIds.RE_REGISTERED, c.owned(Severity.CRITICAL), r.confidence(),
                c.name() + " has been registered by someone else (" + r.reason() + "); stop all mail and logins that"
                        + " use it and treat data sent there as leaked.",
                List.of(c.name() + " (re-registered)", "registrar " + reg.registrar(), "nameservers " + reg.nameservers()),
                c.evidence("created: " + reg.created(), "registrar: " + reg.registrar(), "nameservers: " + reg.nameservers(),
                        "before: " + r.before().evidenceLabel())));
    }

    private Optional<Finding> controlDrift(Context c) {
        Registration reg = c.reg();
        if (!holdsRegistration(reg.state())) {
            return Optional.empty();
        }
        InventoryEntry entry = c.in().entry();
        List<String> drift = new ArrayList<>();
        if (entry.expectedRegistrar() != null && reg.registrar() != null && !sameRegistrar(entry.expectedRegistrar(), reg.registrar())) {
            drift.add("registrar is " + reg.registrar() + ", expected " + entry.expectedRegistrar());
        }
        if (!entry.expectedNameservers().isEmpty() && !reg.nameservers().isEmpty()
                && !Set.copyOf(entry.expectedNameservers()).equals(Set.copyOf(reg.nameservers()))) {
            drift.add("nameservers are " + reg.nameservers() + ", expected " + entry.expectedNameservers());
        }
        Severity severity = Severity.HIGH;
        if (drift.isEmpty()) {
            severity = Severity.MEDIUM;
            Optional<Registration> previous = c.in().earlier().stream().map(Observed::registration)
                    .filter(o -> holdsRegistration(o.state())).findFirst();
            if (previous.isPresent() && Boolean.TRUE.equals(previous.get().dnssec()) && Boolean.FALSE.equals(reg.dnssec())) {
                drift.add("DNSSEC was switched off");
            }
            // Only where the registry publishes status codes: an empty list says nothing about locks.
            if (previous.isPresent() && !reg.status().isEmpty()) {
                for (String lock : List.of("client transfer prohibited", "client delete prohibited", "client update prohibited")) {
                    if (History.hasStatus(previous.get(), lock) && !History.hasStatus(reg, lock)) {
                        drift.add("'" + lock + "' was removed");
                    }
                }
            }
        }
        if (drift.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(c.finding(RuleIds.CONTROL_DRIFT, c.owned(severity), Confidence.HIGH,
                "Control of " + c.name() + " drifted: " + String.join("; ", drift) + ".",
                List.of(c.name() + " (" + reg.source().wireName() + ")"), c.evidence(drift.toArray(String[]::new))));
    }

    private Optional<Finding> locksMissing(Context c) {
        Registration reg = c.reg();
        Lifecycle lifecycle = c.lifecycle();
        // A registry that publishes no status codes says nothing about locks: no finding.
        if (reg.state() != RegistrationState.REGISTERED || reg.status().isEmpty()
                || (lifecycle != Lifecycle.ACTIVE && lifecycle != Lifecycle.RETIRED)) {
            return Optional.empty();
        }
        boolean transferLocked = History.hasStatus(reg, "client transfer prohibited") || History.hasStatus(reg, "server transfer prohibited");
        boolean deleteLocked = History.hasStatus(reg, "client delete prohibited") || History.hasStatus(reg, "server delete prohibited");
        if (transferLocked && deleteLocked) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (!transferLocked) {
            missing.add("transfer");
        }
        if (!deleteLocked) {
            missing.add("delete");
        }
        return Optional.of(c.finding(RuleIds.LOCKS_MISSING, transferLocked ? Severity.LOW : Severity.MEDIUM, Confidence.HIGH,
                c.name() + " has no " + String.join(" or ", missing) + " lock; ask the registrar to set "
                        + String.join(" and ", missing.stream().map(m -> "client " + m + " prohibited").toList()) + ".",
                List.of(c.name() + " status " + reg.status()), c.evidence("status: " + reg.status())));
    }

    private Optional<Finding> earlyDelete(Context c) {
        RegistrationState state = c.reg().state();
        if (state != RegistrationState.REDEMPTION && state != RegistrationState.PENDING_DELETE) {
            return Optional.empty();
        }
        Optional<Instant> expiry = History.lastKnownExpiry(c.in().current(), c.in().earlier());
        Instant since = History.firstSeenInState(c.in().current(), c.in().earlier());
        if (expiry.isEmpty() || !since.isBefore(expiry.get())) {
            return Optional.empty();
        }
        return Optional.of(c.finding(RuleIds.EARLY_DELETE, c.owned(Severity.CRITICAL), Confidence.HIGH,
                c.name() + " was deleted before its expiry date " + History.day(expiry.get()) + " (" + state.wireName()
                        + " since " + since + "): someone deleted it on purpose or by mistake; ask the registrar.",
                List.of(c.name() + " (" + state.wireName() + " before expiry)"),
                c.evidence("expires: " + expiry.get(), "in " + state.wireName() + " since: " + since)));
    }

    private Optional<Finding> unknownTooLong(RuleInput in) {
        if (in.entry().lifecycle() == Lifecycle.DECOMMISSIONED) {
            return Optional.empty();
        }
        Instant since = History.unknownSince(in.current(), in.earlier());
        Duration unknownFor = Duration.between(since, in.now());
        if (unknownFor.compareTo(settings.unknownAlertAfter()) < 0) {
            return Optional.empty();
        }
        Registration reg = in.current().registration();
        String name = in.entry().name().display();
        Severity severity = in.entry().lifecycle() == Lifecycle.DEFENSIVE ? Severity.LOW : Severity.MEDIUM;
        return Optional.of(new Finding(RuleIds.UNKNOWN_TOO_LONG, in.entry().name(), severity, Confidence.HIGH,
                "No usable registry answer for " + name + " since " + since + " (" + unknownFor.toDays()
                        + " d); its state cannot be watched until the registry answers (last: " + reg.reason() + ").",
                List.of(name + " (" + reg.state().wireName() + ")"),
                List.of(in.current().evidenceLabel(), "state: " + reg.state().wireName(), "reason: " + reg.reason(),
                        "unknown since: " + since)));
    }

    private Optional<Finding> legacyReferenced(Context c) {
        Lifecycle lifecycle = c.lifecycle();
        List<Reference> refs = c.in().references();
        if ((lifecycle != Lifecycle.RETIRED && lifecycle != Lifecycle.DECOMMISSIONED) || refs.isEmpty()) {
            return Optional.empty();
        }
        Registration reg = c.reg();
        String condition;
        Severity severity;
        if (c.reRegistration().isPresent() && !matchesExpectedControl(c.in().entry(), reg)) {
            condition = "it has been registered by someone else";
            severity = Severity.CRITICAL;
        } else if (reg.state() == RegistrationState.AVAILABLE) {
            condition = "it is free for anyone to register";
            severity = Severity.CRITICAL;
        } else if (reg.state().isEnding() || c.autoRenew().isPresent()) {
            condition = "it is in " + (c.autoRenew().isPresent() ? "auto-renew grace" : reg.state().wireName().replace('_', ' '));
            severity = Severity.CRITICAL;
        } else if (reg.expires() != null && Duration.between(c.in().now(), reg.expires()).toDays() < settings.nearExpiryDays()) {
            condition = "it expires on " + History.day(reg.expires());
            severity = Severity.CRITICAL;
        } else if (reg.state() == RegistrationState.REGISTERED) {
            condition = "it is registered" + (reg.expires() == null ? " (no public expiry date)" : " until " + History.day(reg.expires()));
            severity = Severity.MEDIUM;
        } else {
            condition = "the registry reports it " + reg.state().wireName();
            severity = Severity.MEDIUM;
        }
        long mail = refs.stream().filter(r -> r.kind() == Reference.Kind.MAIL).count();
        long dns = refs.size() - mail;
        List<String> chain = new ArrayList<>(refs.stream().map(Reference::chainLink).toList());
        chain.add(c.name() + " (" + lifecycle.wireName() + ", " + reg.state().wireName() + ")");
        List<String> evidence = new ArrayList<>(c.evidence(c.pnrFact()));
        refs.forEach(r -> evidence.add(r.chainLink()));
        return Optional.of(c.finding(RuleIds.LEGACY_REFERENCED, severity, Confidence.HIGH,
                lifecycle.wireName().substring(0, 1).toUpperCase(Locale.ROOT) + lifecycle.wireName().substring(1) + " "
                        + c.name() + " is still used (" + dns + " DNS reference" + (dns == 1 ? "" : "s") + ", " + mail
                        + " mail exposure" + (mail == 1 ? "" : "s") + ") while " + condition
                        + "; move those uses to " + (c.in().entry().replacement() == null ? "a domain you control"
                        : c.in().entry().replacement().display()) + " before it is lost.",
                chain, evidence));
    }
}
