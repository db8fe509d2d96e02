package org.lapsewatch.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.lapsewatch.config.AlertSettings.SmtpSettings;
import org.lapsewatch.config.AlertSettings.WebhookSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.model.Severity;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Each channel's payload, as a real SMTP server and a real HTTP receiver get it. */
class ChannelsTest {
    private static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");
    private final WebhookReceiver receiver = new WebhookReceiver();
    private GreenMail greenMail;

    @BeforeEach
    void start() throws Exception {
        receiver.start();
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    @AfterEach
    void stop() {
        receiver.stop();
        greenMail.stop();
    }

    static Notification quarantineNotification(String channel) {
        Finding finding = new Finding(RuleIds.QUARANTINE, DomainName.parse("bjzutrecht.example"), Severity.CRITICAL,
                Finding.Confidence.HIGH, "bjzutrecht.example was cancelled and is in quarantine",
                List.of("bjzutrecht.example (retired)", "quarantine until 2026-12-09T10:00:00Z"), List.of("observation 42"));
        AlertFinding f = new AlertFinding(42, finding, AlertFinding.Status.OPEN, NOW, Lifecycle.RETIRED, List.of(),
                "it@samenveilig.example", "quarantine", Instant.parse("2026-12-09T11:00:00Z"));
        var settings = new org.lapsewatch.config.AlertSettings("https://lw.example.org", null,
                List.of(new WebhookSettings(channel, "http://127.0.0.1:1/", null, null, null)), null, null, "off", null,
                null, null, null, null, null);
        return new AlertPlanner(settings).onTransition(f, Message.Kind.OPENED, NOW).getFirst();
    }

    @Test
    void email_has_text_and_html_parts_and_a_message_id_derived_from_the_key() throws Exception {
        int port = greenMail.getSmtp().getPort();
        var smtp = new SmtpSettings("127.0.0.1", port, "none", null, null, "lapsewatch@samenveilig.example",
                List.of("it@samenveilig.example"), Duration.ofSeconds(5));
        Notification n = quarantineNotification("ops");
        EmailChannel email = new EmailChannel(smtp);
        email.deliver(n);
        email.deliver(n); // a resend after a crash

        MimeMessage[] received = greenMail.getReceivedMessages();
        assertThat(received).hasSize(2);
        assertThat(received[0].getMessageID()).isEqualTo(received[1].getMessageID())
                .isEqualTo("<" + MessageText.fingerprint(n.key()) + "@lapsewatch>");
        assertThat(received[0].getSubject()).isEqualTo(n.message().title());
        var parts = (MimeMultipart) received[0].getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat((String) parts.getBodyPart(0).getContent()).contains("bjzutrecht.example", "quarantine",
                "Point of no return: 2026-12-09T11:00:00Z", "https://lw.example.org/findings/42");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("text/html");
    }

    @Test
    void email_to_an_unreachable_server_is_a_delivery_failure() {
        var smtp = new SmtpSettings("127.0.0.1", WebhookReceiver.closedPort(), "none", null, null, "a@b.example",
                List.of("c@d.example"), Duration.ofSeconds(2));
        assertThatThrownBy(() -> new EmailChannel(smtp).deliver(quarantineNotification("ops")))
                .isInstanceOf(Channel.DeliveryException.class).hasMessageContaining("did not take the message");
    }

    @Test
    void generic_webhook_is_signed_with_hmac_sha256_and_carries_the_idempotency_key() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var settings = new WebhookSettings("ops", receiver.url(), "generic", "s3cret-for-tests", Duration.ofSeconds(5));
        Notification n = quarantineNotification("ops");
        new WebhookChannel(settings, HttpClient.newHttpClient(), clock).deliver(n);

        WebhookReceiver.Received r = receiver.received().getFirst();
        assertThat(r.header("Idempotency-Key")).isEqualTo(n.key());
        String signature = r.header("X-Lapsewatch-Signature");
        long t = Long.parseLong(signature.substring(2, signature.indexOf(',')));
        assertThat(t).isEqualTo(NOW.getEpochSecond());
        assertThat(signature).isEqualTo(WebhookChannel.sign("s3cret-for-tests", t, r.body()));
        assertThat(signature).isNotEqualTo(WebhookChannel.sign("wrong-secret", t, r.body()));
        JsonNode json = Outbox.JSON.readTree(r.body());
        assertThat(json.get("domain").get("ascii").asText()).isEqualTo("bjzutrecht.example");
        assertThat(json.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(json.get("pointOfNoReturn").asText()).isEqualTo("2026-12-09T11:00:00Z");
        assertThat(json.get("triggerChain")).hasSize(2);
    }

    @Test
    void slack_teams_and_alertmanager_payloads_have_their_formats_shape() throws Exception {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        Notification n = quarantineNotification("ops");
        for (String format : List.of("slack", "teams", "alertmanager")) {
            new WebhookChannel(new WebhookSettings(format, receiver.url(), format, null, null), HttpClient.newHttpClient(), clock)
                    .deliver(n);
        }
        List<JsonNode> bodies = receiver.received().stream().map(r -> {
            try {
                return Outbox.JSON.readTree(r.body());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).toList();
        JsonNode slack = bodies.get(0);
        assertThat(slack.get("text").asText()).contains("bjzutrecht.example");
        assertThat(slack.get("attachments").get(0).get("color").asText()).isEqualTo("danger");
        JsonNode teams = bodies.get(1);
        assertThat(teams.get("type").asText()).isEqualTo("message");
        assertThat(teams.get("attachments").get(0).get("contentType").asText()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(teams.get("attachments").get(0).get("content").get("type").asText()).isEqualTo("AdaptiveCard");
        JsonNode am = bodies.get(2);
        assertThat(am.get("version").asText()).isEqualTo("4");
        assertThat(am.get("status").asText()).isEqualTo("firing");
        JsonNode alert = am.get("alerts").get(0);
        assertThat(alert.get("labels").get("alertname").asText()).isEqualTo("registration_quarantine");
        assertThat(alert.get("labels").get("domain").asText()).isEqualTo("bjzutrecht.example");
        assertThat(alert.get("labels").get("severity").asText()).isEqualTo("critical");
        assertThat(alert.get("startsAt").asText()).isEqualTo(NOW.toString());
        assertThat(alert.get("fingerprint").asText()).hasSize(32);
    }

    @Test
    void a_non_2xx_answer_is_a_delivery_failure() {
        receiver.failWith(503);
        var settings = new WebhookSettings("ops", receiver.url(), "generic", null, Duration.ofSeconds(5));
        assertThatThrownBy(() -> new WebhookChannel(settings, HttpClient.newHttpClient(), Clock.systemUTC())
                .deliver(quarantineNotification("ops")))
                .isInstanceOf(Channel.DeliveryException.class).hasMessageContaining("HTTP 503");
    }
}
