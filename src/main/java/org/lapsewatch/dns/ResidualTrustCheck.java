package org.lapsewatch.dns;

import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Registration;
import org.lapsewatch.registration.RegistrationLookup;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.NameserverProviders;
import org.lapsewatch.rules.ResidualTrustRules;
import org.lapsewatch.rules.TargetEvidence;
import org.lapsewatch.rules.ZoneFacts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The residual-trust check of an inventory: walks each active and retired zone, reduces every
 * name it points at to its registrable domain, gathers the two sources for each domain that is
 * not ours (the registration engine and the TLD's servers), and runs {@link ResidualTrustRules}.
 */
public final class ResidualTrustCheck {
    private static final String PROVIDERS_RESOURCE = "nameserver-providers.txt";

    /** What one run saw and concluded. */
    public record Result(List<ZoneFacts> zones, Map<DomainName, TargetEvidence> evidence, List<Finding> findings) {
    }

    private final ZoneWalks zoneWalks;
    private final Resolver resolver;
    private final RegistrationLookup registrations;
    private final NameserverProviders providers;
    private final Clock clock;

    public ResidualTrustCheck(DnsSettings settings, Resolver resolver, RegistrationLookup registrations,
                              NameserverProviders providers, Clock clock) {
        this.zoneWalks = new ZoneWalks(settings, resolver);
        this.resolver = resolver;
        this.registrations = registrations;
        this.providers = providers;
        this.clock = clock;
    }

    /** The provider table shipped with Lapsewatch ({@code nameserver-providers.txt}). */
    public static NameserverProviders bundledProviders() {
        try (InputStream in = ResidualTrustCheck.class.getResourceAsStream(PROVIDERS_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + PROVIDERS_RESOURCE + " is missing from the build");
            }
            return NameserverProviders.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), PROVIDERS_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Result check(List<InventoryEntry> inventory) {
        Set<DomainName> own = inventory.stream().map(InventoryEntry::name).collect(Collectors.toSet());
        Set<DomainName> active = inventory.stream().filter(e -> e.lifecycle() == Lifecycle.ACTIVE)
                .map(InventoryEntry::name).collect(Collectors.toSet());
        ResidualTrustRules rules = new ResidualTrustRules(own, active, providers);
        List<InventoryEntry> zones = inventory.stream()
                .filter(e -> e.lifecycle() == Lifecycle.ACTIVE || e.lifecycle() == Lifecycle.RETIRED).toList();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ZoneFacts>> walks = new ArrayList<>();
            for (InventoryEntry entry : zones) {
                walks.add(pool.submit(() -> zoneWalks.walk(entry)));
            }
            List<ZoneFacts> facts = walks.stream().map(ResidualTrustCheck::get).toList();
            Set<DomainName> targets = new TreeSet<>();
            facts.forEach(f -> targets.addAll(rules.targetsToCheck(f)));
            Map<DomainName, Future<TargetEvidence>> pending = new LinkedHashMap<>();
            for (DomainName target : targets) {
                pending.put(target, pool.submit(() -> evidenceFor(target)));
            }
            Map<DomainName, TargetEvidence> evidence = new LinkedHashMap<>();
            pending.forEach((d, f) -> evidence.put(d, get(f)));
            List<Finding> findings = new ArrayList<>();
            facts.forEach(f -> findings.addAll(rules.evaluate(f, evidence, clock.instant())));
            return new Result(facts, evidence, findings);
        }
    }

    private TargetEvidence evidenceFor(DomainName domain) {
        Registration registration = registrations.lookup(domain);
        return switch (resolver.delegation(domain.ascii())) {
            case Delegation.Delegated d -> new TargetEvidence(domain, registration, TargetEvidence.TldAnswer.DELEGATED, null);
            case Delegation.NotDelegated n -> new TargetEvidence(domain, registration, TargetEvidence.TldAnswer.NXDOMAIN,
                    resolver.iterative() ? "NXDOMAIN at the servers of ." + n.parentZone() : "NXDOMAIN from the recursive resolver");
            case Delegation.Unknown u -> new TargetEvidence(domain, registration, TargetEvidence.TldAnswer.UNKNOWN, u.reason());
        };
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a residual-trust check", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }
}
