package org.lapsewatch.config;

import java.nio.file.Path;

/**
 * The whole configuration, one record per section of {@code lapsewatch.yml}. Every key has a
 * default (see the README's configuration reference); sections own their validation.
 */
public record LapsewatchConfig(
        String home,
        DatabaseSettings database,
        WebSettings web,
        RdapSettings rdap,
        WhoisSettings whois,
        DnsSettings dns,
        PolicySettings policy,
        WatchSettings watch,
        MailflowSettings mailflow,
        AlertSettings alerts) {

    public LapsewatchConfig {
        home = home == null || home.isBlank() ? defaultHome() : home;
        database = database == null ? DatabaseSettings.defaults() : database;
        web = web == null ? WebSettings.defaults() : web;
        rdap = rdap == null ? RdapSettings.defaults() : rdap;
        whois = whois == null ? WhoisSettings.defaults() : whois;
        dns = dns == null ? DnsSettings.defaults() : dns;
        policy = policy == null ? PolicySettings.defaults() : policy;
        watch = watch == null ? WatchSettings.defaults() : watch;
        mailflow = mailflow == null ? MailflowSettings.defaults() : mailflow;
        alerts = alerts == null ? AlertSettings.defaults() : alerts;
    }

    /** {@code $LAPSEWATCH_HOME}, or {@code ./data}. */
    private static String defaultHome() {
        String env = System.getenv("LAPSEWATCH_HOME");
        return env == null || env.isBlank() ? "data" : env;
    }

    public Path homeDirectory() {
        return Path.of(home);
    }

    /** The H2 file database under {@link #home()} unless {@code database.url} names another. */
    public String jdbcUrl() {
        if (database.url() != null) {
            return database.url();
        }
        return "jdbc:h2:file:" + homeDirectory().toAbsolutePath().resolve("lapsewatch") + ";" + DatabaseSettings.H2_MODE;
    }

    /** A copy pointing at another home, for tests and {@code demo}. */
    public LapsewatchConfig withHome(String newHome) {
        return new LapsewatchConfig(newHome, database, web, rdap, whois, dns, policy, watch, mailflow, alerts);
    }
}
