package org.lapsewatch.bench;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a deterministic, realistic Postfix log of a given size for the mail-flow benchmark:
 * four hosts, three instances each ({@code postfix}, {@code postfix-out}, {@code postfix-in}),
 * SMTP and local ({@code pickup}) submissions, one to three recipients per message over two
 * thousand domains (a few of them hot, one of them the retired {@code bjzutrecht.example}),
 * deferred attempts retried later, bounces, {@code NOQUEUE} rejects, and connect/disconnect noise,
 * with 64 messages in flight at once so their lines interleave as in a real log. The same seed
 * and size give the same bytes.
 *
 * <pre>java -cp bench/target/benchmarks.jar org.lapsewatch.bench.PostfixLogGenerator FILE MEGABYTES [SEED]</pre>
 */
public final class PostfixLogGenerator {
    private static final String[] HOSTS = {"gw1", "gw2", "mx1", "mx2"};
    private static final String[] INSTANCES = {"postfix", "postfix-out", "postfix-in"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    private static final int IN_FLIGHT = 64;
    private static final int DOMAINS = 2000;
    private static final int LOCAL_PARTS = 5000;

    private final SplittableRandom random;
    private final StringBuilder line = new StringBuilder(512);
    private long second = 0; // seconds since Nov 1 00:00:00
    private long queueCounter;

    private PostfixLogGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: PostfixLogGenerator FILE MEGABYTES [SEED]");
            System.exit(2);
        }
        Path file = Path.of(args[0]);
        long bytes = Long.parseLong(args[1]) * 1024 * 1024;
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 20261128L;
        long written = new PostfixLogGenerator(seed).write(file, bytes);
        System.out.printf("wrote %s: %,d bytes%n", file, written);
    }

    /** One message's remaining lines, emitted one at a time. */
    private final class Message {
        final String host = HOSTS[random.nextInt(HOSTS.length)];
        final String instance = INSTANCES[random.nextInt(INSTANCES.length)];
        final String queueId = queueId();
        final boolean local = random.nextInt(5) == 0;
        final String sender = random.nextInt(10) < 6 ? "app@samenveilig.example"
                : "user" + random.nextInt(LOCAL_PARTS) + "@samenveilig.example";
        final String client = "app" + random.nextInt(40) + ".samenveilig.example[10.0." + random.nextInt(256) + "." + random.nextInt(256) + "]";
        final List<String> recipients = new ArrayList<>();
        final List<String> pending = new ArrayList<>();
        int step;
        int retries;

        Message() {
            int n = 1 + (random.nextInt(10) < 7 ? 0 : random.nextInt(3));
            for (int i = 0; i < n; i++) {
                recipients.add(recipient());
            }
        }

        /** Emits the next line; false when the message is done. */
        boolean next() {
            int pid = 1000 + random.nextInt(30000);
            switch (step++) {
                case 0 -> {
                    if (local) {
                        prefix("pickup", pid).append(queueId).append(": uid=").append(33 + random.nextInt(3))
                                .append(" from=<").append(sender).append('>');
                    } else {
                        prefix("smtpd", pid).append("connect from ").append(client);
                        emit();
                        prefix("smtpd", pid).append(queueId).append(": client=").append(client);
                    }
                }
                case 1 -> prefix("cleanup", pid).append(queueId).append(": message-id=<").append(second).append('.')
                        .append(queueId).append("@samenveilig.example>");
                case 2 -> qmgrFrom(pid);
                default -> {
                    if (!local && step == 4) {
                        prefix("smtpd", pid).append("disconnect from ").append(client)
                                .append(" ehlo=1 mail=1 rcpt=").append(recipients.size()).append(" data=1 quit=1 commands=")
                                .append(4 + recipients.size());
                        emit();
                    }
                    if (!pending.isEmpty()) {
                        qmgrFrom(pid);
                        emit();
                        recipients.addAll(pending);
                        pending.clear();
                        return true;
                    }
                    if (recipients.isEmpty()) {
                        prefix("qmgr", pid).append(queueId).append(": removed");
                        emit();
                        return false;
                    }
                    String to = recipients.remove(recipients.size() - 1);
                    int roll = random.nextInt(100);
                    String status;
                    if (roll < 6 && retries < 3) {
                        status = "deferred";
                        retries++;
                        pending.add(to);
                    } else if (roll < 8) {
                        status = "bounced";
                    } else {
                        status = "sent";
                    }
                    delivery(pid, to, status);
                }
            }
            emit();
            return true;
        }

        private void qmgrFrom(int pid) {
            prefix("qmgr", pid).append(queueId).append(": from=<").append(sender).append(">, size=")
                    .append(500 + random.nextInt(200_000)).append(", nrcpt=").append(recipients.size() + pending.size())
                    .append(" (queue active)");
        }

        private void delivery(int pid, String to, String status) {
            boolean alias = random.nextInt(20) == 0;
            String domain = to.substring(to.indexOf('@') + 1);
            prefix(status.equals("bounced") && random.nextBoolean() ? "error" : "smtp", pid).append(queueId).append(": to=<")
                    .append(to).append('>');
            if (alias) {
                line.append(", orig_to=<team").append(random.nextInt(50)).append("@samenveilig.example>");
            }
            line.append(", relay=mx.").append(domain).append("[192.0.2.").append(random.nextInt(256))
                    .append("]:25, delay=").append(random.nextInt(30)).append('.').append(random.nextInt(100))
                    .append(", delays=0.0").append(random.nextInt(10)).append("/0/0.").append(random.nextInt(100))
                    .append("/0.").append(random.nextInt(100));
            switch (status) {
                case "sent" -> line.append(", dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as ").append(queueId()).append(')');
                case "deferred" -> line.append(", dsn=4.4.1, status=deferred (connect to mx.").append(domain)
                        .append("[192.0.2.1]:25: Connection timed out)");
                default -> line.append(", dsn=5.1.1, status=bounced (host mx.").append(domain)
                        .append("[192.0.2.1] said: 550 5.1.1 <").append(to).append(">: Recipient address rejected: User unknown)");
            }
        }

        private StringBuilder prefix(String daemon, int pid) {
            return PostfixLogGenerator.this.prefix(host, instance, daemon, pid);
        }
    }

    private long write(Path file, long target) throws IOException {
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            List<Message> inFlight = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                inFlight.add(new Message());
            }
            while (written < target) {
                if (random.nextInt(4) == 0) {
                    second += random.nextInt(2);
                }
                if (random.nextInt(50) == 0) {
                    rejected();
                    written += flush(out);
                    continue;
                }
                int pick = random.nextInt(IN_FLIGHT);
                if (!inFlight.get(pick).next()) {
                    inFlight.set(pick, new Message());
                }
                written += flush(out);
            }
        }
        return written;
    }

    private void rejected() {
        String host = HOSTS[random.nextInt(HOSTS.length)];
        String instance = INSTANCES[random.nextInt(INSTANCES.length)];
        String to = recipient();
        prefix(host, instance, "smtpd", 1000 + random.nextInt(30000)).append("NOQUEUE: reject: RCPT from app")
                .append(random.nextInt(40)).append(".samenveilig.example[10.0.0.1]: 554 5.7.1 <").append(to)
                .append(">: Recipient address rejected: Access denied; from=<app@samenveilig.example> to=<").append(to)
                .append("> proto=ESMTP helo=<app.samenveilig.example>");
        emit();
    }

    private final StringBuilder out = new StringBuilder(1 << 16);

    private void emit() {
        out.append(line).append('\n');
        line.setLength(0);
    }

    private long flush(OutputStream stream) throws IOException {
        byte[] bytes = out.toString().getBytes(StandardCharsets.US_ASCII);
        stream.write(bytes);
        out.setLength(0);
        return bytes.length;
    }

    private StringBuilder prefix(String host, String instance, String daemon, int pid) {
        long day = second / 86_400;
        long inDay = second % 86_400;
        int month = 10 + (int) (day / 30);
        int dayOfMonth = 1 + (int) (day % 30);
        line.append(MONTHS[month % 12]).append(' ');
        if (dayOfMonth < 10) {
            line.append(' ');
        }
        line.append(dayOfMonth).append(' ');
        two(inDay / 3600).append(':');
        two(inDay / 60 % 60).append(':');
        two(inDay % 60).append(' ').append(host).append(' ').append(instance).append('/').append(daemon)
                .append('[').append(pid).append("]: ");
        return line;
    }

    private StringBuilder two(long value) {
        if (value < 10) {
            line.append('0');
        }
        return line.append(value);
    }

    private String queueId() {
        long id = ((queueCounter++ * 0x9E3779B97F4A7C15L) >>> 24) & 0xFF_FFFF_FFFFL;
        return Long.toHexString(id | (1L << 40)).substring(1).toUpperCase(java.util.Locale.ROOT);
    }

    /** A recipient: a third to a few hot domains (one of them the retired one), the rest spread out. */
    private String recipient() {
        String local = "user" + random.nextInt(LOCAL_PARTS);
        int roll = random.nextInt(100);
        if (roll < 3) {
            return "staff" + random.nextInt(30) + "@bjzutrecht.example";
        }
        if (roll < 30) {
            return local + "@samenveilig.example";
        }
        if (roll < 40) {
            return local + "@partner" + random.nextInt(5) + ".example";
        }
        int domain = (int) Math.floor(Math.pow(random.nextDouble(), 2) * DOMAINS);
        return local + "@d" + domain + ".example";
    }
}
