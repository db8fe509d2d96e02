package org.lapsewatch.rules;

import org.junit.jupiter.api.Test;
import org.lapsewatch.model.DomainName;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lapsewatch.model.RegistrationState.*;

class PointOfNoReturnTest {
    private static final Instant NOW = Instant.parse("2026-05-02T12:00:00Z");
    private final TldPolicies policies = TldPolicies.builtIn();

    private PointOfNoReturn of(Observed current, Observed... earlier) {
        TldPolicy policy = policies.policyFor(DomainName.parse(current.registration().domain()));
        return PointOfNoReturn.of(current, List.of(earlier), policy, NOW);
    }

    private static Instant at(String text) {
        return Instant.parse(text);
    }

    @Test
    void gtld_registered_adds_grace_redemption_and_pending_delete_to_the_expiry() {
        var pnr = of(Registrations.registered("example.com").expires("2026-08-01T00:00:00Z").seen("2026-05-01T00:00:00Z"));
        assertThat(pnr).isInstanceOf(PointOfNoReturn.Known.class);
        assertThat(pnr.atOrNull()).isEqualTo(at("2026-10-20T00:00:00Z"));
        assertThat(((PointOfNoReturn.Known) pnr).explanation()).contains("45 d grace", "30 d redemption", "5 d pending delete");
    }

    @Test
    void gtld_in_auto_renew_grace_counts_from_the_old_expiry_not_the_rolled_one() {
        var pnr = of(Registrations.registered("example.org").withStatus("auto renew period").expires("2027-05-01T00:00:00Z")
                .seen("2026-05-02T00:00:00Z"));
        assertThat(pnr.atOrNull()).isEqualTo(at("2026-07-20T00:00:00Z"));
    }

    @Test
    void gtld_redemption_counts_from_the_last_observation_before_it() {
        var registered = Registrations.registered("example.com").expires("2026-03-01T00:00:00Z").seen("2026-04-15T00:00:00Z");
        var redemption = Registrations.registered("example.com").state(REDEMPTION).seen("2026-04-15T06:00:00Z");
        assertThat(of(redemption, registered).atOrNull()).isEqualTo(at("2026-05-20T00:00:00Z"));
        assertThat(of(redemption)).isInstanceOf(PointOfNoReturn.Unknown.class);
    }

    @Test
    void gtld_pending_delete_is_five_days_after_it_began() {
        var redemption = new Observed(1L, Registrations.registered("example.com").state(REDEMPTION).build(),
                at("2026-04-01T00:00:00Z"), at("2026-05-01T00:00:00Z"));
        var pending = Registrations.registered("example.com").state(PENDING_DELETE).seen("2026-05-01T01:00:00Z");
        assertThat(of(pending, redemption).atOrNull()).isEqualTo(at("2026-05-06T00:00:00Z"));
    }

    @Test
    void nl_active_without_expiry_is_unknown_and_says_why() {
        var pnr = of(Registrations.registered("voorbeeld.nl").seen("2026-05-01T00:00:00Z"));
        assertThat(pnr).isInstanceOf(PointOfNoReturn.Unknown.class);
        assertThat(((PointOfNoReturn.Unknown) pnr).reason()).contains(".nl registry publishes no expiry date", "40 d quarantine");
    }

    @Test
    void nl_quarantine_uses_the_published_date_out_of_quarantine() {
        var pnr = of(Registrations.registered("voorbeeld.nl").state(QUARANTINE).releases("2026-06-01T14:00:00Z").seen("2026-04-22T14:00:00Z"));
        assertThat(pnr.atOrNull()).isEqualTo(at("2026-06-01T14:00:00Z"));
        assertThat(((PointOfNoReturn.Known) pnr).explanation()).contains("within 60 minutes");
    }

