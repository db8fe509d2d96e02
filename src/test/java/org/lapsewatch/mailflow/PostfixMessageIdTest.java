package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Synthetic Postfix logs: {@code cleanup message-id=} joined with each attempt, so a message counts
 * once per domain across queue ids (content-filter re-injection), and {@code orig_to=} counted as
 * mail that reached a domain through an alias.
 */
class PostfixMessageIdTest {
    /**
     * A content filter (amavis on 127.0.0.1:10024, re-injecting on :10025): the message arrives as
     * queue id AAA, is handed to the filter, comes back as BBB with the same Message-ID and is then
     * delivered to two recipients at bjzutrecht.example, one of them deferred and retried. Then an
     * unrelated message CCC to the same domain.
     */
    private static final String REINJECTED = """
            Nov 28 09:00:00 gw1 postfix/smtpd[100]: AAA1111111: client=app.samenveilig.example[10.0.0.5]
            Nov 28 09:00:00 gw1 postfix/cleanup[101]: AAA1111111: message-id=<case-42@samenveilig.example>
            Nov 28 09:00:00 gw1 postfix/qmgr[102]: AAA1111111: from=<dossiers@samenveilig.example>, size=9000, nrcpt=2 (queue active)
            Nov 28 09:00:01 gw1 postfix/smtpd[200]: BBB2222222: client=localhost[127.0.0.1]
            Nov 28 09:00:01 gw1 postfix/cleanup[101]: BBB2222222: message-id=<case-42@samenveilig.example>
            Nov 28 09:00:01 gw1 postfix/qmgr[102]: BBB2222222: from=<dossiers@samenveilig.example>, size=9500, nrcpt=2 (queue active)
            Nov 28 09:00:01 gw1 postfix/smtp[103]: AAA1111111: to=<jan@bjzutrecht.example>, relay=127.0.0.1[127.0.0.1]:10024, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as BBB2222222)
            Nov 28 09:00:01 gw1 postfix/smtp[103]: AAA1111111: to=<piet@bjzutrecht.example>, relay=127.0.0.1[127.0.0.1]:10024, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 from MTA(smtp:[127.0.0.1]:10025): 250 2.0.0 Ok: queued as BBB2222222)
            Nov 28 09:00:01 gw1 postfix/qmgr[102]: AAA1111111: removed
            Nov 28 09:00:02 gw1 postfix/smtp[104]: BBB2222222: to=<jan@bjzutrecht.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 09:00:02 gw1 postfix/smtp[104]: BBB2222222: to=<piet@bjzutrecht.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1, delays=0/0/0/1, dsn=4.2.0, status=deferred (mailbox busy)
            Nov 28 09:30:02 gw1 postfix/smtp[104]: BBB2222222: to=<piet@bjzutrecht.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1801, delays=1800/0/0/1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 09:30:02 gw1 postfix/qmgr[102]: BBB2222222: removed
            Nov 28 10:00:00 gw1 postfix/cleanup[101]: CCC3333333: message-id=<case-43@samenveilig.example>
            Nov 28 10:00:01 gw1 postfix/smtp[104]: CCC3333333: to=<jan@bjzutrecht.example>, relay=mx.bjzutrecht.example[198.51.100.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 10:00:01 gw1 postfix/qmgr[102]: CCC3333333: removed
            """;

    @Test
    void a_message_reinjected_by_a_content_filter_counts_once_while_every_attempt_counts() {
        DomainExposure old = Scans.scanText(LogFormat.POSTFIX, REINJECTED).domain("bjzutrecht.example");

        assertThat(old.messages()).isEqualTo(2); // case-42 (AAA and BBB) and case-43
        assertThat(old.attempts(DeliveryStatus.SENT)).isEqualTo(5);
        assertThat(old.attempts(DeliveryStatus.DEFERRED)).isEqualTo(1);
        assertThat(old.recipients()).isEqualTo(2);
        assertThat(old.viaAlias()).isZero();
        assertThat(old.aliasSamples()).isEmpty();
    }

