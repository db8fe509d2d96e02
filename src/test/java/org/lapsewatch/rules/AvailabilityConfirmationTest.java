package org.lapsewatch.rules;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import static org.assertj.core.api.Assertions.assertThat;

class AvailabilityConfirmationTest {
    private static final Registration FREE = Registrations.registered("bjzutrecht.nl").state(RegistrationState.AVAILABLE)
            .withStatus().registrar(null).withNameservers().build();

    @Test
    void registry_free_and_nxdomain_is_available() {
        var confirmed = AvailabilityConfirmation.confirm(FREE, new TldDelegation(TldDelegation.Answer.NXDOMAIN, "ns1.dns.nl: NXDOMAIN"));
        assertThat(confirmed.state()).isEqualTo(RegistrationState.AVAILABLE);
        assertThat(confirmed.reason()).contains("two sources", "ns1.dns.nl: NXDOMAIN");
    }

    @Test
    void registry_free_while_the_tld_still_delegates_is_unknown() {
        var confirmed = AvailabilityConfirmation.confirm(FREE, new TldDelegation(TldDelegation.Answer.DELEGATED, "ns1.dns.nl: NS ns1.a.nl"));
        assertThat(confirmed.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(confirmed.reason()).contains("registry says free but the TLD still delegates it");
    }

    @Test
    void registry_free_without_a_dns_answer_is_unknown() {
        var confirmed = AvailabilityConfirmation.confirm(FREE, new TldDelegation(TldDelegation.Answer.NO_ANSWER, "timed out"));
        assertThat(confirmed.state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(confirmed.reason()).contains("gave no answer");
    }

    @Test
    void other_states_pass_through_and_nxdomain_alone_never_makes_available() {
        var quarantine = Registrations.registered("bjzutrecht.nl").state(RegistrationState.QUARANTINE).build();
        var nx = new TldDelegation(TldDelegation.Answer.NXDOMAIN, "NXDOMAIN");
        assertThat(AvailabilityConfirmation.confirm(quarantine, nx)).isSameAs(quarantine);
        var timeout = Registration.unknown("bjzutrecht.nl", Registration.Source.WHOIS, "whois", RegistrationState.UNKNOWN, "timed out");
        assertThat(AvailabilityConfirmation.confirm(timeout, nx).state()).isEqualTo(RegistrationState.UNKNOWN);
        assertThat(AvailabilityConfirmation.needsDelegationCheck(quarantine)).isFalse();
    }
}
