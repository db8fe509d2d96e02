package org.lapsewatch.registration;

import org.lapsewatch.config.LapsewatchConfig;
import org.lapsewatch.config.RdapSettings;
import org.lapsewatch.config.WhoisSettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.Registration.Source;
import org.lapsewatch.model.RegistrationState;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Registration data from the registries: RDAP when the TLD has an RDAP server (configured
 * override, IANA bootstrap or shipped default), WHOIS when it has none or, with
 * {@code whois.whenRdapUnknown}, when RDAP gave no usable answer. Polite per server host
 * (rate limit, {@code Retry-After}, backoff) and one query per domain at a time: a second
 * lookup of a domain already being looked up waits for and shares the first one's answer.
 *
 * <p>Never throws for a registry's failure; the result names its source and server, and says
 * why when the state is unknown or throttled.
 */
public final class RegistrationEngine implements RegistrationLookup {
    private final RdapClient rdap;
    private final WhoisClient whois;
    private final boolean whoisWhenRdapUnknown;
    private final InFlight<String, Answer> inFlight = new InFlight<>();

    RegistrationEngine(RdapClient rdap, WhoisClient whois, boolean whoisWhenRdapUnknown) {
        this.rdap = rdap;
        this.whois = whois;
        this.whoisWhenRdapUnknown = whoisWhenRdapUnknown;
    }

    /** The engine the configuration describes, on the system clock, caching the bootstrap under {@code <home>/cache}. */
    public static RegistrationEngine create(LapsewatchConfig config) {
        return create(config, Clock.systemUTC(), Sleeper.REAL, WhoisClient.AddressBook.DNS);
    }

    static RegistrationEngine create(LapsewatchConfig config, Clock clock, Sleeper sleeper,
                                     WhoisClient.AddressBook addresses) {
        RdapSettings r = config.rdap();
        WhoisSettings w = config.whois();
        HttpFetch http = new HttpFetch(r.connectTimeout());
        Path cache = config.homeDirectory().resolve("cache").resolve("rdap-bootstrap.json");
        RdapClient rdap = new RdapClient(r, new RdapBootstrap(r, cache, clock, http), http,
                new ServerGates(r.defaultQueriesPerSecond(), r.queriesPerSecond(), r.backoffBase(), r.backoffMax(), clock, sleeper),
                clock);
        WhoisClient whois = new WhoisClient(w, new WhoisServers(w),
                new ServerGates(w.defaultQueriesPerSecond(), w.queriesPerSecond(), w.backoffBase(), w.backoffMax(), clock, sleeper),
                clock, addresses);
        return new RegistrationEngine(rdap, whois, w.whenRdapUnknown());
    }

    @Override
    public Registration lookup(DomainName domain) {
        return ask(domain).registration();
    }

    /** The answer with the body it was read from: RDAP JSON, or the WHOIS text (every server's, after a referral). */
    @Override
    public Answer ask(DomainName domain) {
        return inFlight.join(domain.ascii(), () -> askRegistries(domain));
    }

    private Answer askRegistries(DomainName domain) {
        String name = domain.ascii();
        try {
            Optional<Answer> fromRdap = rdap.lookup(domain);
            if (fromRdap.isPresent() && !(fromRdap.get().registration().state().isUnknown() && whoisWhenRdapUnknown)) {
                return fromRdap.get();
            }
            Optional<Answer> fromWhois = whois.lookup(domain);
            if (fromWhois.isEmpty()) {
                return fromRdap.orElseGet(() -> new Answer(Registration.unknown(name, Source.WHOIS, null, RegistrationState.UNKNOWN,
                        "no RDAP or WHOIS server known for ." + domain.tld()), null));
            }
            Registration w = fromWhois.get().registration();
            if (fromRdap.isPresent() && w.state().isUnknown()) {
                return new Answer(Registration.unknown(name, Source.WHOIS, w.server(), w.state(),
                        w.reason() + "; RDAP before it: " + fromRdap.get().registration().reason()), fromWhois.get().raw());
            }
            return fromWhois.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(Registration.unknown(name, Source.RDAP, null, RegistrationState.UNKNOWN, "lookup interrupted"), null);
        } catch (RuntimeException e) {
            // A bug here must not become a fact about the domain.
            return new Answer(Registration.unknown(name, Source.RDAP, null, RegistrationState.UNKNOWN, "lookup failed: " + e), null);
        }
    }
}
