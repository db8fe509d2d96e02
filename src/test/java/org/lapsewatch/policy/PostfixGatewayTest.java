package org.lapsewatch.policy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.lapsewatch.config.PolicySettings;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.rules.Finding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway against the real Postfix from Debian: an smtpd on a free loopback port with
 * {@code check_policy_service} and {@code transport_maps = socketmap:…} pointing at Lapsewatch,
 * relaying to an in-process SMTP sink. Installs nothing: skips when {@code /usr/sbin/postfix} is
 * missing (CI installs it) or the test does not run as root (Postfix needs root to start).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PostfixGatewayTest {
    private static final Path POSTFIX = Path.of("/usr/sbin/postfix");
    private static Path dir;
    private static Path conf;
    private static Path maillog;
    private static int smtpdPort;
    private static SmtpSink sink;
    private static PolicyService lapsewatch;
    private static boolean started;

    @BeforeAll
    static void startPostfix() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(POSTFIX),
                "Postfix is not installed (/usr/sbin/postfix missing): skipped; .ci/run installs it");
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "not running as root, which postfix start needs: skipped");

        sink = new SmtpSink();
        PolicySettings settings = Gateway.settings().withBehaviour("closed", false);
        VerdictInputs inputs = new VerdictInputs() {
            @Override
            public List<InventoryEntry> inventory() {
                return Gateway.inventory();
            }

            @Override
            public List<Finding> openFindings() {
                return Gateway.findings();
            }
        };
        lapsewatch = PolicyService.start(inputs, settings, new SimpleMeterRegistry());

        dir = Files.createTempDirectory("lapsewatch-postfix");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        conf = Files.createDirectories(dir.resolve("conf"));
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.createDirectories(dir.resolve("queue"));
        maillog = dir.resolve("maillog");
        smtpdPort = freePort();
        Files.copy(Path.of("/etc/postfix/master.cf"), conf.resolve("master.cf"));
        Files.writeString(conf.resolve("main.cf"), String.join("\n",
                "compatibility_level = 3.6",
                "queue_directory = " + dir.resolve("queue"),
                "data_directory = " + data,
                "myhostname = lapsewatch-test.invalid",
                "mydestination =",
                "alias_maps =",
                "alias_database =",
                "inet_interfaces = loopback-only",
                "inet_protocols = ipv4",
                "mynetworks = 127.0.0.0/8",
                "relayhost = [127.0.0.1]:" + sink.port(),
                "smtp_dns_support_level = disabled",
                "maillog_file = " + maillog,
                "maillog_file_prefixes = " + dir,
                "smtpd_recipient_restrictions = check_policy_service { inet:127.0.0.1:" + lapsewatch.policyPort()
                        + ", timeout=5s, { default_action = DEFER_IF_PERMIT 4.7.1 Policy service unavailable } },"
                        + " permit_mynetworks, reject_unauth_destination",
                "transport_maps = socketmap:inet:127.0.0.1:" + lapsewatch.socketmapPort() + ":transport",
                ""));
        run("postconf", "-c", conf.toString(), "-F", "*/*/chroot = n");
        run("postconf", "-c", conf.toString(), "-M#", "smtp/inet");
        run("postconf", "-c", conf.toString(), "-M",
                "127.0.0.1:" + smtpdPort + "/inet=127.0.0.1:" + smtpdPort + " inet n - n - - smtpd");
        run("chown", "postfix", data.toString());
        run("postfix", "-c", conf.toString(), "start");
        started = true;
        waitFor(() -> {
            try (Socket s = new Socket("127.0.0.1", smtpdPort)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, "smtpd to listen on " + smtpdPort);
    }

    @AfterAll
    static void stopPostfix() throws Exception {
        try {
            if (started) {
                run("postfix", "-c", conf.toString(), "stop");
            }
        } finally {
            if (lapsewatch != null) {
                lapsewatch.close();
            }
            if (sink != null) {
                sink.close();
            }
            if (dir != null) {
                try (var paths = Files.walk(dir)) {
                    paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @Test
    @Order(1)
    void smtp_mail_to_the_lost_domain_is_rejected_at_rcpt_with_the_configured_text() throws IOException {
        try (SmtpClient smtp = new SmtpClient(smtpdPort)) {
            smtp.command("EHLO app.samenveilig.nl");
            smtp.command("MAIL FROM:<app@samenveilig.nl>");
            assertThat(smtp.command("RCPT TO:<staff@mail.bjzutrecht.nl>")).isEqualTo(
                    "554 5.7.1 <staff@mail.bjzutrecht.nl>: Recipient address rejected: "
                            + "Lapsewatch: bjzutrecht.nl is no longer ours (registered by someone else)");
            assertThat(smtp.command("RCPT TO:<staff@jeugdzorg-oud.nl>")).startsWith("450 4.7.1 ")
                    .endsWith("Lapsewatch: jeugdzorg-oud.nl is no longer ours (registration in quarantine)");
        }
    }

    @Test
    @Order(2)
    void smtp_mail_to_a_good_domain_is_delivered() throws Exception {
        try (SmtpClient smtp = new SmtpClient(smtpdPort)) {
            smtp.command("EHLO app.samenveilig.nl");
            smtp.command("MAIL FROM:<app@samenveilig.nl>");
            assertThat(smtp.command("RCPT TO:<jan@samenveilig.nl>")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            assertThat(smtp.command("Subject: case file\r\n\r\nfor the right people\r\n.")).startsWith("250");
        }
        waitFor(() -> sink.delivered().contains("jan@samenveilig.nl"), "delivery to the sink");
    }

    @Test
    @Order(3)
    void sendmail_to_the_lost_domain_is_bounced_by_the_transport_lookup() throws Exception {
        sendmail("staff@bjzutrecht.nl");
        waitFor(() -> deliveryLine("staff@bjzutrecht.nl") != null, "the bounce in the mail log");
        String line = deliveryLine("staff@bjzutrecht.nl");
        assertThat(line).contains("dsn=5.7.1", "status=bounced",
                "Lapsewatch: bjzutrecht.nl is no longer ours (registered by someone else)");
        assertThat(sink.delivered()).doesNotContain("staff@bjzutrecht.nl");
    }

    @Test
    @Order(4)
    void sendmail_to_a_domain_in_quarantine_is_deferred_and_stays_queued() throws Exception {
        sendmail("staff@jeugdzorg-oud.nl");
        waitFor(() -> deliveryLine("staff@jeugdzorg-oud.nl") != null, "the deferral in the mail log");
        String line = deliveryLine("staff@jeugdzorg-oud.nl");
        assertThat(line).contains("dsn=4.7.1", "status=deferred", "registration in quarantine");
        assertThat(run("postqueue", "-c", conf.toString(), "-p")).contains("staff@jeugdzorg-oud.nl");
        assertThat(sink.delivered()).doesNotContain("staff@jeugdzorg-oud.nl");
        run("postsuper", "-c", conf.toString(), "-d", "ALL");
    }

    @Test
    @Order(5)
    void sendmail_to_a_good_domain_is_delivered() throws Exception {
        sendmail("piet@samenveilig.nl");
        waitFor(() -> sink.delivered().contains("piet@samenveilig.nl"), "delivery to the sink");
    }

    @Test
    @Order(6)
    void with_lapsewatch_stopped_postfix_fails_closed_with_450() throws IOException {
        lapsewatch.close();
        try (SmtpClient smtp = new SmtpClient(smtpdPort)) {
            smtp.command("EHLO app.samenveilig.nl");
            smtp.command("MAIL FROM:<app@samenveilig.nl>");
            assertThat(smtp.command("RCPT TO:<jan@samenveilig.nl>"))
                    .isEqualTo("450 4.7.1 <jan@samenveilig.nl>: Recipient address rejected: Policy service unavailable");
        }
    }

    private static void sendmail(String recipient) throws Exception {
        Process p = new ProcessBuilder("/usr/sbin/sendmail", "-C", conf.toString(), "-f", "app@samenveilig.nl", recipient)
                .redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write("Subject: case file\n\nfor the right people\n".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("sendmail finished").isTrue();
        assertThat(p.exitValue()).as("sendmail: " + new String(p.getInputStream().readAllBytes())).isZero();
    }

    /** The queue manager's delivery status line for a recipient, or null. */
    private static String deliveryLine(String recipient) {
        return log().lines().filter(l -> l.contains(" to=<" + recipient + ">,") && l.contains(" status="))
                .findFirst().orElse(null);
    }

    private static String log() {
        try {
            return Files.exists(maillog) ? Files.readString(maillog) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + output + "\n" + log());
        }
        return output;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void waitFor(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within 20 s; mail log:\n" + log());
            }
            Thread.sleep(100);
        }
    }

    /** Speaks SMTP one command at a time and returns the last line of each reply. */
    private static final class SmtpClient implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        SmtpClient(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
            assertThat(reply()).startsWith("220");
        }

        String command(String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return reply();
        }

        private String reply() throws IOException {
            List<String> lines = new ArrayList<>();
            String line;
            do {
                line = in.readLine();
                if (line == null) {
                    throw new IOException("server closed the connection after " + lines);
                }
                lines.add(line);
            } while (line.length() > 3 && line.charAt(3) == '-');
            return line;
        }

        @Override
        public void close() throws IOException {
            try {
                command("QUIT");
            } finally {
                socket.close();
            }
        }
    }
}
