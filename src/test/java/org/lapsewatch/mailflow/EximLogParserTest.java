package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Exim main logs with 16- and 23-character message ids, pids, zones and every delivery marker. */
class EximLogParserTest {
    private static final String LOG = """
            2026-11-28 09:00:00 exim 4.96 daemon started: pid=100, -q30m, listening for SMTP on port 25
            2026-11-28 09:00:01 1vAbCd-000Xyz-Ab <= app@samenveilig.example U=www-data P=local S=1200 id=m1@samenveilig.example
            2026-11-28 09:00:02 1vAbCd-000Xyz-Ab => staff@bjzutrecht.example R=dnslookup T=remote_smtp H=mx.bjzutrecht.example [198.51.100.1] C="250 OK"
            2026-11-28 09:00:02 1vAbCd-000Xyz-Ab -> boss@bjzutrecht.example R=dnslookup T=remote_smtp H=mx.bjzutrecht.example [198.51.100.1]
            2026-11-28 09:00:02 1vAbCd-000Xyz-Ab Completed
            2026-11-28 09:05:00 [4242] 1vEfGh-00000000AbC-Defg <= <> H=mx.partner.example (helo) [192.0.2.7] P=esmtp S=300
            2026-11-28 09:05:01 [4242] 1vEfGh-00000000AbC-Defg == staff@bjzutrecht.example R=dnslookup T=remote_smtp defer (-44): SMTP error from remote mail server
            2026-11-28 10:05:01 +0100 [4243] 1vEfGh-00000000AbC-Defg ** staff@bjzutrecht.example <alias@samenveilig.example>: Unrouteable address
            2026-11-28 09:05:02 1vEfGh-00000000AbC-Defg Completed
            2026-11-28 09:06:00 1vIjKl-000Mno-Pq <= root@samenveilig.example U=root P=local S=10
            2026-11-28 09:06:01 1vIjKl-000Mno-Pq => jan <jan@samenveilig.example> R=localuser T=local_delivery
            not a line exim writes
            """;

    @Test
    void arrivals_deliveries_failures_and_defers_are_joined_by_message_id() {
        Scans.Result result = Scans.scanText(LogFormat.AUTO, LOG);

        assertThat(result.formats()).containsExactly(LogFormat.EXIM);
        DomainExposure old = result.domain("bjzutrecht.example");
        assertThat(old.messages()).isEqualTo(2);
        assertThat(old.recipients()).isEqualTo(2);
        assertThat(old.attempts(DeliveryStatus.SENT)).isEqualTo(2);
        assertThat(old.attempts(DeliveryStatus.DEFERRED)).isEqualTo(1);
        assertThat(old.attempts(DeliveryStatus.BOUNCED)).isEqualTo(1);
        assertThat(old.topSenders()).containsExactly(new Count("<>", 2), new Count("app@samenveilig.example", 2));
        assertThat(old.topOrigins()).containsExactly(new Count("host mx.partner.example", 2), new Count("user www-data", 2));
        assertThat(old.topSystems()).containsExactly(new Count("exim T=remote_smtp", 3), new Count("exim", 1));
        assertThat(old.firstSeen()).isEqualTo(Instant.parse("2026-11-28T09:00:02Z"));
        assertThat(old.lastSeen()).isEqualTo(Instant.parse("2026-11-28T09:05:01Z"));

        DomainExposure own = result.domain("samenveilig.example");
        assertThat(own.attempts(DeliveryStatus.SENT)).isEqualTo(1);
        assertThat(own.sampleRecipients()).containsExactly("jan@samenveilig.example");
        assertThat(result.summary().malformed()).isEqualTo(1);
    }
}
