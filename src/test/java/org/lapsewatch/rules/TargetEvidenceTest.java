package org.lapsewatch.rules;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Unregistered" needs both sources (DESIGN.md §6); everything less is unverified. */
class TargetEvidenceTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final DomainName DOMAIN = DomainName.parse("vendor.com");

    private static TargetEvidence evidence(RegistrationState state, Instant expires, TargetEvidence.TldAnswer tld) {
        Registration r = state.isUnknown()
                ? Registration.unknown("vendor.com", Registration.Source.RDAP, "rdap.example", state, "429 Too Many Requests")
                : new Registration("vendor.com", Registration.Source.RDAP, "rdap.example", state, List.of(), null, null, expires,
                null, null, List.of(), null, null);
        return new TargetEvidence(DOMAIN, r, tld, tld == TargetEvidence.TldAnswer.UNKNOWN ? "timeout" : null);
    }

    @Test
    void available_at_the_registry_and_nxdomain_at_the_tld_is_unregistered() {
        assertThat(evidence(RegistrationState.AVAILABLE, null, TargetEvidence.TldAnswer.NXDOMAIN).verdict(NOW))
                .isEqualTo(new TargetEvidence.Verdict(TargetEvidence.Status.UNREGISTERED, "unregistered"));
    }

    @Test
    void one_source_alone_is_never_unregistered() {
        assertThat(evidence(RegistrationState.AVAILABLE, null, TargetEvidence.TldAnswer.DELEGATED).verdict(NOW).status())
                .isEqualTo(TargetEvidence.Status.UNVERIFIED);
        assertThat(evidence(RegistrationState.AVAILABLE, null, TargetEvidence.TldAnswer.UNKNOWN).verdict(NOW).status())
                .isEqualTo(TargetEvidence.Status.UNVERIFIED);
        assertThat(evidence(RegistrationState.THROTTLED, null, TargetEvidence.TldAnswer.NXDOMAIN).verdict(NOW))
                .isEqualTo(new TargetEvidence.Verdict(TargetEvidence.Status.UNVERIFIED,
                        "could not verify: registry throttled (429 Too Many Requests)"));
        assertThat(evidence(RegistrationState.UNKNOWN, null, TargetEvidence.TldAnswer.NXDOMAIN).verdict(NOW).status())
                .isEqualTo(TargetEvidence.Status.UNVERIFIED);
    }

    @Test
    void ending_states_and_expiry_within_thirty_days_are_lapsing() {
        for (RegistrationState s : List.of(RegistrationState.GRACE, RegistrationState.HOLD, RegistrationState.REDEMPTION,
                RegistrationState.QUARANTINE, RegistrationState.PENDING_DELETE)) {
            assertThat(evidence(s, null, TargetEvidence.TldAnswer.DELEGATED).verdict(NOW).status())
                    .as(s.name()).isEqualTo(TargetEvidence.Status.LAPSING);
        }
        assertThat(evidence(RegistrationState.REGISTERED, NOW.plus(Duration.ofDays(29)), TargetEvidence.TldAnswer.DELEGATED)
                .verdict(NOW)).isEqualTo(new TargetEvidence.Verdict(TargetEvidence.Status.LAPSING, "expires 2026-03-30T00:00:00Z"));
        assertThat(evidence(RegistrationState.REGISTERED, NOW.plus(Duration.ofDays(31)), TargetEvidence.TldAnswer.DELEGATED)
                .verdict(NOW).status()).isEqualTo(TargetEvidence.Status.REGISTERED);
        assertThat(evidence(RegistrationState.REGISTERED, null, TargetEvidence.TldAnswer.DELEGATED).verdict(NOW).status())
                .isEqualTo(TargetEvidence.Status.REGISTERED);
    }
}
