package org.lapsewatch.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class NotifyCommandTest {
    private GreenMail greenMail;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterEach
    void stop() {
        greenMail.stop();
    }

    private Path config(String smtpPort) throws Exception {
        return Files.writeString(dir.resolve("lapsewatch.yml"), """
                alerts:
                  smtp:
                    host: 127.0.0.1
                    port: %s
                    tls: none
                    from: lapsewatch@samenveilig.example
                    to: [it@samenveilig.example]
                """.formatted(smtpPort));
    }

    @Test
    void notify_test_email_delivers_a_test_message() throws Exception {
        Path cfg = config(String.valueOf(greenMail.getSmtp().getPort()));
        StringWriter out = new StringWriter();
        var cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute("notify", "test", "email", "--config", cfg.toString())).isZero();
        assertThat(out.toString()).contains("accepted");
        assertThat(greenMail.getReceivedMessages()).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).contains("test message for channel email"));
    }

    @Test
    void an_unknown_channel_is_a_usage_error_naming_the_configured_ones() throws Exception {
        Path cfg = config(String.valueOf(greenMail.getSmtp().getPort()));
        StringWriter err = new StringWriter();
        var cli = Main.commandLine();
        cli.setErr(new PrintWriter(err));
        assertThat(cli.execute("notify", "test", "slack", "--config", cfg.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no channel named 'slack'", "configured: email");
    }
}