    @Test
    void without_message_ids_each_queue_id_is_a_message() {
        String log = REINJECTED.lines().filter(line -> !line.contains("message-id="))
                .reduce("", (all, line) -> all + line + "\n");

        DomainExposure old = Scans.scanText(LogFormat.POSTFIX, log).domain("bjzutrecht.example");

        assertThat(old.messages()).isEqualTo(3); // AAA, BBB and CCC: nothing says AAA and BBB are one message
        assertThat(old.attempts(DeliveryStatus.SENT)).isEqualTo(5);
    }

    @Test
    void an_empty_message_id_or_a_reused_queue_id_does_not_join_messages() {
        String log = """
                Nov 28 11:00:00 gw1 postfix/cleanup[101]: DDD4444444: message-id=<>
                Nov 28 11:00:01 gw1 postfix/smtp[104]: DDD4444444: to=<jan@bjzutrecht.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
                Nov 28 11:00:01 gw1 postfix/qmgr[102]: DDD4444444: removed
                Nov 28 11:01:00 gw1 postfix/cleanup[101]: EEE5555555: message-id=<>
                Nov 28 11:01:01 gw1 postfix/smtp[104]: EEE5555555: to=<jan@bjzutrecht.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
                Nov 28 11:01:01 gw1 postfix/qmgr[102]: EEE5555555: removed
                Nov 28 11:02:00 gw1 postfix/cleanup[101]: FFF6666666: message-id=<same@samenveilig.example>
                Nov 28 11:02:01 gw1 postfix/smtp[104]: FFF6666666: to=<jan@bjzutrecht.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
                Nov 28 11:02:01 gw1 postfix/qmgr[102]: FFF6666666: removed
                Nov 28 11:03:01 gw1 postfix/smtp[104]: FFF6666666: to=<jan@bjzutrecht.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
                Nov 28 11:04:00 gw1 postfix/cleanup[101]: GGG7777777: message-id=<same@samenveilig.example>
                Nov 28 11:04:01 gw1 postfix/smtp[104]: GGG7777777: to=<jan@partner.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
                """;

        Scans.Result result = Scans.scanText(LogFormat.POSTFIX, log);

        // DDD and EEE have no Message-ID to share; FFF's second life after removed logged none, so
        // it is a new message; GGG shares FFF's id but goes to another domain
        assertThat(result.domain("bjzutrecht.example").messages()).isEqualTo(4);
        assertThat(result.domain("partner.example").messages()).isEqualTo(1);
    }

    /**
     * An alias {@code team@samenveilig.example} expanded to two staff addresses at the retired
     * domain and one local mailbox; a direct message to the domain; and an {@code orig_to} that
     * differs from {@code to} only in case (not an alias).
     */
    private static final String ALIASES = """
            Nov 28 12:00:00 gw1 postfix/pickup[10]: HHH8888888: uid=33 from=<app@samenveilig.example>
            Nov 28 12:00:00 gw1 postfix/cleanup[11]: HHH8888888: message-id=<alias-1@samenveilig.example>
            Nov 28 12:00:01 gw1 postfix/smtp[13]: HHH8888888: to=<jan@bjzutrecht.example>, orig_to=<team@samenveilig.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:00:01 gw1 postfix/smtp[13]: HHH8888888: to=<piet@bjzutrecht.example>, orig_to=<team@samenveilig.example>, relay=mx, delay=1, dsn=4.4.1, status=deferred (timeout)
            Nov 28 12:00:01 gw1 postfix/local[14]: HHH8888888: to=<boss@samenveilig.example>, orig_to=<team@samenveilig.example>, relay=local, delay=1, dsn=2.0.0, status=sent (delivered to mailbox)
            Nov 28 12:10:01 gw1 postfix/smtp[13]: HHH8888888: to=<piet@bjzutrecht.example>, orig_to=<team@samenveilig.example>, relay=mx, delay=601, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:10:01 gw1 postfix/qmgr[12]: HHH8888888: removed
            Nov 28 12:20:00 gw1 postfix/cleanup[11]: III9999999: message-id=<alias-2@samenveilig.example>
            Nov 28 12:20:01 gw1 postfix/smtp[13]: III9999999: to=<jan@bjzutrecht.example>, orig_to=<helpdesk@samenveilig.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:20:01 gw1 postfix/smtp[13]: III9999999: to=<kees@bjzutrecht.example>, orig_to=<Kees@BJZUTRECHT.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:20:01 gw1 postfix/smtp[13]: III9999999: to=<anna@bjzutrecht.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:20:01 gw1 postfix/qmgr[12]: III9999999: removed
            """;

