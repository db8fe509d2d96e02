package org.lapsewatch.sim;

import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Every simulated nameserver, each on its own loopback address and all on one port, over UDP
 * and TCP. A UDP answer larger than 512 bytes (or the client's EDNS size) is truncated with TC
 * set, so clients must retry over TCP.
 */
final class DnsServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DnsServer.class.getName());
    private static final int ATTEMPTS = 20;
    private static final int MAX_OVERSIZED = 65_000;

    private final DnsLayout layout;
    private final DnsAnswers answers;
    private final Supplier<World> world;
    private final Faults faults;
    private final CountDownLatch closed;
    private final List<AutoCloseable> sockets = new ArrayList<>();
    private final int port;

    DnsServer(DnsLayout layout, Supplier<World> world, Faults faults, CountDownLatch closed) throws IOException {
        this.layout = layout;
        this.answers = new DnsAnswers(layout);
        this.world = world;
        this.faults = faults;
        this.closed = closed;
        this.port = bindAll();
    }

    int port() {
        return port;
    }

    /** Picks a free port on 127.0.0.1 and binds every nameserver address to it; retries on a clash. */
    private int bindAll() throws IOException {
        requireLoopbackAddresses();
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            List<AutoCloseable> bound = new ArrayList<>();
            try {
                DatagramSocket first = new DatagramSocket(new InetSocketAddress(layout.resolverAddress(), 0));
                bound.add(first);
                int p = first.getLocalPort();
                ServerSocket firstTcp = new ServerSocket(p, 50, layout.resolverAddress());
                bound.add(firstTcp);
                start(first, firstTcp, null);
                for (Map.Entry<InetAddress, DnsLayout.Role> e : layout.roles().entrySet()) {
                    DatagramSocket udp = new DatagramSocket(new InetSocketAddress(e.getKey(), p));
                    bound.add(udp);
                    ServerSocket tcp = new ServerSocket(p, 50, e.getKey());
                    bound.add(tcp);
                    start(udp, tcp, e.getValue());
                }
                sockets.addAll(bound);
                return p;
            } catch (BindException e) {
                last = e;
                closeAll(bound);
            }
        }
        throw new IOException("could not bind the simulated nameservers to one port after " + ATTEMPTS + " attempts", last);
    }

    /**
     * Fails with advice when the system does not route the whole of 127.0.0.0/8 to loopback
     * (Linux does; macOS only has 127.0.0.1 until aliases are added).
     */
    private void requireLoopbackAddresses() throws IOException {
        for (InetAddress address : layout.roles().keySet()) {
            try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(address, 0))) {
                probe.getLocalPort();
            } catch (BindException e) {
                throw new IOException("cannot bind " + address.getHostAddress() + " (" + e.getMessage() + "): the simulated "
                        + "nameservers need the loopback addresses 127.0.1.1, 127.0.2.x and 127.0.3.x; on macOS add them "
                        + "with e.g. 'sudo ifconfig lo0 alias " + address.getHostAddress() + " up'", e);
            }
        }
    }

    private void start(DatagramSocket udp, ServerSocket tcp, DnsLayout.Role role) {
        Thread.ofVirtual().name("sim-dns-udp-" + udp.getLocalAddress().getHostAddress()).start(() -> serveUdp(udp, role));
        Thread.ofVirtual().name("sim-dns-tcp-" + tcp.getInetAddress().getHostAddress()).start(() -> acceptTcp(tcp, role));
    }

    private void serveUdp(DatagramSocket socket, DnsLayout.Role role) {
        byte[] buffer = new byte[65_535];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            byte[] request = Arrays.copyOf(packet.getData(), packet.getLength());
            InetSocketAddress client = (InetSocketAddress) packet.getSocketAddress();
            Thread.ofVirtual().start(() -> {
                byte[] reply = handle(request, role, true);
                if (reply != null) {
                    try {
                        socket.send(new DatagramPacket(reply, reply.length, client));
                    } catch (IOException e) {
                        // the client is gone or the server closed; nothing to tell anyone
                    }
                }
            });
        }
    }

    private void acceptTcp(ServerSocket server, DnsLayout.Role role) {
        while (!server.isClosed()) {
            Socket connection;
            try {
                connection = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            Thread.ofVirtual().start(() -> serveTcp(connection, role));
        }
    }

    private void serveTcp(Socket connection, DnsLayout.Role role) {
        try (connection) {
            DataInputStream in = new DataInputStream(connection.getInputStream());
            DataOutputStream out = new DataOutputStream(connection.getOutputStream());
            while (true) {
                int length;
                try {
                    length = in.readUnsignedShort();
                } catch (EOFException e) {
                    return;
                }
                byte[] request = in.readNBytes(length);
                byte[] reply = handle(request, role, false);
                if (reply == null) {
                    return;
                }
                if (reply.length > 0xFFFF) {
                    reply = Arrays.copyOf(reply, 0xFFFF);
                }
                out.writeShort(Math.min(reply.length, 0xFFFF));
                out.write(reply);
                out.flush();
            }
        } catch (IOException e) {
            // one broken connection does not concern the others
        }
    }

    /** The bytes to send back, or null to send nothing (and close, over TCP). */
    private byte[] handle(byte[] request, DnsLayout.Role role, boolean udp) {
        Message query;
        try {
            query = new Message(request);
        } catch (IOException e) {
            faults.onRequest(Service.DNS, null);
            return null; // not DNS: drop it, as real servers do
        }
        Record question = query.getQuestion();
        Optional<Fault.Effect> fault = faults.onRequest(Service.DNS, question == null ? null : question.getName().toString());
        if (fault.isPresent()) {
            switch (fault.get()) {
                case Fault.Latency latency -> sleep(latency.delay().toMillis());
                case Fault.TooManyRequests ignored -> {
                    return DnsAnswers.failure(query, Rcode.REFUSED).toWire();
                }
                case Fault.ServerError ignored -> {
                    return DnsAnswers.failure(query, Rcode.SERVFAIL).toWire();
                }
                case Fault.Timeout ignored -> {
                    awaitClose();
                    return null;
                }
                case Fault.Truncated ignored -> {
                    byte[] whole = answer(query, role).toWire();
                    return Arrays.copyOf(whole, whole.length / 2);
                }
                case Fault.Garbage ignored -> {
                    byte[] noise = new byte[64 + ThreadLocalRandom.current().nextInt(200)];
                    ThreadLocalRandom.current().nextBytes(noise);
                    return noise;
                }
                case Fault.Oversized oversized -> {
                    return padded(answer(query, role), Math.min(oversized.bytes(), MAX_OVERSIZED));
                }
            }
        }
        Message response = answer(query, role);
        OPTRecord opt = query.getOPT();
        if (opt != null) {
            response.addRecord(new OPTRecord(4096, 0, 0), Section.ADDITIONAL);
        }
        if (!udp) {
            return response.toWire();
        }
        int limit = opt == null ? 512 : Math.max(512, opt.getPayloadSize());
        return response.toWire(limit);
    }

    private Message answer(Message query, DnsLayout.Role role) {
        World now = world.get();
        try {
            return role == null ? answers.recursive(query, now) : answers.authoritative(role, query, now);
        } catch (RuntimeException e) {
            // a bug must look like a broken server to the client, not like an answer
            LOG.log(System.Logger.Level.ERROR, "simulated nameserver failed on " + query.getQuestion(), e);
            return DnsAnswers.failure(query, Rcode.SERVFAIL);
        }
    }

    /** The answer with TXT padding in the additional section until it reaches {@code bytes}. */
    private static byte[] padded(Message response, int bytes) {
        Record question = response.getQuestion();
        String filler = "x".repeat(240);
        // distinct strings: dnsjava drops duplicate records from an RRset
        for (int i = 0; response.toWire().length < bytes - 300; i++) {
            response.addRecord(new TXTRecord(question.getName(), DClass.IN, 60, i + filler), Section.ADDITIONAL);
        }
        return response.toWire();
    }

    private void awaitClose() {
        try {
            closed.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closeAll(sockets);
    }

    private static void closeAll(List<AutoCloseable> list) {
        for (AutoCloseable c : list) {
            try {
                c.close();
            } catch (Exception e) {
                // closing is best effort; a socket that fails to close is already unusable
            }
        }
        list.clear();
    }
}
