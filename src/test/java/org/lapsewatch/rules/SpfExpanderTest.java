package org.lapsewatch.rules;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SPF term parser and the RFC 7208 expansion, against an in-memory DNS. */
class SpfExpanderTest {

    /** TXT, MX and address answers from maps; a name in {@code failing} answers SERVFAIL. */
    private static final class MapDns implements SpfExpander.Lookups {
        final Map<String, List<String>> txt = new HashMap<>();
        final Map<String, List<String>> mx = new HashMap<>();
        final Map<String, Boolean> addresses = new HashMap<>();
        final List<String> failing = new java.util.ArrayList<>();

        @Override
        public LookupResult txt(String name) {
            if (failing.contains(name)) {
                return new LookupResult.Failed("SERVFAIL");
            }
            return txt.containsKey(name) ? new LookupResult.Found(txt.get(name)) : new LookupResult.Void(true);
        }

        @Override
        public LookupResult mx(String name) {
            return mx.containsKey(name) ? new LookupResult.Found(mx.get(name)) : new LookupResult.Void(false);
        }

        @Override
        public LookupResult address(String name) {
            return addresses.getOrDefault(name, false) ? new LookupResult.Found(List.of("192.0.2.1")) : new LookupResult.Void(true);
        }
    }

    @Test
    void parses_qualifiers_mechanisms_cidr_and_modifiers() {
        SpfRecord r = SpfRecord.parse("v=spf1 -a:mail.example.nl/24 ~mx ip4:192.0.2.0/24 include:_spf.vendor.com ptr ?exists:%{i}._e.vendor.com redirect=_spf.example.nl");
        assertThat(r.terms()).extracting(SpfRecord.Term::qualifier, SpfRecord.Term::mechanism, SpfRecord.Term::domainSpec)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple('-', SpfRecord.Mechanism.A, "mail.example.nl"),
                        org.assertj.core.groups.Tuple.tuple('~', SpfRecord.Mechanism.MX, null),
                        org.assertj.core.groups.Tuple.tuple('+', SpfRecord.Mechanism.IP4, null),
                        org.assertj.core.groups.Tuple.tuple('+', SpfRecord.Mechanism.INCLUDE, "_spf.vendor.com"),
                        org.assertj.core.groups.Tuple.tuple('+', SpfRecord.Mechanism.PTR, null),
                        org.assertj.core.groups.Tuple.tuple('?', SpfRecord.Mechanism.EXISTS, "%{i}._e.vendor.com"),
                        org.assertj.core.groups.Tuple.tuple(' ', SpfRecord.Mechanism.REDIRECT, "_spf.example.nl"));
        assertThat(SpfRecord.parse("v=spf1 -all").rejectsAll()).isTrue();
        assertThat(SpfRecord.parse("v=spf1 ~all").rejectsAll()).isFalse();
    }

    @Test
    void refuses_unknown_mechanisms_and_includes_without_a_domain() {
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 inclde:x.com -all")).hasMessageContaining("inclde:x.com");
        assertThatThrownBy(() -> SpfRecord.parse("v=spf1 include: -all")).hasMessageContaining("needs a domain");
        assertThatThrownBy(() -> SpfRecord.parse("v=spf10 -all")).hasMessageContaining("not an SPF record");
    }

    @Test
    void follows_include_redirect_a_mx_and_exists_with_trigger_chains() {
        MapDns dns = new MapDns();
        dns.txt.put("example.nl", List.of("some verification", "v=spf1 include:_spf.vendor.com mx a:web.example.nl exists:check.other.net redirect=_spf.ignored.nl ~all"));
        dns.txt.put("_spf.vendor.com", List.of("v=spf1 include:spf.deep.org -all"));
        dns.txt.put("spf.deep.org", List.of("v=spf1 ip4:192.0.2.0/24 -all"));
        dns.mx.put("example.nl", List.of("mx1.mailhost.com"));
        dns.addresses.put("web.example.nl", true);
        dns.addresses.put("check.other.net", true);

        SpfExpander.Expansion e = SpfExpander.expand("example.nl", dns);

        assertThat(e.targets()).extracting(SpfExpander.Target::host, SpfExpander.Target::chain).containsExactly(
                org.assertj.core.groups.Tuple.tuple("_spf.vendor.com", List.of("example.nl SPF", "include:_spf.vendor.com")),
                org.assertj.core.groups.Tuple.tuple("spf.deep.org", List.of("example.nl SPF", "include:_spf.vendor.com", "include:spf.deep.org")),
                org.assertj.core.groups.Tuple.tuple("mx1.mailhost.com", List.of("example.nl SPF", "mx", "mx1.mailhost.com")),
                org.assertj.core.groups.Tuple.tuple("web.example.nl", List.of("example.nl SPF", "a:web.example.nl")),
                org.assertj.core.groups.Tuple.tuple("check.other.net", List.of("example.nl SPF", "exists:check.other.net")));
        // redirect is ignored beside "all" (RFC 7208 §6.1)
        assertThat(e.lookups()).isEqualTo(5);
        assertThat(e.voidLookups()).isEmpty();
        assertThat(e.problems()).isEmpty();
    }

    @Test
    void counts_void_lookups_and_reports_more_than_two_as_permerror() {
        MapDns dns = new MapDns();
        dns.txt.put("example.nl", List.of("v=spf1 include:gone1.com a:gone2.com exists:gone3.com -all"));
        SpfExpander.Expansion e = SpfExpander.expand("example.nl", dns);
        assertThat(e.voidLookups()).containsExactly("gone1.com", "gone2.com", "gone3.com");
        assertThat(e.exceedsVoidLimit()).isTrue();
        assertThat(e.problems()).anyMatch(p -> p.startsWith("more than 2 void lookups"));
    }

    @Test
    void stops_after_ten_lookups_and_counts_the_eleventh() {
        MapDns dns = new MapDns();
        StringBuilder record = new StringBuilder("v=spf1");
        for (int i = 1; i <= 11; i++) {
            record.append(" a:h").append(i).append(".example.nl");
            dns.addresses.put("h" + i + ".example.nl", true);
        }
        dns.txt.put("example.nl", List.of(record + " -all"));
        SpfExpander.Expansion e = SpfExpander.expand("example.nl", dns);
        assertThat(e.lookups()).isEqualTo(11);
        assertThat(e.exceedsLookupLimit()).isTrue();
        assertThat(e.problems()).containsExactly("more than 10 DNS lookups (permerror) at a:h11.example.nl");
    }

    @Test
    void a_failed_lookup_is_unknown_not_void() {
        MapDns dns = new MapDns();
        dns.txt.put("example.nl", List.of("v=spf1 include:flaky.vendor.com -all"));
        dns.failing.add("flaky.vendor.com");
        SpfExpander.Expansion e = SpfExpander.expand("example.nl", dns);
        assertThat(e.voidLookups()).isEmpty();
        assertThat(e.unknown()).containsExactly("TXT flaky.vendor.com: SERVFAIL");
        assertThat(e.targets()).extracting(SpfExpander.Target::host).containsExactly("flaky.vendor.com");
    }

    @Test
    void notes_ptr_and_keeps_the_literal_part_of_macro_domains() {
        MapDns dns = new MapDns();
        dns.txt.put("example.nl", List.of("v=spf1 ptr exists:%{i}.%{d}._spf.vendor.com -all"));
        SpfExpander.Expansion e = SpfExpander.expand("example.nl", dns);
        assertThat(e.notes()).hasSize(2).anyMatch(n -> n.startsWith("ptr in use")).anyMatch(n -> n.startsWith("macro in"));
        assertThat(e.targets()).extracting(SpfExpander.Target::host).containsExactly("_spf.vendor.com");
        assertThat(e.lookups()).isEqualTo(2);
    }

    @Test
    void detects_include_loops_and_duplicate_records() {
        MapDns dns = new MapDns();
        dns.txt.put("example.nl", List.of("v=spf1 include:a.example.nl -all"));
        dns.txt.put("a.example.nl", List.of("v=spf1 include:example.nl -all"));
        assertThat(SpfExpander.expand("example.nl", dns).problems()).anyMatch(p -> p.startsWith("SPF loop"));

        dns.txt.put("b.example.nl", List.of("v=spf1 -all", "v=spf1 ~all"));
        dns.txt.put("example.nl", List.of("v=spf1 include:b.example.nl -all"));
        assertThat(SpfExpander.expand("example.nl", dns).problems()).contains("b.example.nl publishes 2 SPF records (permerror)");
    }

    @Test
    void no_spf_record_at_the_apex_is_an_empty_expansion() {
        SpfExpander.Expansion e = SpfExpander.expand("example.nl", new MapDns());
        assertThat(e.targets()).isEmpty();
        assertThat(e.voidLookups()).isEmpty();
        assertThat(e.problems()).isEmpty();
    }
}
