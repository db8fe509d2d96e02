package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The delivery attempts the Postfix reader reports, field by field, before any aggregation. */
class PostfixDeliveryTest {
    private final List<Delivery> deliveries = new ArrayList<>();
    private final PostfixLogParser parser = new PostfixLogParser(deliveries::add, new ScanCounters(), ZoneOffset.UTC,
            YearMonth.of(2026, 11), 100, Duration.ofDays(7));

    private void feed(String... lines) {
        for (String line : lines) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            parser.line(bytes, 0, bytes.length);
        }
    }

    @Test
    void orig_to_after_alias_expansion_is_kept_with_the_final_recipient() {
        feed("Nov 28 16:32:43 mta postfix/pickup[1]: 824E816056F: uid=0 from=<app@agency.example>",
                "Nov 28 16:32:43 mta postfix/smtp[6197]: 824E816056F: to=<staff@olddomain.example>, orig_to=<retired@localhost>, "
                        + "relay=127.0.0.1[127.0.0.1]:2526, delay=0, delays=0/0/0/0, dsn=2.0.0, status=sent (250 2.0.0 Ok)",
                "Nov 28 16:32:44 mta postfix/qmgr[5]: 824E816056F: removed");

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.message().key()).isEqualTo("mta postfix 824E816056F");
            assertThat(d).isEqualTo(new Delivery(Instant.parse("2026-11-28T16:32:43Z"), d.message(), null,
                    "staff@olddomain.example", "retired@localhost", "app@agency.example", "mta postfix/smtp", "uid 0",
                    DeliveryStatus.SENT));
        });
        assertThat(parser.openMessages()).isZero();
    }

    @Test
    void attempts_of_one_queue_id_share_one_message_until_removed_and_a_reused_queue_id_is_another() {
        feed("Nov 28 16:32:43 mta postfix/qmgr[5]: 824E816056F: from=<app@agency.example>, size=1, nrcpt=2 (queue active)",
                "Nov 28 16:32:44 mta postfix/smtp[6197]: 824E816056F: to=<a@olddomain.example>, relay=none, delay=1, "
                        + "dsn=4.4.1, status=deferred (connect timed out)",
                "Nov 28 16:32:45 mta postfix/smtp[6197]: 824E816056F: to=<b@olddomain.example>, relay=mx, delay=2, "
                        + "dsn=2.0.0, status=sent (250 ok)",
                "Nov 28 16:32:46 mta postfix/qmgr[5]: 824E816056F: removed",
                "Nov 28 16:40:00 mta postfix/qmgr[5]: 824E816056F: from=<other@agency.example>, size=1, nrcpt=1 (queue active)",
                "Nov 28 16:40:01 mta postfix/smtp[6197]: 824E816056F: to=<a@olddomain.example>, relay=mx, delay=1, "
                        + "dsn=2.0.0, status=sent (250 ok)",
                "Nov 28 16:40:02 mta postfix-out/smtp[7000]: 824E816056F: to=<c@olddomain.example>, relay=mx, delay=1, "
                        + "dsn=2.0.0, status=sent (250 ok)");

        assertThat(deliveries).hasSize(4);
        assertThat(deliveries.get(1).message()).isSameAs(deliveries.get(0).message());
        assertThat(deliveries.get(2).message()).isNotSameAs(deliveries.get(0).message());
        assertThat(deliveries.get(2).sender()).isEqualTo("other@agency.example");
        // another instance's queue id is another message, whatever its letters
        assertThat(deliveries.get(3).message()).isNotSameAs(deliveries.get(2).message());
        assertThat(deliveries.get(3).message().key()).isEqualTo("mta postfix-out 824E816056F");
    }

    @Test
    void the_cleanup_message_id_is_joined_with_every_attempt_of_its_queue_id() {
        feed("Nov 28 16:32:43 mta postfix/pickup[1]: 824E816056F: uid=0 from=<app@agency.example>",
                "Nov 28 16:32:43 mta postfix/cleanup[7]: 824E816056F: message-id=<20261128.abc@agency.example>",
                "Nov 28 16:32:43 mta postfix/cleanup[7]: 9A0B1C2D3E4: message-id=bare-id@agency.example",
                "Nov 28 16:32:43 mta postfix/cleanup[7]: 5F5F5F5F5F5: message-id=<>",
                "Nov 28 16:32:44 mta postfix/smtp[6197]: 824E816056F: to=<a@olddomain.example>, relay=none, delay=1, "
                        + "dsn=4.4.1, status=deferred (connect timed out)",
                "Nov 28 16:32:45 mta postfix/smtp[6197]: 9A0B1C2D3E4: to=<b@olddomain.example>, relay=none, delay=1, "
                        + "dsn=2.0.0, status=sent (250 ok)",
                "Nov 28 16:32:46 mta postfix/smtp[6197]: 5F5F5F5F5F5: to=<c@olddomain.example>, relay=none, delay=1, "
                        + "dsn=2.0.0, status=sent (250 ok)",
                "Nov 28 16:32:47 mta postfix/smtp[6197]: 824E816056F: to=<a@olddomain.example>, relay=mx, delay=4, "
                        + "dsn=2.0.0, status=sent (250 ok)");

        assertThat(deliveries).extracting(Delivery::messageId).containsExactly("20261128.abc@agency.example",
                "bare-id@agency.example", null, "20261128.abc@agency.example");
    }

    @Test
    void a_noqueue_reject_is_a_rejected_attempt_with_its_client_and_sender() {
        feed("Nov 28 17:46:24 vm postfix/smtpd[2363]: NOQUEUE: reject: RCPT from localhost[127.0.0.1]: 554 5.7.1 "
                + "<staff@olddomain.example>: Recipient address rejected: no longer ours; from=<app@agency.example> "
                + "to=<staff@olddomain.example> proto=ESMTP helo=<vm>");

        assertThat(deliveries).singleElement().satisfies(d -> {
            assertThat(d.status()).isEqualTo(DeliveryStatus.REJECTED);
            assertThat(d.recipient()).isEqualTo("staff@olddomain.example");
            assertThat(d.sender()).isEqualTo("app@agency.example");
            assertThat(d.origin()).isEqualTo("client localhost[127.0.0.1]");
            assertThat(d.system()).isEqualTo("vm postfix/smtpd");
        });
    }
}