    @Test
    void attempts_through_an_alias_are_counted_with_sample_original_recipients() {
        Scans.Result result = Scans.scanText(ALIASES, AddressPrivacy.clear(), 5);

        DomainExposure old = result.domain("bjzutrecht.example");
        assertThat(old.messages()).isEqualTo(2);
        assertThat(old.viaAlias()).isEqualTo(4); // jan, piet twice via team@; jan via helpdesk@
        assertThat(old.aliasSamples()).containsExactly("team@samenveilig.example", "helpdesk@samenveilig.example");
        assertThat(old.attempts(DeliveryStatus.SENT)).isEqualTo(5);

        DomainExposure own = result.domain("samenveilig.example");
        assertThat(own.viaAlias()).isEqualTo(1);
        assertThat(own.aliasSamples()).containsExactly("team@samenveilig.example");
    }

    @Test
    void alias_samples_are_capped_and_hashed_like_recipients() throws NoSuchAlgorithmException {
        byte[] salt = "pepper".getBytes(StandardCharsets.UTF_8);

        DomainExposure old = Scans.scanText(ALIASES, AddressPrivacy.hashedLocalParts(salt), 1).domain("bjzutrecht.example");

        assertThat(old.viaAlias()).isEqualTo(4);
        assertThat(old.aliasSamples()).containsExactly(hashedLocalPart(salt, "team") + "@samenveilig.example");
        assertThat(old.sampleRecipients()).hasSize(1).allSatisfy(sample -> assertThat(sample).startsWith("h:"));
    }

    @Test
    void hashed_senders_are_counted_per_sender_even_when_two_share_a_cache_slot() throws NoSuchAlgorithmException {
        byte[] salt = "pepper".getBytes(StandardCharsets.UTF_8);
        // two senders whose shown form the aggregator keeps in the same slot, alternating
        String first = "app0@samenveilig.example";
        String second = null;
        for (int i = 1; second == null; i++) {
            String candidate = "app" + i + "@samenveilig.example";
            if ((candidate.hashCode() & (ExposureAggregator.SHOWN_SENDERS - 1)) == (first.hashCode() & (ExposureAggregator.SHOWN_SENDERS - 1))) {
                second = candidate;
            }
        }
        StringBuilder log = new StringBuilder();
        for (int m = 0; m < 6; m++) {
            String queueId = "QQQ00000" + m;
            String sender = m == 5 ? "" : m % 2 == 0 ? first : second;
            log.append("Nov 28 10:00:0").append(m).append(" gw1 postfix/qmgr[1]: ").append(queueId)
                    .append(": from=<").append(sender).append(">, size=900, nrcpt=1 (queue active)\n");
            log.append("Nov 28 10:00:0").append(m).append(" gw1 postfix/smtp[2]: ").append(queueId)
                    .append(": to=<jan@bjzutrecht.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)\n");
        }

        DomainExposure old = Scans.scanText(log.toString(), AddressPrivacy.hashedLocalParts(salt), 1).domain("bjzutrecht.example");

        String firstShown = hashedLocalPart(salt, first.substring(0, first.indexOf('@'))) + "@samenveilig.example";
        String secondShown = hashedLocalPart(salt, second.substring(0, second.indexOf('@'))) + "@samenveilig.example";
        assertThat(old.topSenders()).containsExactlyInAnyOrder(
                new Count(firstShown, 3), new Count(secondShown, 2), new Count("<>", 1));
    }

    private static String hashedLocalPart(byte[] salt, String local) throws NoSuchAlgorithmException {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update(salt);
        return "h:" + HexFormat.of().formatHex(sha.digest(local.getBytes(StandardCharsets.UTF_8)), 0, 6);
    }
}
