package org.lapsewatch.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.mailflow.Count;
import org.lapsewatch.mailflow.DeliveryStatus;
import org.lapsewatch.mailflow.DomainExposure;
import org.lapsewatch.model.DomainName;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stored exposures on H2 and PostgreSQL: a source's rows are replaced, others kept, and read back
 * intact (via-alias count and samples included).
 */
class ExposureRepositoryTest {
    private static final Instant NOW = Instant.parse("2026-11-29T04:00:00Z");

    private static DomainExposure exposure(String domain, long messages, String source) {
        return new DomainExposure(DomainName.parse(domain), messages, 2, true,
                Map.of(DeliveryStatus.SENT, messages, DeliveryStatus.REJECTED, 3L),
                List.of(new Count("app@samenveilig.example", messages), new Count("<>", 1)),
                List.of(new Count("gw1 postfix-out/smtp", messages)), List.of(new Count("uid 33", messages)),
                Instant.parse("2026-11-01T08:00:00Z"), Instant.parse("2026-11-28T09:30:00.123456Z"),
                List.of("h:0123456789ab@" + domain, "staff@" + domain), messages - 1,
                List.of("h:ba9876543210@samenveilig.example", "team@samenveilig.example"), 1, List.of("/etc/aliases:3 alias jan@" + domain), source);
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void saving_a_source_replaces_its_rows_and_keeps_the_others(TestDatabases.Kind kind) {
        try (TestDatabases.TestDatabase db = kind.open()) {
            ExposureRepository repository = new ExposureRepository(db.database());
            repository.replaceSource("postfix: /var/log/mail.log", List.of(exposure("bjzutrecht.example", 5, "postfix: /var/log/mail.log"),
                    exposure("partner.example", 1, "postfix: /var/log/mail.log")), NOW);
            repository.replaceSource("exim: /var/log/exim4/mainlog", List.of(exposure("bjzutrecht.example", 7, "exim: /var/log/exim4/mainlog")), NOW);
            DomainExposure again = exposure("bjzutrecht.example", 9, "postfix: /var/log/mail.log");
            repository.replaceSource("postfix: /var/log/mail.log", List.of(again), NOW);

            assertThat(repository.list()).extracting(e -> e.domain().ascii() + " " + e.messages())
                    .containsExactly("bjzutrecht.example 9", "bjzutrecht.example 7");
            assertThat(repository.find(DomainName.parse("bjzutrecht.example")).get(0)).isEqualTo(again);
            assertThat(repository.find(DomainName.parse("partner.example"))).isEmpty();
        }
    }
}