    @Test
    void nl_rdap_redemption_period_is_the_quarantine() {
        var pnr = of(Registrations.registered("voorbeeld.nl").state(REDEMPTION).withStatus("redemption period", "inactive")
                .releases("2026-06-01T14:00:00Z").seen("2026-04-22T14:00:00Z"));
        assertThat(pnr.atOrNull()).isEqualTo(at("2026-06-01T14:00:00Z"));
        assertThat(((PointOfNoReturn.Known) pnr).explanation()).contains(".nl registry releases it");
    }

    @Test
    void be_and_eu_quarantine_without_a_date_is_forty_days_from_the_cancellation() {
        var active = Registrations.registered("voorbeeld.be").seen("2026-04-01T00:00:00Z");
        var quarantine = Registrations.registered("voorbeeld.be").state(QUARANTINE).seen("2026-04-02T00:00:00Z");
        assertThat(of(quarantine, active).atOrNull()).isEqualTo(at("2026-05-11T00:00:00Z"));
        var activeEu = Registrations.registered("voorbeeld.eu").seen("2026-04-01T00:00:00Z");
        var quarantineEu = Registrations.registered("voorbeeld.eu").state(QUARANTINE).seen("2026-04-02T00:00:00Z");
        assertThat(of(quarantineEu, activeEu).atOrNull()).isEqualTo(at("2026-05-11T00:00:00Z"));
    }

    @Test
    void de_redemption_is_thirty_days_without_pending_delete() {
        var active = Registrations.registered("beispiel.de").seen("2026-04-01T00:00:00Z");
        var redemption = Registrations.registered("beispiel.de").state(REDEMPTION).seen("2026-04-02T00:00:00Z");
        assertThat(of(redemption, active).atOrNull()).isEqualTo(at("2026-05-01T00:00:00Z"));
        assertThat(of(Registrations.registered("beispiel.de").seen("2026-04-01T00:00:00Z"))).isInstanceOf(PointOfNoReturn.Unknown.class);
    }

    @Test
    void uk_and_fr_follow_their_own_tables() {
        assertThat(of(Registrations.registered("example.co.uk").expires("2026-06-01T00:00:00Z").seen("2026-05-01T00:00:00Z")).atOrNull())
                .isEqualTo(at("2026-09-04T00:00:00Z"));
        assertThat(of(Registrations.registered("exemple.fr").expires("2026-06-01T00:00:00Z").seen("2026-05-01T00:00:00Z")).atOrNull())
                .isEqualTo(at("2026-07-01T00:00:00Z"));
    }

    @Test
    void available_is_now_and_unknown_answers_are_unknown() {
        assertThat(of(Registrations.registered("example.com").state(AVAILABLE).seen("2026-05-02T10:00:00Z")).atOrNull())
                .isEqualTo(at("2026-05-02T10:00:00Z"));
        var unknown = of(Registrations.unknown("example.com", THROTTLED, "429 Too Many Requests", "2026-05-02T10:00:00Z"));
        assertThat(((PointOfNoReturn.Unknown) unknown).reason()).contains("429");
        assertThat(of(Registrations.registered("example.com").state(RESERVED).seen("2026-05-02T10:00:00Z")))
                .isInstanceOf(PointOfNoReturn.Unknown.class);
    }

    @Test
    void configured_policies_cover_other_tlds_and_bad_lines_are_refused() {
        var custom = TldPolicies.builtIn(java.util.Map.of(".xyz", "yes 30d 30d 5d 0d 0m"));
        var current = Registrations.registered("example.xyz").expires("2026-06-01T00:00:00Z").seen("2026-05-01T00:00:00Z");
        assertThat(PointOfNoReturn.of(current, List.of(), custom.policyFor(DomainName.parse("example.xyz")), NOW).atOrNull())
                .isEqualTo(at("2026-08-05T00:00:00Z"));
        assertThatThrownBy(() -> TldPolicies.builtIn(java.util.Map.of("xyz", "yes 30 30d 5d 0d 0m")))
                .hasMessageContaining("'xyz'").hasMessageContaining("'30' is not a duration");
    }
}
