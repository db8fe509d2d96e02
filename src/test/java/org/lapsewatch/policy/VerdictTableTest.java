package org.lapsewatch.policy;

import org.junit.jupiter.api.Test;
import org.lapsewatch.config.PolicySettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.RuleIds;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VerdictTableTest {
    private final VerdictTable table = Gateway.table(Gateway.settings());

    @Test
    void each_lifecycle_and_finding_becomes_the_configured_action() {
        assertThat(table.verdicts()).extracting(v -> v.domain().ascii() + "=" + v.action().wireName())
                .containsExactly("bjzutrecht.nl=reject", "jeugdzorg-oud.nl=defer", "pendingdelete.example=hold",
                        "released.example=reject", "stillours.nl=warn");
        assertThat(table.find("staff@bjzutrecht.nl")).get().extracting(Verdict::reason)
                .isEqualTo("registered by someone else");
        assertThat(table.find("x@stillours.nl")).get().extracting(Verdict::reason).isEqualTo("retired since 2015-01-01");
        assertThat(table.find("x@released.example")).get().extracting(Verdict::reason)
                .isEqualTo("decommissioned, no longer ours");
    }

    @Test
    void active_domains_and_unknown_domains_are_allowed() {
        assertThat(table.find("jan@samenveilig.nl")).isEmpty();
        assertThat(table.find("someone@example.org")).isEmpty();
    }

    @Test
    void a_recipient_in_a_subdomain_matches_its_registrable_domain_in_any_case() {
        assertThat(table.find("Staff@MAIL.BJZUtrecht.NL")).get().extracting(v -> v.domain().ascii())
                .isEqualTo("bjzutrecht.nl");
        assertThat(table.find("staff@a.b.c.bjzutrecht.nl.")).isPresent();
        assertThat(table.find("staff@notbjzutrecht.nl")).isEmpty();
        assertThat(table.find("staff@bjzutrecht.nl.evil.example")).isEmpty();
    }

    @Test
    void socketmap_key_forms_all_match() {
        assertThat(table.find("bjzutrecht.nl")).isPresent();
        assertThat(table.find("mail.bjzutrecht.nl")).isPresent();
        assertThat(table.find(".bjzutrecht.nl")).isPresent();
        assertThat(table.find(".nl")).isEmpty();
        assertThat(table.find("*")).isEmpty();
    }

    @Test
    void quoted_local_parts_with_at_signs_use_the_domain_after_the_last_at() {
        assertThat(table.find("\"a@samenveilig.nl\"@bjzutrecht.nl")).isPresent();
        assertThat(table.find("\"a@bjzutrecht.nl\"@samenveilig.nl")).isEmpty();
    }

    @Test
    void internationalized_recipients_are_converted_to_a_labels() {
        VerdictTable idn = VerdictTable.build(List.of(Gateway.retired("bücher.de")),
                List.of(Gateway.finding(RuleIds.AVAILABLE, "bücher.de")), VerdictPolicy.defaults());
        assertThat(idn.find("anna@Bücher.de")).get().extracting(Verdict::action).isEqualTo(Action.REJECT);
        assertThat(idn.find("anna@xn--bcher-kva.de")).isPresent();
        assertThat(idn.find("anna@b\u00fccher.de")).isPresent();
    }

    @Test
    void the_strongest_action_wins_and_keeps_its_reason() {
        VerdictTable t = VerdictTable.build(List.of(Gateway.retired("old.nl")),
                List.of(Gateway.finding(RuleIds.QUARANTINE, "old.nl"), Gateway.finding(RuleIds.AVAILABLE, "old.nl"),
                        Gateway.finding(RuleIds.UNKNOWN_TOO_LONG, "old.nl")),
                VerdictPolicy.defaults());
        assertThat(t.find("old.nl")).contains(new Verdict(DomainName.parse("old.nl"), Action.REJECT,
                "registration lapsed, available to anyone"));
    }

    @Test
    void active_domains_only_react_to_the_strongest_evidence() {
        List<InventoryEntry> inventory = List.of(InventoryEntry.of(DomainName.parse("live.nl"), Lifecycle.ACTIVE),
                InventoryEntry.of(DomainName.parse("stolen.nl"), Lifecycle.ACTIVE));
        VerdictTable t = VerdictTable.build(inventory, List.of(Gateway.finding(RuleIds.UNKNOWN_TOO_LONG, "live.nl"),
                Gateway.finding(RuleIds.RE_REGISTERED, "stolen.nl")), VerdictPolicy.defaults());
        assertThat(t.find("live.nl")).isEmpty();
        assertThat(t.find("stolen.nl")).get().extracting(Verdict::action).isEqualTo(Action.REJECT);
    }

    @Test
    void findings_about_domains_outside_the_inventory_count_too() {
        VerdictTable t = VerdictTable.build(List.of(), List.of(Gateway.finding(RuleIds.RE_REGISTERED, "supplier.example")),
                VerdictPolicy.defaults());
        assertThat(t.find("x@supplier.example")).isPresent();
    }

    @Test
    void allowlisted_domains_are_never_blocked() {
        PolicySettings s = new PolicySettings(null, null, null, null, null, null, null, null, null, null, null, null,
                null, List.of("BJZUtrecht.nl"), null, null, null, null, null);
        VerdictTable t = Gateway.table(s);
        assertThat(t.find("staff@bjzutrecht.nl")).isEmpty();
        assertThat(t.find("staff@jeugdzorg-oud.nl")).isPresent();
    }

    @Test
    void sender_exceptions_match_an_address_or_a_whole_sender_domain() {
        PolicySettings s = new PolicySettings(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, Map.of("archive@samenveilig.nl", List.of("bjzutrecht.nl"),
                "@backup.samenveilig.nl", List.of("*")), null, null, null, null);
        VerdictTable t = Gateway.table(s);
        int i = t.indexOf(ascii("staff@bjzutrecht.nl"), 0, "staff@bjzutrecht.nl".length());
        assertThat(t.exempts("Archive@SamenVeilig.nl", i)).isTrue();
        assertThat(t.exempts("someone@samenveilig.nl", i)).isFalse();
        assertThat(t.exempts("", i)).isFalse();
        assertThat(t.exempts("job@backup.samenveilig.nl", i)).isTrue();
        int j = t.indexOf(ascii("x@jeugdzorg-oud.nl"), 0, "x@jeugdzorg-oud.nl".length());
        assertThat(t.exempts("archive@samenveilig.nl", j)).isFalse();
    }

    @Test
    void replies_name_the_domain_and_why() {
        int i = t("staff@bjzutrecht.nl");
        assertThat(new String(table.policyReplyAt(i), StandardCharsets.US_ASCII))
                .isEqualTo("action=REJECT 5.7.1 Lapsewatch: bjzutrecht.nl is no longer ours (registered by someone else)\n\n");
        String payload = "OK error:5.7.1 Lapsewatch: bjzutrecht.nl is no longer ours (registered by someone else)";
        assertThat(new String(table.transportReplyAt(i), StandardCharsets.US_ASCII))
                .isEqualTo(payload.length() + ":" + payload + ",");
    }

    @Test
    void a_bad_domain_in_the_policy_names_its_key() {
        PolicySettings badAllowlist = new PolicySettings(null, null, null, null, null, null, null, null, null, null,
                null, null, null, List.of("not a domain"), null, null, null, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerdictPolicy.from(badAllowlist))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowlist: 'not a domain'");
        PolicySettings badException = new PolicySettings(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, Map.of("archive@samenveilig.nl", List.of("..")), null, null, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VerdictPolicy.from(badException))
                .hasMessageContaining("senderExceptions.archive@samenveilig.nl");
    }

    @Test
    void ascii_lookups_allocate_nothing() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        byte[][] recipients = {ascii("Staff@MAIL.BJZUtrecht.NL"), ascii("jan@samenveilig.nl"), ascii("x@a.b.c.example.org")};
        int warmed = 0;
        for (int warm = 0; warm < 20_000; warm++) {
            warmed += table.indexOf(recipients[warm % 3], 0, recipients[warm % 3].length);
        }
        int found = 0;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 100_000; i++) {
            found += table.indexOf(recipients[i % 3], 0, recipients[i % 3].length) >= 0 ? 1 : 0;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(found).as("every third recipient is at bjzutrecht.nl").isEqualTo(33_334);
        assertThat(warmed).isNotZero();
        // One 16-byte object per lookup would be 1.6 MB; a few KB is the JVM's own noise (JIT, TLAB refills).
        assertThat(allocated).as("bytes allocated by 100,000 lookups").isLessThan(64 * 1024);
    }

    @Test
    void an_empty_table_allows_everything() {
        assertThat(VerdictTable.empty().find("staff@bjzutrecht.nl")).isEqualTo(Optional.empty());
    }

    private int t(String recipient) {
        return table.indexOf(ascii(recipient), 0, recipient.length());
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
