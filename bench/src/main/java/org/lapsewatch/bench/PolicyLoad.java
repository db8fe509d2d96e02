package org.lapsewatch.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.lapsewatch.config.PolicySettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.policy.PolicyService;
import org.lapsewatch.policy.VerdictInputs;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load harness for SMTP access policy servers (run by {@code bench/run-policy.sh}).
 *
 * <pre>
 * PolicyLoad serve PORT                                   Lapsewatch's policy service with a synthetic
 *                                                         inventory (500 active, 500 retired domains,
 *                                                         bjzutrecht.nl re-registered), until killed
 * PolicyLoad drive PORT CONNECTIONS SECONDS WARMUP LABEL  drives a policy server on 127.0.0.1:PORT with
 *                                                         Postfix-shaped RCPT requests, 1 in 20 to
 *                                                         bjzutrecht.nl (must be REJECT, others DUNNO),
 *                                                         and prints
 *                                                         RESULT label decisions/s p50_us p99_us wrong_answers
 *                                                         LATENCY label p90 … p95 … p99.9 … max … us
 * </pre>
 *
 * Each connection is one platform thread sending a request and waiting for its reply, as an
 * smtpd process does; latency is measured per request after the warm-up, from just before the
 * write to just after the reply's last byte. Checking a reply allocates nothing, so the driver's
 * own garbage collections do not show up as server latency.
 */
public final class PolicyLoad {
    private static final String BLOCKED = "bjzutrecht.nl";

