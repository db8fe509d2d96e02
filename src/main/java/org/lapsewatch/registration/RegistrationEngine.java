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
    private final InFlight<String, Registration> inFlight = new InFlight<>();

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
        return inFlight.join(domain.ascii(), () -> ask(domain));
    }

    private Registration ask(DomainName domain) {
        String name = domain.ascii();
        try {
            Optional<Registration> fromRdap = rdap.lookup(domain);
            if (fromRdap.isPresent() && !(fromRdap.get().state().isUnknown() && whoisWhenRdapUnknown)) {
                return fromRdap.get();
            }
            Optional<Registration> fromWhois = whois.lookup(domain);
            if (fromWhois.isEmpty()) {
                return fromRdap.orElseGet(() -> Registration.unknown(name, Source.WHOIS, null, RegistrationState.UNKNOWN,
                        "no RDAP or WHOIS server known for ." + domain.tld()));
            }
            Registration w = fromWhois.get();
            if (fromRdap.isPresent() && w.state().isUnknown()) {
                return Registration.unknown(name, Source.WHOIS, w.server(), w.state(),
                        w.reason() + "; RDAP before it: " + fromRdap.get().reason());
            }
            return w;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Registration.unknown(name, Source.RDAP, null, RegistrationState.UNKNOWN, "lookup interrupted");
        } catch (RuntimeException e) {
            // A bug here must not become a fact about the domain.
            return Registration.unknown(name, Source.RDAP, null, RegistrationState.UNKNOWN, "lookup failed: " + e);
        }
    }
}
