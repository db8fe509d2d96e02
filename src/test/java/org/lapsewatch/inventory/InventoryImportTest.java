package org.lapsewatch.inventory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading and writing inventory files: every field, both formats, and each kind of bad row. */
class InventoryImportTest {
    private static final String HEADER = "name,lifecycle,owner_name,owner_email,notes,tags,retired_since,replacement,"
            + "expected_registrar,expected_nameservers\n";

    private static List<InventoryEntry> csv(String text) {
        return InventoryReader.read(new StringReader(text), InventoryFormat.CSV, "domains.csv");
    }

    private static List<InventoryEntry> yaml(String text) {
        return InventoryReader.read(new StringReader(text), InventoryFormat.YAML, "domains.yml");
    }

    private static final InventoryEntry BJZ = new InventoryEntry(DomainName.parse("bjzutrecht.nl"), Lifecycle.RETIRED,
            "Jan de Vries", "it@samenveilig.nl", "renamed, still receives mail", List.of("jeugdzorg", "legacy"),
            LocalDate.of(2015, 1, 1), DomainName.parse("samenveilig.nl"), "Registrar B.V.",
            List.of("ns1.example.net", "ns2.example.net"));

    @Test
    void csv_reads_every_field_and_normalizes_names() {
        var entries = csv(HEADER
                + "BJZUtrecht.nl.,Retired,Jan de Vries,it@samenveilig.nl,\"renamed, still receives mail\",jeugdzorg;legacy,"
                + "2015-01-01,SamenVeilig.nl,Registrar B.V.,NS1.example.net. ns2.example.net\n"
                + "bücher.de,,,,,,,,,\n");
        assertThat(entries).containsExactly(BJZ, InventoryEntry.of(DomainName.parse("xn--bcher-kva.de"), Lifecycle.ACTIVE));
    }

    @Test
    void csv_may_leave_out_columns() {
        assertThat(csv("name,lifecycle\nsamenveilig.nl,active\n"))
                .containsExactly(InventoryEntry.of(DomainName.parse("samenveilig.nl"), Lifecycle.ACTIVE));
    }

    @Test
    void yaml_reads_every_field_with_lists_or_separated_text() {
        var entries = yaml("""
                - name: BJZUtrecht.nl.
                  lifecycle: retired
                  owner_name: Jan de Vries
                  owner_email: it@samenveilig.nl
                  notes: renamed, still receives mail
                  tags: [jeugdzorg, legacy]
                  retired_since: 2015-01-01
                  replacement: samenveilig.nl
                  expected_registrar: Registrar B.V.
                  expected_nameservers: ns1.example.net; ns2.example.net
                - name: bücher.de
                """);
        assertThat(entries).containsExactly(BJZ, InventoryEntry.of(DomainName.parse("xn--bcher-kva.de"), Lifecycle.ACTIVE));
    }

