package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The aggregator fed attempts directly, where a log would hide the corner being tested. */
class ExposureAggregatorTest {
    private final ScanCounters counters = new ScanCounters();
    private final ExposureAggregator aggregator = new ExposureAggregator(AddressPrivacy.clear(), 5, counters);
    private int message;

    private void attempt(String recipient) {
        aggregator.delivery(new Delivery(Instant.parse("2026-11-28T09:00:00Z"), new LoggedMessage("m" + (++message)), null,
                recipient, null, "app@agency.example", "gw1 postfix/smtp", null, DeliveryStatus.SENT));
    }

    /**
     * Far more hosts than the table of recent hosts has slots, so hosts share slots and push each
     * other out, in a random order; upper-case hosts, subdomains, an IP literal and a bare name in
     * between. Every attempt must land at its registrable domain, whatever the table held.
     */
    @Test
    void every_attempt_counts_at_its_registrable_domain_while_hosts_share_and_take_over_slots() {
        Random random = new Random(1207);
        Map<String, Long> expected = new TreeMap<>();
        long unparsable = 0;
        for (int i = 0; i < 60_000; i++) {
            int domain = random.nextInt(3_000);
            int form = random.nextInt(10);
            String host = switch (form) {
                case 0 -> "MX" + random.nextInt(5) + ".D" + domain + ".EXAMPLE";
                case 1 -> "mail.d" + domain + ".example";
                case 2 -> "[192.0.2." + random.nextInt(256) + "]";
                case 3 -> "localhost";
                default -> "d" + domain + ".example";
            };
            attempt("user" + random.nextInt(50) + "@" + host);
            if (form == 2 || form == 3) {
                unparsable++;
            } else {
                expected.merge("d" + domain + ".example", 1L, Long::sum);
            }
        }

        Map<String, Long> counted = aggregator.exposures().stream()
                .collect(Collectors.toMap(e -> e.domain().ascii(), DomainExposure::messages, (a, b) -> a, TreeMap::new));
        assertThat(counted).isEqualTo(expected);
        assertThat(counters.summary().unparsableAddresses()).isEqualTo(unparsable).isPositive();
        assertThat(aggregator.exposures().stream().collect(Collectors.toMap(e -> e.domain().ascii(), Function.identity()))
                .get("d7.example").attempts(DeliveryStatus.SENT)).isEqualTo(expected.get("d7.example"));
    }

    @Test
    void an_address_without_a_host_is_unparsable() {
        attempt("nobody@");
        attempt("nobody");
        attempt("user@d1.example");

        assertThat(counters.summary().unparsableAddresses()).isEqualTo(2);
        assertThat(aggregator.exposures()).singleElement().satisfies(e -> assertThat(e.domain().ascii()).isEqualTo("d1.example"));
    }

    /** Near-identical addresses and Message-IDs (one character apart, characters swapped across lanes) stay apart. */
    @Test
    void fingerprints_of_similar_addresses_and_message_ids_do_not_collide() {
        java.util.Set<Long> prints = new java.util.HashSet<>();
        int made = 0;
        for (int i = 0; i < 100_000; i++) {
            String id = Integer.toString(i, 36);
            for (String text : new String[]{"user" + id + "@d1.example", id + "@d1.example",
                    "20261128." + id + ".abc@agency.example", new StringBuilder("user" + id + "@d1.example").reverse().toString()}) {
                prints.add(ExposureAggregator.fingerprint(text));
                made++;
            }
        }
        assertThat(prints).hasSize(made);
        assertThat(ExposureAggregator.fingerprint("abcd@x.example")).isNotEqualTo(ExposureAggregator.fingerprint("bacd@x.example"));
        assertThat(ExposureAggregator.fingerprint("")).isNotEqualTo(ExposureAggregator.fingerprint("\0"));
    }
}