    private PolicyLoad() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length > 0 ? args[0] : "") {
            case "serve" -> serve(Integer.parseInt(args[1]));
            case "drive" -> drive(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), args[5]);
            default -> {
                System.err.println("usage: PolicyLoad serve PORT | drive PORT CONNECTIONS SECONDS WARMUP LABEL");
                System.exit(2);
            }
        }
    }

    private static void serve(int port) throws InterruptedException {
        List<InventoryEntry> inventory = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            inventory.add(InventoryEntry.of(DomainName.parse("active" + i + ".example"), Lifecycle.ACTIVE));
            inventory.add(InventoryEntry.of(DomainName.parse("retired" + i + ".example"), Lifecycle.RETIRED));
        }
        inventory.add(InventoryEntry.of(DomainName.parse(BLOCKED), Lifecycle.RETIRED));
        List<Finding> findings = List.of(new Finding(RuleIds.RE_REGISTERED, DomainName.parse(BLOCKED), Severity.CRITICAL,
                Finding.Confidence.HIGH, BLOCKED + " re-registered", List.of(), List.of()));
        // warn for retired domains would log every request to them; the comparison is one reject rule
        PolicySettings settings = new PolicySettings(null, port, 0, false, "open", false, null, null, null, null,
                null, null, null, null, null, java.util.Map.of("retired", "allow"), null, null);
        PolicyService service = PolicyService.start(new VerdictInputs() {
            @Override
            public List<InventoryEntry> inventory() {
                return inventory;
            }

            @Override
            public List<Finding> openFindings() {
                return findings;
            }
        }, settings, new SimpleMeterRegistry());
        System.out.println("serving on " + service.policyPort() + " with " + service.verdicts().verdicts().size() + " verdicts");
        new CountDownLatch(1).await();
    }

    private static byte[][] requests() {
        byte[][] requests = new byte[1000][];
        for (int i = 0; i < requests.length; i++) {
            String recipient = i % 20 == 0 ? "staff" + i + "@mail." + BLOCKED
                    : "user" + i + "@" + (i % 2 == 0 ? "active" : "retired") + (i % 500) + ".example";
            requests[i] = ("request=smtpd_access_policy\nprotocol_state=RCPT\nprotocol_name=ESMTP\n"
                    + "client_address=10.0.0." + (i % 250) + "\nclient_name=app" + i + ".samenveilig.nl\n"
                    + "client_port=40512\nreverse_client_name=app.samenveilig.nl\nserver_address=127.0.0.1\n"
                    + "server_port=25\nhelo_name=app.samenveilig.nl\nsender=app" + i + "@samenveilig.nl\n"
                    + "recipient=" + recipient + "\nrecipient_count=0\nqueue_id=\ninstance=8a1c.6560d1a4." + i + ".0\n"
                    + "size=0\netrn_domain=\nstress=\nsasl_method=\nsasl_username=\nsasl_sender=\nccert_subject=\n"
                    + "ccert_issuer=\nccert_fingerprint=\nccert_pubkey_fingerprint=\nencryption_protocol=\n"
                    + "encryption_cipher=\nencryption_keysize=0\npolicy_context=\n\n").getBytes(StandardCharsets.US_ASCII);
        }
        return requests;
    }

    private static void drive(int port, int connections, int seconds, int warmup, String label) throws Exception {
        byte[][] requests = requests();
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = measureFrom + seconds * 1_000_000_000L;
        AtomicLong wrong = new AtomicLong();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            long[][] mine = {new long[1 << 16]};
            int[] count = new int[1];
            int offset = c * 37;
            Thread t = Thread.ofPlatform().start(() -> {
                try (Socket s = new Socket("127.0.0.1", port)) {
                    s.setTcpNoDelay(true);
                    s.setSoTimeout(30_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new java.io.BufferedInputStream(s.getInputStream(), 8192);
                    byte[] reply = new byte[4096];
                    for (int i = offset; ; i++) {
                        long before = System.nanoTime();
                        if (before > end) {
                            break;
                        }
                        int r = i % requests.length;
                        out.write(requests[r]);
                        int length = readReply(in, reply);
                        long after = System.nanoTime();
                        if (!expected(reply, length, r % 20 == 0)) {
                            wrong.incrementAndGet();
                        }
                        if (before >= measureFrom) {
                            if (count[0] == mine[0].length) {
                                mine[0] = Arrays.copyOf(mine[0], mine[0].length * 2);
                            }
                            mine[0][count[0]++] = after - before;
                        }
                    }
                } catch (IOException e) {
                    System.err.println(label + ": connection failed: " + e);
                    wrong.incrementAndGet();
                }
                synchronized (latencies) {
                    latencies.add(Arrays.copyOf(mine[0], count[0]));
                }
            });
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = 0;
        for (long[] l : latencies) {
            total += l.length;
        }
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] l : latencies) {
            System.arraycopy(l, 0, all, at, l.length);
            at += l.length;
        }
        Arrays.sort(all);
        double rate = total / (double) seconds;
        double p50 = all.length == 0 ? Double.NaN : all[all.length / 2] / 1000.0;
        double p99 = all.length == 0 ? Double.NaN : all[(int) (all.length * 0.99)] / 1000.0;
        System.out.printf(java.util.Locale.ROOT, "RESULT %s %.0f %.0f %.0f %d%n", label, rate, p50, p99, wrong.get());
        if (all.length > 0) {
            System.out.printf(java.util.Locale.ROOT, "LATENCY %s p90 %.0f p95 %.0f p99.9 %.0f max %.0f us%n", label,
                    all[(int) (all.length * 0.90)] / 1000.0, all[(int) (all.length * 0.95)] / 1000.0,
                    all[(int) (all.length * 0.999)] / 1000.0, all[all.length - 1] / 1000.0);
        }
    }

    /** Reads one reply (up to its empty line) into {@code buf}; returns its length. */
    private static int readReply(InputStream in, byte[] buf) throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("server closed the connection");
            }
            if (n < buf.length) {
                buf[n] = (byte) b;
            }
            n++;
            if (b == '\n' && n >= 2 && buf[Math.min(n, buf.length) - 2] == '\n') {
                return Math.min(n, buf.length);
            }
        }
    }

    private static final byte[] REJECT = "action=reject".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DUNNO = "action=dunno".getBytes(StandardCharsets.US_ASCII);

    /** Whether the reply starts with the expected action, ignoring case (allocates nothing, unlike a String). */
    private static boolean expected(byte[] reply, int length, boolean blocked) {
        byte[] prefix = blocked ? REJECT : DUNNO;
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (Character.toLowerCase(reply[i]) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
