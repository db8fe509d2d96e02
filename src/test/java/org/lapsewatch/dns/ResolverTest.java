package org.lapsewatch.dns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lapsewatch.sim.Fault;
import org.lapsewatch.sim.Scenario;
import org.lapsewatch.sim.Simulation;
import org.xbill.DNS.Type;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The resolver in both modes against the simulated root, TLDs, zones and recursive resolver. */
class ResolverTest {
    private static Simulation sim;

    @BeforeAll
    static void start() throws Exception {
        sim = Simulation.start(Scenario.load(Path.of(ResolverTest.class.getResource("/dns/residual-trust.yml").toURI())));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @AfterEach
    void clearFaults() {
        sim.faults().clear();
    }

    private static Resolver iterative(int concurrency) {
        return new Resolver(new DnsTransport(Duration.ofMillis(300), 1, concurrency), List.of(), List.of(sim.root()), sim.dnsPort());
    }

    private static Resolver recursive() {
        return new Resolver(new DnsTransport(Duration.ofMillis(300), 1, 4), List.of(sim.resolver()), List.of(), sim.dnsPort());
    }

    @Test
    void both_modes_tell_records_nxdomain_and_nodata_apart() {
        for (Resolver resolver : List.of(iterative(4), recursive())) {
            assertThat(resolver.lookup("mx.hoster.nl", Type.A)).isInstanceOfSatisfying(Answer.Records.class,
                    r -> assertThat(r.records()).hasSize(1));
            assertThat(resolver.lookup("gone.hoster.nl", Type.A)).isEqualTo(new Answer.NxDomain(List.of("gone.hoster.nl")));
            assertThat(resolver.lookup("mx.hoster.nl", Type.MX)).isEqualTo(new Answer.NoData(List.of("mx.hoster.nl")));
            assertThat(resolver.lookup("oldvendor.com", Type.A)).isInstanceOf(Answer.NxDomain.class);
        }
    }

    @Test
    void cname_chains_that_leave_the_zone_are_followed_to_their_end() {
        for (Resolver resolver : List.of(iterative(4), recursive())) {
            assertThat(resolver.lookup("mail.mxok.nl", Type.A)).isInstanceOfSatisfying(Answer.Records.class,
                    r -> assertThat(r.cnameChain()).containsExactly("mail.mxok.nl", "mx.hoster.nl"));
            assertThat(resolver.lookup("www.cnamedead.nl", Type.A))
                    .isEqualTo(new Answer.NxDomain(List.of("www.cnamedead.nl", "shop.deadshop.com")));
        }
    }

    @Test
    void servfail_and_timeouts_are_unknown_never_nxdomain() {
        sim.faults().dns(Fault.serverError(500).forDomain("hoster.nl"));
        assertThat(recursive().lookup("gone.hoster.nl", Type.A)).isInstanceOfSatisfying(Answer.Unknown.class,
                u -> assertThat(u.reason()).contains("SERVFAIL"));
        sim.faults().clear();
        sim.faults().dns(Fault.timeout().forDomain("hoster.nl"));
        assertThat(iterative(4).lookup("gone.hoster.nl", Type.A)).isInstanceOfSatisfying(Answer.Unknown.class,
                u -> assertThat(u.reason()).contains("no reply").contains("after 2 attempt(s) of 300 ms"));
    }

    @Test
    void a_refusing_nameserver_is_skipped_for_the_next_one() {
        // ns1.digitalocean.com refuses lamepartial.nl; ns1.hoster.nl answers
        assertThat(iterative(4).lookup("lamepartial.nl", Type.SOA)).isInstanceOf(Answer.Records.class);
        // every server refuses: unknown, with each refusal named
        assertThat(iterative(4).lookup("lame.nl", Type.SOA)).isInstanceOfSatisfying(Answer.Unknown.class,
                u -> assertThat(u.reason()).contains("REFUSED from 127.0.3."));
    }

    @Test
    void truncated_udp_answers_are_retried_over_tcp() {
        DnsTransport transport = new DnsTransport(Duration.ofMillis(500), 0, 4);
        Resolver resolver = new Resolver(transport, List.of(), List.of(sim.root()), sim.dnsPort());
        assertThat(resolver.lookup("bigtxt.nl", Type.TXT)).isInstanceOfSatisfying(Answer.Records.class,
                r -> assertThat(r.records()).hasSize(24));
        // root referral, nl referral, UDP (truncated: over dnsjava's 1280-byte EDNS size), TCP
        assertThat(transport.queriesAnswered()).isEqualTo(4);
    }

    @Test
    void never_more_queries_in_flight_than_the_bound() throws Exception {
        sim.faults().dns(Fault.latency(Duration.ofMillis(20)));
        Resolver resolver = iterative(3);
        List<Future<Answer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 24; i++) {
                answers.add(pool.submit(() -> resolver.lookup("mx.hoster.nl", Type.A)));
            }
        }
        for (Future<Answer> a : answers) {
            assertThat(a.get()).isInstanceOf(Answer.Records.class);
        }
        assertThat(resolver.transport().peakInFlight()).isEqualTo(3);
    }

    @Test
    void iterative_mode_shows_what_the_parent_delegates() {
        assertThat(iterative(4).delegation("mismatch.nl")).isInstanceOfSatisfying(Delegation.Delegated.class, d -> {
            assertThat(d.parentZone()).isEqualTo("nl");
            assertThat(d.nameservers()).containsExactly("ns1.hoster.nl", "ns2.hoster.nl");
            assertThat(d.fromParent()).isTrue();
        });
        assertThat(iterative(4).delegation("oldvendor.com")).isEqualTo(new Delegation.NotDelegated("com"));
        // a recursive resolver returns the zone's own NS set, which hides the parent's
        assertThat(recursive().delegation("mismatch.nl")).isInstanceOfSatisfying(Delegation.Delegated.class, d -> {
            assertThat(d.nameservers()).containsExactly("ns1.hoster.nl", "ns3.hoster.nl");
            assertThat(d.fromParent()).isFalse();
        });
    }
}
