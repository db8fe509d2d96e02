package org.lapsewatch.watch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lapsewatch.config.DnsSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.rules.TldDelegation;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The delegation probe against a small authoritative server for {@code .example} on loopback UDP. */
class DnsDelegationProbeTest {
    private DatagramSocket socket;
    private Thread server;

    @BeforeEach
    void start() throws Exception {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        server = Thread.ofVirtual().start(this::serve);
    }

    @AfterEach
    void stop() throws Exception {
        socket.close();
        server.join(2000);
    }

    /** Answers as the resolver (NS and A of the TLD) and as the TLD's only server. */
    private void serve() {
        byte[] buffer = new byte[1500];
        while (!socket.isClosed()) {
            try {
                var packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                Message reply = new Message(query.getHeader().getID());
                reply.getHeader().setFlag(Flags.QR);
                reply.addRecord(query.getQuestion(), Section.QUESTION);
                Name q = query.getQuestion().getName();
                Name tldServer = Name.fromString("ns.nic.example.");
                switch (q.toString(true)) {
                    case "example" -> reply.addRecord(new NSRecord(q, DClass.IN, 60, tldServer), Section.ANSWER);
                    case "ns.nic.example" -> reply.addRecord(new ARecord(q, DClass.IN, 60, InetAddress.getLoopbackAddress()), Section.ANSWER);
                    case "samenveilig.example" -> reply.addRecord(new NSRecord(q, DClass.IN, 60, Name.fromString("ns1.host.example.")), Section.AUTHORITY);
                    case "silent.example" -> {
                        continue;
                    }
                    default -> reply.getHeader().setRcode(Rcode.NXDOMAIN);
                }
                byte[] wire = reply.toWire();
                socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
            } catch (Exception e) {
                return;
            }
        }
    }

    private DnsDelegationProbe probe() {
        String self = "127.0.0.1:" + socket.getLocalPort();
        return new DnsDelegationProbe(new DnsSettings(List.of(self), null, Duration.ofMillis(300), 0, null, null, null,
                socket.getLocalPort()));
    }

    @Test
    void nxdomain_at_the_tld_servers_is_reported_as_such() {
        var answer = probe().ask(DomainName.parse("bjzutrecht.example"));
        assertThat(answer.answer()).isEqualTo(TldDelegation.Answer.NXDOMAIN);
        assertThat(answer.detail()).contains("NXDOMAIN for bjzutrecht.example");
    }

    @Test
    void a_referral_means_the_tld_still_delegates_the_name() {
        var answer = probe().ask(DomainName.parse("samenveilig.example"));
        assertThat(answer.answer()).isEqualTo(TldDelegation.Answer.DELEGATED);
        assertThat(answer.detail()).contains("NS ns1.host.example");
    }

    @Test
    void silence_is_no_answer_never_nxdomain() {
        var answer = probe().ask(DomainName.parse("silent.example"));
        assertThat(answer.answer()).isEqualTo(TldDelegation.Answer.NO_ANSWER);
    }
}
