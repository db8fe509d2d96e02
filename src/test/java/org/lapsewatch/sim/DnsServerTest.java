package org.lapsewatch.sim;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DSRecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The nameserver tree and the resolver, queried with dnsjava over UDP and TCP. */
class DnsServerTest {
    private static Simulation sim;

    @BeforeAll
    static void start() {
        sim = Simulation.start(Clients.testScenario("mixed"));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void resolver_answers_recursively_over_udp() throws Exception {
        Message answer = Clients.query(sim.resolver(), "oldagency.nl", Type.MX);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(answer.getHeader().getFlag(Flags.RA)).isTrue();
        assertThat(answer.getHeader().getFlag(Flags.AA)).isFalse();
        MXRecord mx = (MXRecord) answer.getSection(Section.ANSWER).getFirst();
        assertThat(mx.getTarget()).isEqualTo(Name.fromConstantString("mail.oldagency.nl."));
    }

    @Test
    void resolver_answers_over_tcp() throws Exception {
        SimpleResolver resolver = Clients.resolver(sim.resolver());
        resolver.setTCP(true);

        Message answer = resolver.send(Clients.question("mail.oldagency.nl", Type.A));

        assertThat(((ARecord) answer.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress()).isEqualTo("192.0.2.25");
    }

    @Test
    void resolver_follows_cnames_across_zones() throws Exception {
        Message answer = Clients.query(sim.resolver(), "www.bigtxt.com", Type.A);

        List<Record> records = answer.getSection(Section.ANSWER);
        assertThat(records).hasSize(3);
        assertThat(((CNAMERecord) records.get(0)).getTarget()).isEqualTo(Name.fromConstantString("www.oldagency.nl."));
        assertThat(((CNAMERecord) records.get(1)).getTarget()).isEqualTo(Name.fromConstantString("oldagency.nl."));
        assertThat(((ARecord) records.get(2)).getAddress().getHostAddress()).isEqualTo("192.0.2.80");
    }

    @Test
    void aaaa_records_are_served_and_an_ipv6_only_name_has_no_a() throws Exception {
        Message both = Clients.query(sim.resolver(), "mail.oldagency.nl", Type.AAAA);
        assertThat(((AAAARecord) both.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress())
                .isEqualTo("2001:db8:0:0:0:0:0:25");

        InetSocketAddress tldServer = glue(Clients.query(sim.root(), "v6.oldagency.nl", Type.AAAA), "nl.");
        InetSocketAddress zoneServer = glue(Clients.query(tldServer, "v6.oldagency.nl", Type.AAAA), "oldagency.nl.");
        Message authoritative = Clients.query(zoneServer, "v6.oldagency.nl", Type.AAAA);
        assertThat(authoritative.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(authoritative.getSection(Section.ANSWER)).singleElement().isInstanceOf(AAAARecord.class);

        Message noA = Clients.query(sim.resolver(), "v6.oldagency.nl", Type.A);
        assertThat(noA.getRcode()).as("NODATA, not NXDOMAIN").isEqualTo(Rcode.NOERROR);
        assertThat(noA.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void wildcard_and_empty_non_terminal_and_nxdomain() throws Exception {
        Message wildcard = Clients.query(sim.resolver(), "anything.wild.oldagency.nl", Type.A);
        assertThat(((ARecord) wildcard.getSection(Section.ANSWER).getFirst()).getName())
                .isEqualTo(Name.fromConstantString("anything.wild.oldagency.nl."));

        Message emptyNonTerminal = Clients.query(sim.resolver(), "deep.oldagency.nl", Type.A);
        assertThat(emptyNonTerminal.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(emptyNonTerminal.getSection(Section.ANSWER)).isEmpty();

        Message missing = Clients.query(sim.resolver(), "nothere.oldagency.nl", Type.A);
        assertThat(missing.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(missing.getSection(Section.AUTHORITY).getFirst().getType()).isEqualTo(Type.SOA);
    }

    @Test
    void unregistered_name_is_nxdomain() throws Exception {
        assertThat(Clients.query(sim.resolver(), "never-registered.nl", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(Clients.query(sim.resolver(), "name.under-unknown-tld", Type.A).getRcode()).isEqualTo(Rcode.NXDOMAIN);
    }

    @Test
    void large_udp_answer_is_truncated_and_dnsjava_retries_over_tcp() throws Exception {
        Message query = Clients.question("bigtxt.com", Type.TXT);
        byte[] wire = query.toWire();
        byte[] reply = new byte[65_535];
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5_000);
            socket.send(new DatagramPacket(wire, wire.length, sim.resolver()));
            DatagramPacket packet = new DatagramPacket(reply, reply.length);
            socket.receive(packet);
            assertThat(packet.getLength()).isLessThanOrEqualTo(512);
            assertThat(new Message(java.util.Arrays.copyOf(reply, packet.getLength())).getHeader().getFlag(Flags.TC)).isTrue();
        }

        SimpleResolver resolver = Clients.resolver(sim.resolver());
        resolver.setEDNS(-1); // classic 512-byte limit
        long before = sim.faults().requests(Service.DNS);
        Message answer = resolver.send(query);

        assertThat(answer.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(answer.getSection(Section.ANSWER)).hasSize(8).allMatch(r -> r instanceof TXTRecord);
        assertThat(sim.faults().requests(Service.DNS) - before).as("one UDP try, one TCP retry").isEqualTo(2);
    }

    @Test
    void edns_client_gets_the_whole_answer_over_udp() throws Exception {
        SimpleResolver resolver = Clients.resolver(sim.resolver());
        resolver.setEDNS(0, 4096, 0, List.of());
        resolver.setIgnoreTruncation(true);

        Message answer = resolver.send(Clients.question("bigtxt.com", Type.TXT));

        assertThat(answer.getHeader().getFlag(Flags.TC)).isFalse();
        assertThat(answer.getSection(Section.ANSWER)).hasSize(8);
    }

    @Test
    void iterative_walk_from_the_root_using_glue() throws Exception {
        Message fromRoot = Clients.query(sim.root(), "www.oldagency.nl", Type.A);
        assertThat(fromRoot.getHeader().getFlag(Flags.AA)).isFalse();
        InetSocketAddress tldServer = glue(fromRoot, "nl.");

        Message fromTld = Clients.query(tldServer, "www.oldagency.nl", Type.A);
        assertThat(fromTld.getHeader().getFlag(Flags.AA)).isFalse();
        InetSocketAddress zoneServer = glue(fromTld, "oldagency.nl.");
        assertThat(zoneServer.getAddress().getHostAddress()).startsWith("127.0.3.");

        Message fromZone = Clients.query(zoneServer, "www.oldagency.nl", Type.A);
        assertThat(fromZone.getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(fromZone.getHeader().getFlag(Flags.RA)).isFalse();
        assertThat(fromZone.getSection(Section.ANSWER).getFirst().getType()).isEqualTo(Type.CNAME);
    }

    @Test
    void tld_server_says_nxdomain_for_an_unregistered_domain() throws Exception {
        InetSocketAddress tldServer = glue(Clients.query(sim.root(), "free.nl", Type.A), "nl.");

        Message answer = Clients.query(tldServer, "free.nl", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.NXDOMAIN);
        assertThat(answer.getHeader().getFlag(Flags.AA)).isTrue();
    }

    @Test
    void nameserver_refuses_a_zone_it_does_not_serve_so_the_delegation_is_lame() throws Exception {
        InetSocketAddress tldServer = glue(Clients.query(sim.root(), "lame.nl", Type.A), "nl.");
        InetSocketAddress delegated = glue(Clients.query(tldServer, "lame.nl", Type.A), "lame.nl.");

        Message answer = Clients.query(delegated, "lame.nl", Type.A);

        assertThat(answer.getRcode()).isEqualTo(Rcode.REFUSED);
        assertThat(Clients.query(delegated, "other.nl", Type.SOA).getHeader().getFlag(Flags.AA)).isTrue();
        assertThat(Clients.query(delegated, "ghost.nl", Type.SOA).getRcode()).as("listed but not in the scenario")
                .isEqualTo(Rcode.REFUSED);
        assertThat(Clients.query(sim.resolver(), "lame.nl", Type.A).getRcode()).as("no server answers")
                .isEqualTo(Rcode.SERVFAIL);
    }

    @Test
    void zone_server_answers_soa_and_ns_at_the_apex() throws Exception {
        InetSocketAddress zoneServer = new InetSocketAddress(
                ((ARecord) Clients.query(sim.resolver(), "ns1.hoster.nl", Type.A).getSection(Section.ANSWER).getFirst())
                        .getAddress(), sim.dnsPort());

        Message ns = Clients.query(zoneServer, "oldagency.nl", Type.NS);

        assertThat(ns.getSection(Section.ANSWER)).extracting(r -> ((NSRecord) r).getTarget().toString())
                .containsExactlyInAnyOrder("ns1.hoster.nl.", "ns2.hoster.nl.");
        assertThat(Clients.query(zoneServer, "oldagency.nl", Type.SOA).getSection(Section.ANSWER).getFirst().getType())
                .isEqualTo(Type.SOA);
    }

    @Test
    void parent_answers_ds_for_a_signed_delegation_only() throws Exception {
        Message signed = Clients.query(sim.resolver(), "oldagency.nl", Type.DS);
        assertThat(signed.getSection(Section.ANSWER)).singleElement().isInstanceOf(DSRecord.class);

        Message unsigned = Clients.query(sim.resolver(), "hoster.nl", Type.DS);
        assertThat(unsigned.getRcode()).isEqualTo(Rcode.NOERROR);
        assertThat(unsigned.getSection(Section.ANSWER)).isEmpty();
    }

    @Test
    void internationalized_domain_is_served_under_its_a_label() throws Exception {
        Message answer = Clients.query(sim.resolver(), "xn--bcher-kva.nl", Type.A);

        assertThat(((ARecord) answer.getSection(Section.ANSWER).getFirst()).getAddress().getHostAddress()).isEqualTo("192.0.2.55");
    }

    /** The address of the first NS for {@code zone} in a referral, from the glue, on the simulation's port. */
    private static InetSocketAddress glue(Message referral, String zone) {
        Name zoneName = Name.fromConstantString(zone);
        NSRecord ns = referral.getSection(Section.AUTHORITY).stream()
                .filter(r -> r instanceof NSRecord && r.getName().equals(zoneName)).map(r -> (NSRecord) r)
                .findFirst().orElseThrow(() -> new AssertionError("no referral to " + zone + " in\n" + referral));
        ARecord a = referral.getSection(Section.ADDITIONAL).stream()
                .filter(r -> r instanceof ARecord && r.getName().equals(ns.getTarget())).map(r -> (ARecord) r)
                .findFirst().orElseThrow(() -> new AssertionError("no glue for " + ns.getTarget() + " in\n" + referral));
        return new InetSocketAddress(a.getAddress(), sim.dnsPort());
    }
}
