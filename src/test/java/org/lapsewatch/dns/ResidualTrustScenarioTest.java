package org.lapsewatch.dns;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.RegistrationState;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;
import org.lapsewatch.rules.ZoneFacts;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Type;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every residual-trust rule against the simulated internet ({@code dns/residual-trust.yml}),
 * walking the delegation from the simulated root: one zone per rule that must fire with the exact
 * rule, severity and trigger chain, and per rule a near miss that must not fire it.
 */
class ResidualTrustScenarioTest {
    private static Simulation sim;
    private static DnsSettings settings;
    private static FakeRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulation.start(Scenario.load(Path.of(ResidualTrustScenarioTest.class.getResource("/dns/residual-trust.yml").toURI())));
        LapsewatchConfig base = new LapsewatchConfig(null, null, null, null, null,
                // 1.5 s, not less: on a loaded CI machine a shorter wait turns slow answers into unknowns and
                // scenarios into silence; only the deliberately timing-out vendor pays it.
                new DnsSettings(null, null, Duration.ofMillis(1500), 0, 16, null, null, null), null, null, null, null);
        settings = sim.configure(base).dns().withZoneSources(Map.of(),
                Map.of("mtasts.nl", List.of("*.deadsts.com"), "mtastsok.nl", List.of("*.hoster.nl")));
        registry = new FakeRegistry(sim.clock().instant());
        for (String dead : List.of("oldvendor.com", "deadnsprovider.com", "deadspf.com", "deaddkim.com", "deadreports.com",
                "deadmail.com", "deadshop.com", "deadwild.com", "deadsrv.com", "deadsts.com", "deadforensic.com", "deadcaa.com",
                "deadv6.com")) {
            registry.state(dead, RegistrationState.AVAILABLE);
        }
        registry.state("pendingvendor.com", RegistrationState.PENDING_DELETE);
        registry.expires("expiringvendor.com", sim.clock().instant().plus(Duration.ofDays(10)));
        registry.expires("renewedvendor.com", sim.clock().instant().plus(Duration.ofDays(45)));
        // our own domains: were they ever asked about, these answers would raise findings
        registry.state("ownns.nl", RegistrationState.AVAILABLE);
        registry.state("ownlapsing.nl", RegistrationState.PENDING_DELETE);
        registry.state("timeoutvendor.com", RegistrationState.UNKNOWN);
        sim.faults().dns(Fault.timeout().forDomain("timeoutvendor.com"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static List<Finding> check(InventoryEntry... inventory) {
        Resolver resolver = Resolver.from(settings);
        assertThat(resolver.iterative()).isTrue();
        return new ResidualTrustCheck(settings, resolver, registry, ResidualTrustCheck.bundledProviders(), sim.clock())
                .check(List.of(inventory)).findings();
    }

    private static List<Finding> check(String activeDomain) {
        return check(active(activeDomain));
    }

    private static InventoryEntry active(String d) {
        return InventoryEntry.of(DomainName.parse(d), Lifecycle.ACTIVE);
    }

    private static List<Finding> withRule(List<Finding> findings, String rule) {
        return findings.stream().filter(f -> f.rule().equals(rule)).toList();
    }

    private static void assertOnly(List<Finding> findings, String rule, Severity severity, String... chain) {
        assertThat(findings).as("findings: %s", findings).hasSize(1);
        Finding f = findings.getFirst();
        assertThat(f.rule()).isEqualTo(rule);
        assertThat(f.severity()).isEqualTo(severity);
        assertThat(f.triggerChain()).containsExactly(chain);
    }

    @Test
    void mx_target_at_an_unregistered_domain_is_critical_with_its_trigger_chain() {
        assertOnly(check("mxdead.nl"), RuleIds.MX_TARGET_UNREGISTERED, Severity.CRITICAL,
                "mxdead.nl MX", "mx1.oldvendor.com", "oldvendor.com (unregistered)");
    }

    @Test
    void mx_target_in_pending_delete_is_lapsing() {
        assertOnly(check("mxlapsing.nl"), RuleIds.MX_TARGET_LAPSING, Severity.HIGH,
                "mxlapsing.nl MX", "mx1.pendingvendor.com", "pendingvendor.com (pending delete)");
    }

    @Test
    void mx_target_expiring_within_30_days_is_lapsing() {
        List<Finding> findings = check("mxexpiring.nl");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleIds.MX_TARGET_LAPSING);
            assertThat(f.triggerChain().getLast()).startsWith("expiringvendor.com (expires 2026-03-11");
        });
    }

    @Test
    void mx_target_that_does_not_exist_is_reported() {
        assertOnly(check("mxnx.nl"), RuleIds.MX_TARGET_NXDOMAIN, Severity.MEDIUM,
                "mxnx.nl MX", "gone.hoster.nl", "gone.hoster.nl (NXDOMAIN)");
    }

    @Test
    void nameserver_at_an_unregistered_domain_is_critical() {
        assertOnly(withRule(check("nsdead.nl"), RuleIds.NS_TARGET_UNREGISTERED), RuleIds.NS_TARGET_UNREGISTERED,
                Severity.CRITICAL, "nsdead.nl NS", "ns.deadnsprovider.com", "deadnsprovider.com (unregistered)");
    }

    @Test
    void nameserver_at_a_lapsing_domain_is_high() {
        assertOnly(withRule(check("nslapsing.nl"), RuleIds.NS_TARGET_LAPSING), RuleIds.NS_TARGET_LAPSING, Severity.HIGH,
                "nslapsing.nl NS", "ns1.pendingvendor.com", "pendingvendor.com (pending delete)");
    }

    @Test
    void spf_include_of_an_unregistered_domain_is_critical_and_its_void_lookup_is_counted() {
        List<Finding> findings = check("spfdead.nl");
        assertOnly(withRule(findings, RuleIds.SPF_TARGET_UNREGISTERED), RuleIds.SPF_TARGET_UNREGISTERED, Severity.CRITICAL,
                "spfdead.nl SPF", "include:_spf.deadspf.com", "deadspf.com (unregistered)");
        assertOnly(withRule(findings, RuleIds.SPF_VOID_LOOKUPS), RuleIds.SPF_VOID_LOOKUPS, Severity.LOW,
                "spfdead.nl SPF", "_spf.deadspf.com");
    }

    @Test
    void more_than_two_void_spf_lookups_is_a_permerror() {
        assertOnly(check("spfvoid.nl"), RuleIds.SPF_VOID_LOOKUPS, Severity.MEDIUM,
                "spfvoid.nl SPF", "old1.hoster.nl, old2.hoster.nl, old3.hoster.nl");
    }

    @Test
    void more_than_ten_spf_lookups_is_a_permerror() {
        assertOnly(check("spfmany.nl"), RuleIds.SPF_TOO_MANY_LOOKUPS, Severity.MEDIUM, "spfmany.nl SPF");
    }

    @Test
    void dkim_selector_cname_to_an_unregistered_domain_is_critical() {
        assertOnly(check("dkimdead.nl"), RuleIds.DKIM_TARGET_UNREGISTERED, Severity.CRITICAL,
                "selector1._domainkey.dkimdead.nl CNAME", "selector1._domainkey.deaddkim.com", "deaddkim.com (unregistered)");
    }

    @Test
    void dkim_selector_cname_to_a_domain_in_pending_delete_is_lapsing() {
        assertOnly(check("dkimlapsing.nl"), RuleIds.DKIM_TARGET_LAPSING, Severity.HIGH,
                "selector1._domainkey.dkimlapsing.nl CNAME", "selector1._domainkey.pendingvendor.com",
                "pendingvendor.com (pending delete)");
    }

    @Test
    void dmarc_reports_to_an_unregistered_domain_are_high_for_aggregate_and_critical_for_failure_reports() {
        List<Finding> findings = check("dmarcdead.nl");
        assertThat(findings).extracting(Finding::rule).containsOnly(RuleIds.DMARC_REPORT_DOMAIN_UNREGISTERED);
        assertThat(findings).extracting(Finding::severity, Finding::triggerChain).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Severity.HIGH, List.of("_dmarc.dmarcdead.nl rua", "mailto:…@deadreports.com",
                        "deadreports.com (unregistered)")),
                org.assertj.core.groups.Tuple.tuple(Severity.CRITICAL, List.of("_dmarc.dmarcdead.nl ruf", "mailto:…@deadforensic.com",
                        "deadforensic.com (unregistered)")));
    }

    @Test
    void caa_iodef_address_at_an_unregistered_domain() {
        assertOnly(check("caadead.nl"), RuleIds.CAA_IODEF_UNREGISTERED, Severity.MEDIUM,
                "caadead.nl CAA iodef", "mailto:security@deadcaa.com", "deadcaa.com (unregistered)");
    }

    @Test
    void a_registry_saying_available_while_the_tld_still_delegates_is_unverified_not_unregistered() {
        FakeRegistry confused = new FakeRegistry(sim.clock().instant()).state("hoster.nl", RegistrationState.AVAILABLE);
        List<Finding> findings = new ResidualTrustCheck(settings, Resolver.from(settings), confused,
                ResidualTrustCheck.bundledProviders(), sim.clock()).check(List.of(active("mxok.nl"))).findings();
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleIds.TARGET_UNVERIFIED);
            assertThat(f.severity()).isEqualTo(Severity.INFO);
            assertThat(f.triggerChain().getLast())
                    .isEqualTo("hoster.nl (could not verify: registry says available but the TLD still delegates it)");
        });
    }

    @Test
    void cname_to_an_unregistered_domain_is_critical_for_mail_names_and_high_otherwise() {
        List<Finding> findings = withRule(check("cnamedead.nl"), RuleIds.CNAME_TARGET_UNREGISTERED);
        assertThat(findings).extracting(Finding::severity, Finding::triggerChain).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Severity.CRITICAL, List.of("autodiscover.cnamedead.nl CNAME",
                        "autodiscover.deadmail.com", "deadmail.com (unregistered)")),
                org.assertj.core.groups.Tuple.tuple(Severity.HIGH, List.of("www.cnamedead.nl CNAME", "shop.deadshop.com",
                        "deadshop.com (unregistered)")));
    }

    @Test
    void wildcard_cname_to_a_name_that_does_not_exist_dangles() {
        assertOnly(check("wildcard.nl"), RuleIds.WILDCARD_DANGLING, Severity.MEDIUM,
                "*.wildcard.nl CNAME", "gone.hoster.nl", "gone.hoster.nl (NXDOMAIN)");
    }

    @Test
    void wildcard_cname_to_an_unregistered_domain_is_critical() {
        assertOnly(check("wildcarddead.nl"), RuleIds.WILDCARD_DANGLING, Severity.CRITICAL,
                "*.wildcarddead.nl CNAME", "sites.deadwild.com", "deadwild.com (unregistered)");
    }

    @Test
    void srv_target_unregistered_is_critical_for_autodiscover_and_high_for_imaps() {
        List<Finding> findings = check("srvdead.nl");
        assertThat(findings).extracting(Finding::rule).containsOnly(RuleIds.SRV_TARGET_UNREGISTERED);
        assertThat(findings).extracting(Finding::severity, Finding::triggerChain).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Severity.CRITICAL, List.of("_autodiscover._tcp.srvdead.nl SRV",
                        "autodiscover.deadsrv.com", "deadsrv.com (unregistered)")),
                org.assertj.core.groups.Tuple.tuple(Severity.HIGH, List.of("_imaps._tcp.srvdead.nl SRV",
                        "imap.deadsrv.com", "deadsrv.com (unregistered)")));
    }

    @Test
    void configured_mta_sts_mx_pattern_at_an_unregistered_domain() {
        assertOnly(check("mtasts.nl"), RuleIds.MTA_STS_MX_UNREGISTERED, Severity.HIGH,
                "mta-sts.mtasts.nl policy mx (configured)", "*.deadsts.com", "deadsts.com (unregistered)");
    }

    @Test
    void parent_and_child_nameserver_sets_that_differ() {
        List<Finding> findings = check("mismatch.nl");
        assertOnly(findings, RuleIds.NS_PARENT_CHILD_MISMATCH, Severity.MEDIUM, "mismatch.nl NS (parent)", "mismatch.nl NS (zone)");
        assertThat(findings.getFirst().evidence()).containsExactly("only at the parent: [ns2.hoster.nl]",
                "only in the zone: [ns3.hoster.nl]");
    }

    @Test
    void lame_delegation_to_a_claimable_provider_on_every_nameserver_is_critical() {
        List<Finding> findings = check("lame.nl");
        assertThat(findings).extracting(Finding::rule).containsOnly(RuleIds.LAME_DELEGATION);
        assertThat(findings).extracting(Finding::severity).containsOnly(Severity.CRITICAL);
        assertThat(findings).extracting(f -> f.triggerChain().getLast()).satisfiesExactlyInAnyOrder(
                last -> assertThat(last).matches("ns1\\.digitalocean\\.com \\(lame: REFUSED without AA from 127\\.0\\.3\\.\\d+\\)"),
                last -> assertThat(last).matches("ns2\\.digitalocean\\.com \\(lame: REFUSED without AA from 127\\.0\\.3\\.\\d+\\)"));
    }

    @Test
    void lame_delegation_to_a_claimable_provider_beside_a_working_one_is_high() {
        List<Finding> findings = check("lamepartial.nl");
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleIds.LAME_DELEGATION);
            assertThat(f.severity()).isEqualTo(Severity.HIGH);
            assertThat(f.triggerChain().getLast()).startsWith("ns1.digitalocean.com (lame: REFUSED");
        });
    }

    @Test
    void lame_delegation_to_a_provider_not_in_the_table_is_medium() {
        assertThat(check("lameother.nl")).singleElement().satisfies(f -> {
            assertThat(f.rule()).isEqualTo(RuleIds.LAME_DELEGATION);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.triggerChain()).first().isEqualTo("lameother.nl NS");
        });
    }

    @Test
    void retired_domain_without_hardening_gets_one_finding_per_missing_record() {
        List<Finding> findings = check(InventoryEntry.of(DomainName.parse("oldbrand.nl"), Lifecycle.RETIRED), active("mxok.nl"));
        assertThat(findings).extracting(Finding::rule).containsOnly(RuleIds.HARDENING_MISSING);
        assertThat(findings).extracting(f -> f.triggerChain().getLast()).containsExactlyInAnyOrder(
                "oldbrand.nl. IN MX 0 .",
                "oldbrand.nl. IN TXT \"v=spf1 -all\"",
                "_dmarc.oldbrand.nl. IN TXT \"v=DMARC1; p=reject; rua=mailto:dmarc-reports@mxok.nl\"");
    }


    @Test
    void ipv6_only_names_resolve_and_their_cname_to_an_unregistered_domain_is_found() {
        Resolver resolver = Resolver.from(settings);
        assertThat(resolver.lookup("www.v6only.nl", Type.AAAA)).as("the simulated DNS serves AAAA")
                .isInstanceOfSatisfying(Answer.Records.class, r -> assertThat(r.records()).singleElement()
                        .isInstanceOfSatisfying(AAAARecord.class, aaaa -> assertThat(aaaa.getAddress().getHostAddress())
                                .isEqualTo("2001:db8:0:0:0:0:0:80")));
        assertThat(resolver.lookup("www.v6only.nl", Type.A)).isInstanceOf(Answer.NoData.class);

        ZoneFacts facts = new ZoneWalks(settings, resolver).walk(active("v6only.nl"));
        assertThat(facts.references()).filteredOn(r -> r.target().equals("mx6.hoster.nl"))
                .extracting(DnsReference::describe, DnsReference::resolution)
                .containsExactlyInAnyOrder(
                        tuple("v6only.nl MX → mx6.hoster.nl", DnsReference.Resolution.RESOLVES),
                        tuple("mail.v6only.nl CNAME → mx6.hoster.nl", DnsReference.Resolution.RESOLVES));
        assertOnly(check("v6only.nl"), RuleIds.CNAME_TARGET_UNREGISTERED, Severity.CRITICAL,
                "autodiscover.v6only.nl CNAME", "autodiscover.deadv6.com", "deadv6.com (unregistered)");
    }

    /**
     * A zone that comes close to firing {@code rule} and must not: the near miss says why.
     *
     * @param unverifiedChainStart where the target could not be verified (a timeout), the first step of
     *                             the one {@code dns.target-unverified} finding expected; null when nothing may be found
     */
    record NearMiss(String rule, String nearMiss, List<InventoryEntry> inventory, String unverifiedChainStart) {
        @Override
        public String toString() {
            return rule + ": " + nearMiss;
        }
    }

    private static NearMiss nothing(String rule, String nearMiss, InventoryEntry... inventory) {
        return new NearMiss(rule, nearMiss, List.of(inventory), null);
    }

    static List<NearMiss> nearMisses() {
        InventoryEntry retired = InventoryEntry.of(DomainName.parse("hardened.nl"), Lifecycle.RETIRED);
        return List.of(
                nothing(RuleIds.NS_TARGET_UNREGISTERED, "nameserver in our own domain ownns.nl (nsown.nl)",
                        active("nsown.nl"), active("ownns.nl")),
                nothing(RuleIds.NS_TARGET_LAPSING, "nameserver domain expiring in 45 days, outside the 30-day window (nsrenewed.nl)",
                        active("nsrenewed.nl")),
                new NearMiss(RuleIds.MX_TARGET_UNREGISTERED, "MX host whose DNS and registry time out: unverified (slowvendor.nl)",
                        List.of(active("slowvendor.nl")), "slowvendor.nl MX"),
                nothing(RuleIds.MX_TARGET_LAPSING, "MX host in our own domain in pending delete (mxown.nl)",
                        active("mxown.nl"), active("ownlapsing.nl")),
                nothing(RuleIds.MX_TARGET_NXDOMAIN, "null MX, which points nowhere on purpose (mxnull.nl)", active("mxnull.nl")),
                new NearMiss(RuleIds.SPF_TARGET_UNREGISTERED, "SPF include whose DNS and registry time out: unverified (spfslow.nl)",
                        List.of(active("spfslow.nl")), "spfslow.nl SPF"),
                nothing(RuleIds.SPF_TARGET_LAPSING, "SPF include of a domain expiring in 45 days (spfrenewed.nl)", active("spfrenewed.nl")),
                nothing(RuleIds.SPF_VOID_LOOKUPS, "a: of an IPv6-only host, which is not void (spfv6.nl)", active("spfv6.nl")),
                nothing(RuleIds.SPF_TOO_MANY_LOOKUPS, "exactly the 10 lookups allowed (spften.nl)", active("spften.nl")),
                nothing(RuleIds.DKIM_TARGET_UNREGISTERED, "selector CNAME to a registered provider (dkimok.nl)", active("dkimok.nl")),
                new NearMiss(RuleIds.DKIM_TARGET_LAPSING, "selector CNAME whose target times out: unverified (dkimslow.nl)",
                        List.of(active("dkimslow.nl")), "selector1._domainkey.dkimslow.nl CNAME"),
                nothing(RuleIds.DMARC_REPORT_DOMAIN_UNREGISTERED, "rua at a registered vendor, ruf at our own domain (dmarcok.nl)",
                        active("dmarcok.nl")),
                nothing(RuleIds.CNAME_TARGET_UNREGISTERED, "CNAME to a name gone from a registered domain (cnamegone.nl)",
                        active("cnamegone.nl")),
                nothing(RuleIds.CNAME_TARGET_UNREGISTERED, "MX and autodiscover CNAME into our own domain (ownref.nl)",
                        active("ownref.nl"), active("mxok.nl")),
                nothing(RuleIds.WILDCARD_DANGLING, "wildcard CNAME to a host that exists (wildcardok.nl)", active("wildcardok.nl")),
                nothing(RuleIds.SRV_TARGET_UNREGISTERED, "SRV target \".\": service not offered (srvnone.nl)", active("srvnone.nl")),
                nothing(RuleIds.MTA_STS_MX_UNREGISTERED, "configured mx pattern in a registered domain (mtastsok.nl)", active("mtastsok.nl")),
                nothing(RuleIds.CAA_IODEF_UNREGISTERED, "iodef address in the zone's own domain (caaown.nl)", active("caaown.nl")),
                nothing(RuleIds.LAME_DELEGATION, "lame at a provider that verifies ownership (lamecf.nl)", active("lamecf.nl")),
                nothing(RuleIds.NS_PARENT_CHILD_MISMATCH, "the zone's NS set equals the parent's, in another order and case (nsmatch.nl)",
                        active("nsmatch.nl")),
                nothing(RuleIds.HARDENING_MISSING, "retired domain with null MX, -all SPF and DMARC reject to us (hardened.nl)",
                        retired, active("mxok.nl")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearMisses")
    void a_near_miss_does_not_fire_its_rule(NearMiss nearMiss) {
        List<Finding> findings = check(nearMiss.inventory().toArray(InventoryEntry[]::new));

        assertThat(withRule(findings, nearMiss.rule())).as("findings: %s", findings).isEmpty();
        if (nearMiss.unverifiedChainStart() == null) {
            assertThat(findings).isEmpty();
        } else {
            assertThat(findings).singleElement().satisfies(f -> {
                assertThat(f.rule()).isEqualTo(RuleIds.TARGET_UNVERIFIED);
                assertThat(f.severity()).isEqualTo(Severity.INFO);
                assertThat(f.triggerChain()).first().isEqualTo(nearMiss.unverifiedChainStart());
            });
        }
        assertThat(registry.asked).as("our own domains are never looked up as targets")
                .doesNotContainKeys(nearMiss.inventory().stream().map(e -> e.name().ascii()).toArray(String[]::new));
    }
}
