package org.lapsewatch.store;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.rules.DnsReference;
import org.lapsewatch.rules.Reference;
import org.lapsewatch.rules.ReferenceKind;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Stored DNS references on H2 and PostgreSQL: a zone's rows are replaced, others kept, asked for by registrable target. */
class DnsReferenceRepositoryTest {
    private static final DomainName ACTIVE = DomainName.parse("samenveilig.example");
    private static final DomainName OTHER = DomainName.parse("partner.example");
    private static final DomainName RETIRED = DomainName.parse("bjzutrecht.example");
    private static final Instant FIRST = Instant.parse("2026-11-29T04:00:00Z");
    private static final Instant LATER = Instant.parse("2026-11-29T10:00:00.123456Z");

    private static final DnsReference MX = new DnsReference(ReferenceKind.MX, "samenveilig.example", "mail.bjzutrecht.example.",
            List.of("samenveilig.example MX", "mail.bjzutrecht.example"), DnsReference.Resolution.RESOLVES);
    private static final DnsReference SPF = new DnsReference(ReferenceKind.SPF, "samenveilig.example", "_spf.bjzutrecht.example",
            List.of("samenveilig.example SPF", "include:_spf.bjzutrecht.example"));
    private static final DnsReference ELSEWHERE = new DnsReference(ReferenceKind.CNAME, "www.samenveilig.example", "cdn.vendor.example",
            List.of("www.samenveilig.example CNAME", "cdn.vendor.example"));
    private static final DnsReference NO_DOMAIN = new DnsReference(ReferenceKind.MX, "samenveilig.example", "localhost",
            List.of("samenveilig.example MX", "localhost"));

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void references_are_found_by_the_registrable_domain_of_their_target(TestDatabases.Kind kind) {
        try (TestDatabases.TestDatabase db = kind.open()) {
            var repository = new DnsReferenceRepository(db.database());
            repository.replaceZone(ACTIVE, List.of(MX, SPF, ELSEWHERE, NO_DOMAIN), FIRST);

            List<DnsReferenceRepository.Stored> found = repository.referencesTo(RETIRED);
            assertThat(found).containsExactlyInAnyOrder(new DnsReferenceRepository.Stored(ACTIVE, MX, FIRST),
                    new DnsReferenceRepository.Stored(ACTIVE, SPF, FIRST));
            assertThat(found).extracting(DnsReferenceRepository.Stored::asReference).contains(
                    new Reference(Reference.Kind.DNS, "samenveilig.example MX → mail.bjzutrecht.example", FIRST));
            assertThat(repository.referencesTo(DomainName.parse("vendor.example"))).extracting(s -> s.reference())
                    .containsExactly(ELSEWHERE);
            assertThat(repository.referencesTo(DomainName.parse("unrelated.example"))).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void saving_a_zone_replaces_its_rows_and_keeps_the_other_zones(TestDatabases.Kind kind) {
        try (TestDatabases.TestDatabase db = kind.open()) {
            var repository = new DnsReferenceRepository(db.database());
            DnsReference otherMx = new DnsReference(ReferenceKind.MX, "partner.example", "mx.bjzutrecht.example",
                    List.of("partner.example MX", "mx.bjzutrecht.example"));
            repository.replaceZone(ACTIVE, List.of(MX, SPF), FIRST);
            repository.replaceZone(OTHER, List.of(otherMx), FIRST);

            repository.replaceZone(ACTIVE, List.of(SPF), LATER);
            assertThat(repository.referencesTo(RETIRED)).containsExactly(new DnsReferenceRepository.Stored(OTHER, otherMx, FIRST),
                    new DnsReferenceRepository.Stored(ACTIVE, SPF, LATER));

            repository.replaceZone(ACTIVE, List.of(), LATER);
            assertThat(repository.referencesTo(RETIRED)).extracting(DnsReferenceRepository.Stored::sourceZone).containsExactly(OTHER);
        }
    }
}
