package org.lapsewatch.cli;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lapsewatch.config.ConfigLoader;
import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.mailflow.DomainExposure;
import org.lapsewatch.mailflow.MailflowFollower;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.store.ExposureRepository;
import org.lapsewatch.store.TestDatabases;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code serve} stores from a followed Postfix log, on H2 and PostgreSQL: the via-alias count
 * and its original-recipient samples, capped by {@code sampleAddresses} and hashed by
 * {@code hashLocalParts} exactly like the recipient samples.
 */
class MailflowServeStoreTest {
    private static final DomainName OLD = DomainName.parse("bjzutrecht.example");
    private static final String LOG = """
            Nov 28 12:00:00 gw1 postfix/qmgr[12]: HHH8888888: from=<app@samenveilig.example>, size=900, nrcpt=2 (queue active)
            Nov 28 12:00:01 gw1 postfix/smtp[13]: HHH8888888: to=<jan@bjzutrecht.example>, orig_to=<team@samenveilig.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:00:01 gw1 postfix/smtp[13]: HHH8888888: to=<piet@bjzutrecht.example>, orig_to=<team@samenveilig.example>, relay=mx, delay=1, dsn=4.4.1, status=deferred (timeout)
            Nov 28 12:10:01 gw1 postfix/smtp[13]: HHH8888888: to=<piet@bjzutrecht.example>, orig_to=<team@samenveilig.example>, relay=mx, delay=601, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:10:01 gw1 postfix/qmgr[12]: HHH8888888: removed
            Nov 28 12:20:01 gw1 postfix/smtp[13]: III9999999: to=<jan@bjzutrecht.example>, orig_to=<helpdesk@samenveilig.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:20:01 gw1 postfix/smtp[13]: III9999999: to=<anna@bjzutrecht.example>, relay=mx, delay=1, dsn=2.0.0, status=sent (250 ok)
            Nov 28 12:20:01 gw1 postfix/qmgr[12]: III9999999: removed
            """;

    @TempDir
    Path home;

    private static String hashed(String local, String domain) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        sha.update("pepper".getBytes(StandardCharsets.UTF_8));
        return "h:" + HexFormat.of().formatHex(sha.digest(local.getBytes(StandardCharsets.UTF_8)), 0, 6) + "@" + domain;
    }

    @ParameterizedTest
    @MethodSource("org.lapsewatch.store.TestDatabases#all")
    void a_followed_log_stores_via_alias_with_capped_hashed_samples(TestDatabases.Kind kind) throws Exception {
        Path log = Files.writeString(home.resolve("mail.log"), LOG);
        LapsewatchConfig config = new ConfigLoader(name -> null).parse("""
                home: "%s"
                mailflow:
                  logs: ["%s"]
                  format: postfix
                  sampleAddresses: 1
                  hashLocalParts: true
                  hashSalt: pepper
                  pollInterval: 10ms
                  storeInterval: 10ms
                """.formatted(home.toAbsolutePath(), log.toAbsolutePath()), "mailflow serve test");
        try (TestDatabases.TestDatabase db = kind.open()) {
            ExposureRepository stored = new ExposureRepository(db.database());
            try (MailflowFollower follower = WatchWiring.mailflowFollower(config, db.database(), Clock.systemUTC())) {
                follower.start();
                Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
                while (stored.find(OLD).isEmpty() && Instant.now().isBefore(deadline)) {
                    Thread.sleep(20);
                }
            }

            List<DomainExposure> exposures = stored.find(OLD);
            assertThat(exposures).hasSize(1);
            DomainExposure old = exposures.get(0);
            assertThat(old.messages()).isEqualTo(2);
            assertThat(old.viaAlias()).isEqualTo(4); // jan and piet twice via team@, jan via helpdesk@
            assertThat(old.aliasSamples()).containsExactly(hashed("team", "samenveilig.example"));
            assertThat(old.sampleRecipients()).containsExactly(hashed("jan", OLD.ascii()));
            assertThat(old.source()).isEqualTo("postfix: " + log.toAbsolutePath());
        }
    }
}