    @Test
    void empty_files_are_empty_inventories() {
        assertThat(csv(HEADER)).isEmpty();
        assertThat(yaml("")).isEmpty();
        assertThat(yaml("[]")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad domain          | 'exa mple.nl,active'             | domains.csv line 3, field name: 'exa mple.nl' is not a valid host name: it contains a character that is not allowed (such as a space, '_', '@' or an emoji)
            subdomain           | 'Mail.BJZUtrecht.nl.,active'     | domains.csv line 3, field name: 'Mail.BJZUtrecht.nl.' is a subdomain, not a registrable domain; the registrable domain is bjzutrecht.nl
            public suffix       | 'co.uk,active'                   | domains.csv line 3, field name: 'co.uk' is a public suffix, not a registrable domain
            missing name        | ',active'                        | domains.csv line 3, field name: is required
            unknown lifecycle   | 'c.nl,archived'                  | domains.csv line 3, field lifecycle: unknown lifecycle 'archived' (expected active, retired, defensive or decommissioned)
            bad date            | 'c.nl,retired,,,,,2015-13-01'    | domains.csv line 3, field retired_since: '2015-13-01' is not a date (write YYYY-MM-DD)
            bad e-mail          | 'c.nl,active,,jan.example.nl'    | domains.csv line 3, field owner_email: 'jan.example.nl' is not an e-mail address
            e-mail without dot  | 'c.nl,active,,jan@localhost'     | domains.csv line 3, field owner_email: 'jan@localhost' is not an e-mail address (no domain after @)
            bad replacement     | 'c.nl,retired,,,,,,www.d.nl'     | domains.csv line 3, field replacement: 'www.d.nl' is a subdomain, not a registrable domain; the registrable domain is d.nl
            duplicate           | 'BJZUTRECHT.NL,active'           | domains.csv line 3, field name: bjzutrecht.nl is already on line 2
            too many values     | 'c.nl,active,,,,,,,,,extra'      | domains.csv line 3: not valid CSV: Too many entries: expected at most 10 (value #10 (5 chars) "extra")
            """)
    void csv_refuses_a_bad_row_naming_file_line_and_field(String kind, String row, String message) {
        assertThatThrownBy(() -> csv(HEADER + "bjzutrecht.nl,retired,,,,,,,,\n" + row + "\n" + "samenveilig.nl,active\n"))
                .isInstanceOf(ImportException.class).hasMessage(message);
    }

    @Test
    void csv_counts_lines_of_quoted_multi_line_values() {
        assertThatThrownBy(() -> csv(HEADER + "a.nl,active,,,\"two\nlines\"\nb.nl,archived\n"))
                .hasMessage("domains.csv line 4, field lifecycle: unknown lifecycle 'archived' (expected active, retired, defensive or decommissioned)");
    }

    @Test
    void values_longer_than_the_store_holds_are_refused() {
        assertThatThrownBy(() -> csv("name,owner_name\na.nl," + "x".repeat(201) + "\n"))
                .hasMessage("domains.csv line 2, field owner_name: is 201 characters long; at most 200 fit");
        assertThatThrownBy(() -> csv("name,tags\na.nl," + "tag ".repeat(600) + "\n"))
                .hasMessageStartingWith("domains.csv line 2, field tags: holds");
    }

    @Test
    void csv_refuses_an_unknown_column() {
        assertThatThrownBy(() -> csv("name,lifecycle,owner\nc.nl,active,Jan\n"))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("domains.csv line 1, field owner: unknown column (known: name, lifecycle,");
    }

    @Test
    void csv_needs_a_name_column() {
        assertThatThrownBy(() -> csv("lifecycle\nactive\n"))
                .hasMessage("domains.csv line 1, field name: the header has no name column");
    }

    @Test
    void yaml_refuses_an_unknown_key_on_its_line() {
        assertThatThrownBy(() -> yaml("""
                - name: a.nl
                - name: b.nl
                  lifecycle: active
                  owner: Jan
                """))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("domains.yml line 4, field owner: unknown field (known: name, lifecycle,");
    }

    @Test
    void yaml_names_the_line_of_the_bad_field() {
        assertThatThrownBy(() -> yaml("""
                - name: a.nl
                  lifecycle: active
                - name: b.nl
                  tags: [x]
                  retired_since: yesterday
                """))
                .hasMessage("domains.yml line 5, field retired_since: 'yesterday' is not a date (write YYYY-MM-DD)");
    }

    @Test
    void yaml_duplicates_name_both_lines() {
        assertThatThrownBy(() -> yaml("""
                - name: bücher.de
                - name: xn--bcher-kva.de
                """))
                .hasMessage("domains.yml line 2, field name: bücher.de (xn--bcher-kva.de) is already on line 1");
    }

    @Test
    void broken_files_name_the_line_in_one_line() {
        assertThatThrownBy(() -> yaml("- name: a.nl\n- name: b.nl\n  notes: \"unterminated\n"))
                .hasMessage("domains.yml line 3: not valid YAML: while scanning a quoted scalar: found unexpected end of stream");
        assertThatThrownBy(() -> csv("name,notes\na.nl,\"unterminated\n"))
                .hasMessage("domains.csv line 2: not valid CSV: Missing closing quote for value");
    }

    @Test
    void yaml_must_be_a_list_of_mappings() {
        assertThatThrownBy(() -> yaml("name: a.nl\n")).hasMessage("domains.yml line 1: expected a list of domains (- name: …)");
        assertThatThrownBy(() -> yaml("- a.nl\n")).hasMessage("domains.yml line 1: expected a mapping with name, lifecycle, …");
    }

    @Test
    void export_then_import_gives_the_same_entries_in_both_formats() {
        var entries = List.of(BJZ, InventoryEntry.of(DomainName.parse("bücher.de"), Lifecycle.DEFENSIVE),
                new InventoryEntry(DomainName.parse("quote.nl"), Lifecycle.ACTIVE, "O'Brien, \"Pat\"", null,
                        "line one\nline two: yes", List.of(), null, null, "true", List.of()));
        for (InventoryFormat format : InventoryFormat.values()) {
            StringWriter out = new StringWriter();
            InventoryWriter.write(entries, format, out);
            assertThat(InventoryReader.read(new StringReader(out.toString()), format, "export"))
                    .as(format + " round trip of:\n" + out)
                    .containsExactlyElementsOf(entries);
        }
    }

    @Test
    void csv_export_has_the_documented_header() {
        StringWriter out = new StringWriter();
        InventoryWriter.write(List.of(BJZ), InventoryFormat.CSV, out);
        assertThat(out.toString()).startsWith(HEADER + "bjzutrecht.nl,retired,\"Jan de Vries\"");
    }
}
