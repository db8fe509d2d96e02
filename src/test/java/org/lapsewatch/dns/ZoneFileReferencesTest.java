package org.lapsewatch.dns;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.ReferenceKind;
import org.lapsewatch.rules.ZoneFacts;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** References read from a BIND zone file and from a zone transfer, without any other network. */
class ZoneFileReferencesTest {
    private static final DomainName EXAMPLE = DomainName.parse("example.nl");

    private static Path zoneFile() throws Exception {
        return Path.of(ZoneFileReferencesTest.class.getResource("/dns/example.nl.zone").toURI());
    }

    private static ZoneFacts walk(Lookup lookup) {
        return new ZoneWalker(lookup, null, List.of(), List.of("selector1"), Map.of()).walk(EXAMPLE, Lifecycle.ACTIVE);
    }

    private static List<String> describe(ZoneFacts facts) {
        return facts.references().stream().map(r -> r.kind() + " " + r.target() + " [" + r.describe() + "]").toList();
    }

    @Test
    void every_kind_of_reference_in_a_zone_file_is_found_with_its_chain() throws Exception {
        ZoneFacts facts = walk(ZoneLookup.readFile(zoneFile(), "example.nl", ZoneLookup.OFFLINE));
        assertThat(describe(facts)).containsExactlyInAnyOrder(
                "NS ns.oldhoster.com [example.nl NS → ns.oldhoster.com]",
                "NS ns1.hoster.nl [example.nl NS → ns1.hoster.nl]",
                "MX mx1.oldvendor.com [example.nl MX → mx1.oldvendor.com]",
                "MX mail.example.nl [example.nl MX → mail.example.nl]",
                "CNAME shop.webvendor.com [www.example.nl CNAME → shop.webvendor.com]",
                "CNAME autodiscover.outlook.com [autodiscover.example.nl CNAME → autodiscover.outlook.com]",
                "DKIM selector1-example-nl._domainkey.tenant.onmicrosoft.com [selector1._domainkey.example.nl CNAME → selector1-example-nl._domainkey.tenant.onmicrosoft.com]",
                "SRV smtp.mailvendor.com [_submission._tcp.example.nl SRV → smtp.mailvendor.com]",
                "SRV sip.voipvendor.de [_sip._tcp.example.nl SRV → sip.voipvendor.de]",
                "SPF _spf.mailvendor.com [example.nl SPF → include:_spf.mailvendor.com]",
                "SPF relay.partner.org [example.nl SPF → a:relay.partner.org]",
                "DMARC_RUA reports.example.org [_dmarc.example.nl rua → mailto:…@reports.example.org]",
                "DMARC_RUF forensics.net [_dmarc.example.nl ruf → mailto:…@forensics.net]",
                "CAA_IODEF certwatch.net [example.nl CAA iodef → mailto:security@certwatch.net]");
        assertThat(facts.references()).filteredOn(r -> r.kind() == ReferenceKind.DKIM).singleElement()
                .extracting(r -> r.registrableTarget().orElseThrow().ascii()).isEqualTo("onmicrosoft.com");
        // outside the zone nothing is known offline: unknown, not "does not exist"
        assertThat(facts.spf().unknown()).containsExactlyInAnyOrder(
                "TXT _spf.mailvendor.com: _spf.mailvendor.com is outside the zone file and no resolver is used",
                "A/AAAA relay.partner.org: relay.partner.org is outside the zone file and no resolver is used");
        assertThat(facts.spf().voidLookups()).isEmpty();
    }

    @Test
    void every_record_of_the_file_counts_not_only_the_well_known_names() throws Exception {
        ZoneLookup zone = ZoneLookup.readFile(zoneFile(), "example.nl", ZoneLookup.OFFLINE);
        List<DnsReference> records = zone.recordReferences();
        assertThat(records).extracting(r -> r.kind() + " " + r.describe()).contains(
                "CNAME intranet.example.nl CNAME → portal.oldintranet.com",
                "DKIM selector1._domainkey.example.nl CNAME → selector1-example-nl._domainkey.tenant.onmicrosoft.com",
                "MX example.nl MX → mx1.oldvendor.com");
        ZoneFacts merged = new ZoneWalker(zone, null, List.of(), List.of("selector1"), Map.of())
                .walkWithRecordReferences(EXAMPLE, Lifecycle.ACTIVE, records, 4);
        assertThat(merged.references()).filteredOn(r -> r.target().equals("portal.oldintranet.com")).hasSize(1);
        assertThat(merged.references()).filteredOn(r -> r.target().equals("mx1.oldvendor.com")).hasSize(1);
    }

    @Test
    void a_zone_transfer_yields_the_same_references_as_the_file() throws Exception {
        ZoneLookup fromFile = ZoneLookup.readFile(zoneFile(), "example.nl", ZoneLookup.OFFLINE);
        List<Record> records = new ArrayList<>();
        try (var master = new org.xbill.DNS.Master(Files.newInputStream(zoneFile()))) {
            for (Record r = master.nextRecord(); r != null; r = master.nextRecord()) {
                records.add(r);
            }
        }
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> serveAxfr(server, records));
            ZoneLookup transferred = ZoneLookup.transfer("example.nl",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), Duration.ofSeconds(2), ZoneLookup.OFFLINE);
            assertThat(transferred.size()).isEqualTo(fromFile.size());
            assertThat(describe(walk(transferred))).containsExactlyInAnyOrderElementsOf(describe(walk(fromFile)));
        }
    }

    @Test
    void a_refused_transfer_names_the_zone_and_server() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> serveAxfr(server, null));
            assertThatThrownBy(() -> ZoneLookup.transfer("example.nl",
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), Duration.ofSeconds(2), ZoneLookup.OFFLINE))
                    .isInstanceOf(DnsException.class)
                    .hasMessageStartingWith("AXFR of example.nl from 127.0.0.1:" + server.getLocalPort() + " failed");
        }
    }

    @Test
    void a_broken_zone_file_names_the_file_and_line(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.nl.zone");
        Files.writeString(bad, "$ORIGIN bad.nl.\n@ IN SOA ns1.bad.nl. h.bad.nl. 1 2 3 4 5\n@ IN MX ten mail\n");
        assertThatThrownBy(() -> ZoneLookup.readFile(bad, "bad.nl", ZoneLookup.OFFLINE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(bad.toString()).hasMessageContaining("line 3");
    }

    /** One AXFR over TCP: the zone in a single message, SOA first and last; REFUSED when {@code records} is null. */
    private static void serveAxfr(ServerSocket server, List<Record> records) {
        try (Socket s = server.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] query = new byte[in.readUnsignedShort()];
            in.readFully(query);
            Message request = new Message(query);
            Message response = new Message(request.getHeader().getID());
            response.getHeader().setFlag(Flags.QR);
            response.getHeader().setFlag(Flags.AA);
            response.addRecord(request.getQuestion(), Section.QUESTION);
            if (records == null) {
                response.getHeader().setRcode(org.xbill.DNS.Rcode.REFUSED);
            } else {
                Record soa = records.stream().filter(r -> r.getType() == Type.SOA).findFirst().orElseThrow();
                response.addRecord(soa, Section.ANSWER);
                records.stream().filter(r -> r.getType() != Type.SOA && r.getDClass() == DClass.IN)
                        .forEach(r -> response.addRecord(r, Section.ANSWER));
                response.addRecord(soa, Section.ANSWER);
            }
            byte[] wire = response.toWire();
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            out.writeShort(wire.length);
            out.write(wire);
            out.flush();
            in.read(); // wait for the client to close
        } catch (Exception e) {
            // the test's assertions report what the client saw
        }
    }
}
