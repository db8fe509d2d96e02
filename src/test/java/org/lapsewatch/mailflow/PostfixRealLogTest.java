package org.lapsewatch.mailflow;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real Postfix 3.7 logs of the shared corpus, in all three prefix styles, read in place. */
class PostfixRealLogTest {

    @ParameterizedTest
    @ValueSource(strings = {"mail-traditional.log", "mail-rfc3339.log", "mail-rfc5424.log"})
    void every_prefix_style_gives_the_same_exposures(String file) {
        Scans.Result result = Scans.scanFiles(LogFormat.AUTO, List.of(Scans.corpus(file).toString()));

        assertThat(result.formats()).containsExactly(LogFormat.POSTFIX);
        assertThat(result.byDomain()).containsOnlyKeys("agency.example", "olddomain.example");
        DomainExposure old = result.domain("olddomain.example");
        assertThat(old.messages()).isEqualTo(2);
        assertThat(old.recipients()).isEqualTo(1);
        assertThat(old.attempts(DeliveryStatus.BOUNCED)).isEqualTo(1);
        assertThat(old.attempts(DeliveryStatus.REJECTED)).isEqualTo(1);
        assertThat(old.attempts(DeliveryStatus.SENT)).isZero();
        assertThat(old.topSenders()).containsExactly(new Count("app@agency.example", 2));
        assertThat(old.topOrigins()).extracting(Count::value).containsExactlyInAnyOrder("uid 0", "client localhost[127.0.0.1]");
        assertThat(old.lastSeen()).isBetween(Instant.parse("2026-11-28T17:46:24Z"), Instant.parse("2026-11-28T17:46:25Z"));
        DomainExposure agency = result.domain("agency.example");
        assertThat(agency.messages()).isEqualTo(2);
        assertThat(agency.recipients()).isEqualTo(2);
        assertThat(agency.attempts(DeliveryStatus.SENT)).isEqualTo(2);
        assertThat(agency.topSenders()).extracting(Count::value).containsExactlyInAnyOrder("<>", "app@agency.example");
        assertThat(result.summary().malformed()).isZero();
        assertThat(result.summary().lines()).isEqualTo(25);
    }

    @Test
    void a_message_with_one_rejected_recipient_counts_both_domains() {
        Scans.Result result = Scans.scanFiles(LogFormat.POSTFIX, List.of(Scans.corpus("postfix-multircpt.log").toString()));

        assertThat(result.domain("agency.example").attempts(DeliveryStatus.SENT)).isEqualTo(1);
        assertThat(result.domain("olddomain.example").attempts(DeliveryStatus.REJECTED)).isEqualTo(1);
        assertThat(result.domain("olddomain.example").topOrigins()).containsExactly(new Count("client localhost[127.0.0.1]", 1));
    }

    /**
     * Counts checked independently with grep on the decompressed log: 50,004 {@code status=sent}
     * to agency.example plus one rejected RCPT; 23,001 RCPT rejects, 2 sent and 3 bounced to
     * (sub.)olddomain.example; 5 deferred attempts to lapsed.example; 2 local deliveries to
     * {@code retired@localhost} (forwarded), which have no registrable domain.
     */
    @Test
    void the_full_run_is_read_with_exact_counts() {
        Scans.Result result = Scans.scanFiles(LogFormat.AUTO, List.of(Scans.corpus("postfix-full.log.gz").toString()));

        assertThat(result.summary().lines()).isEqualTo(359_339);
        assertThat(result.byDomain()).containsOnlyKeys("agency.example", "olddomain.example", "lapsed.example");
        DomainExposure agency = result.domain("agency.example");
        assertThat(agency.attempts(DeliveryStatus.SENT)).isEqualTo(50_004);
        assertThat(agency.attempts(DeliveryStatus.REJECTED)).isEqualTo(1);
        assertThat(agency.messages()).isEqualTo(50_005);
        DomainExposure old = result.domain("olddomain.example");
        assertThat(old.attempts(DeliveryStatus.REJECTED)).isEqualTo(23_001);
        assertThat(old.attempts(DeliveryStatus.SENT)).isEqualTo(2);
        assertThat(old.attempts(DeliveryStatus.BOUNCED)).isEqualTo(3);
        assertThat(old.recipients()).isEqualTo(2);
        DomainExposure lapsed = result.domain("lapsed.example");
        assertThat(lapsed.messages()).isEqualTo(1);
        assertThat(lapsed.attempts(DeliveryStatus.DEFERRED)).isEqualTo(5);
        assertThat(result.summary().unparsableAddresses()).isEqualTo(2);
        assertThat(result.summary().malformed()).isZero();
        assertThat(result.summary().evictedBySize() + result.summary().evictedByAge()).isZero();
    }
}
