package org.lapsewatch.mailflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Alias and map files by their syntax, .forward, Sieve, and tree scans with binaries, size cap and globs. */
class StaticSourcesTest {
    @TempDir
    Path dir;

    private List<String> scanFile(Path file) {
        List<String> found = new ArrayList<>();
        StaticSources.defaults().scanFile(file, r -> found.add(r.line() + " " + r.kind().wireName() + " " + r.host() + " " + r.value()));
        return found;
    }

    @Test
    void aliases_with_continuations_quotes_includes_pipes_and_comments() throws IOException {
        Files.writeString(dir.resolve("staff.list"), "# team\nstaff@bjzutrecht.example\nlocal\n");
        Path aliases = Files.writeString(dir.resolve("aliases"), """
                # old agency addresses
                postmaster: root
                jeugdzorg: jan@bjzutrecht.example,
                    "piet@mail.bjzutrecht.example", |/usr/bin/archive
                team: :include:staff.list, /var/mail/team
                "odd name": kees@samenveilig.example
                """);

        assertThat(scanFile(aliases)).containsExactly(
                "3 alias bjzutrecht.example jan@bjzutrecht.example",
                "4 alias mail.bjzutrecht.example piet@mail.bjzutrecht.example",
                "2 include bjzutrecht.example staff@bjzutrecht.example",
                "6 alias samenveilig.example kees@samenveilig.example");
    }

    @Test
    void postfix_maps_give_addresses_domain_keys_and_transport_next_hops() throws IOException {
        Path virtual = Files.writeString(dir.resolve("virtual"), """
                bjzutrecht.example        anything
                @bjzutrecht.example       catchall@samenveilig.example
                info@samenveilig.example  info@bjzutrecht.example, archive@samenveilig.example
                """);
        Path transport = Files.writeString(dir.resolve("transport"), """
                .bjzutrecht.example  error:5.7.1 retired
                partner.example      smtp:[mx1.oldvendor.example]:587
                """);

        assertThat(scanFile(virtual)).containsExactly(
                "1 virtual-map bjzutrecht.example bjzutrecht.example",
                "2 virtual-map bjzutrecht.example @bjzutrecht.example",
                "2 virtual-map samenveilig.example catchall@samenveilig.example",
                "3 virtual-map samenveilig.example info@samenveilig.example",
                "3 virtual-map bjzutrecht.example info@bjzutrecht.example",
                "3 virtual-map samenveilig.example archive@samenveilig.example");
        assertThat(scanFile(transport)).containsExactly(
                "1 transport-map bjzutrecht.example .bjzutrecht.example",
                "2 transport-map partner.example partner.example",
                "2 transport-map mx1.oldvendor.example smtp:[mx1.oldvendor.example]:587");
    }

    @Test
    void forward_and_sieve_redirects() throws IOException {
        Path forward = Files.writeString(dir.resolve(".forward"), "\\jan, jan@bjzutrecht.example\n\"|/usr/bin/vacation jan\"\n");
        Path sieve = Files.writeString(dir.resolve("rules.sieve"), """
                require ["copy"];
                if header :contains "subject" "dossier" { redirect :copy "dossiers@bjzutrecht.example"; }
                redirect "kees@partner.example";
                """);

        assertThat(scanFile(forward)).containsExactly("1 forward bjzutrecht.example jan@bjzutrecht.example");
        assertThat(scanFile(sieve)).containsExactly(
                "2 sieve-redirect bjzutrecht.example dossiers@bjzutrecht.example",
                "3 sieve-redirect partner.example kees@partner.example");
    }

    @Test
    void tree_scan_finds_addresses_and_urls_and_skips_binaries_big_files_and_excluded_paths() throws IOException {
        Files.createDirectories(dir.resolve("app/conf"));
        Files.createDirectories(dir.resolve("app/build"));
        Files.writeString(dir.resolve("app/conf/mail.properties"),
                "notify.to=dossiers@bjzutrecht.example\nportal=https://portal.bjzutrecht.example/login\n");
        Files.writeString(dir.resolve("app/build/generated.properties"), "x=old@bjzutrecht.example\n");
        Files.write(dir.resolve("app/conf/logo.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G', 0, 0, 'a', '@', 'b', '.', 'c', 'o'});
        Files.writeString(dir.resolve("app/conf/huge.txt"), "a@bjzutrecht.example\n".repeat(100));

        List<String> found = new ArrayList<>();
        List<String> skipped = new StaticSources(1000, List.of(), List.of("**/build/**"))
                .scanTree(dir, r -> found.add(r.kind().wireName() + " " + r.host() + " " + dir.relativize(Path.of(r.file())) + ":" + r.line()));

        assertThat(found).containsExactlyInAnyOrder(
                "config-address bjzutrecht.example app/conf/mail.properties:1",
                "config-url portal.bjzutrecht.example app/conf/mail.properties:2");
        assertThat(skipped).anyMatch(s -> s.contains("logo.png") && s.contains("binary"))
                .anyMatch(s -> s.contains("huge.txt") && s.contains("larger than 1000"));
    }

    @Test
    void a_binary_routing_file_is_refused_with_its_name() throws IOException {
        Path aliases = Files.write(dir.resolve("aliases.db"), new byte[]{0, 1, 2});
        assertThatThrownBy(() -> scanFile(aliases)).hasMessageContaining("aliases.db").hasMessageContaining("binary");
    }
}
