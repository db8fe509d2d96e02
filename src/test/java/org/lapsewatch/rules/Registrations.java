package org.lapsewatch.rules;

import org.lapsewatch.model.Registration;
import org.lapsewatch.model.RegistrationState;

import java.time.Instant;
import java.util.List;

/** Builds registrations for rule tests: a registered domain, changed one field at a time. */
record Registrations(String domain, RegistrationState state, List<String> status, Instant created, Instant expires,
                     Instant releases, String registrar, List<String> nameservers, Boolean dnssec, String handle) {

    static Registrations registered(String domain) {
        return new Registrations(domain, RegistrationState.REGISTERED,
                List.of("client transfer prohibited", "client delete prohibited"), Instant.parse("2001-05-27T00:00:00Z"),
                null, null, "Old Registrar B.V.", List.of("ns1.old.example", "ns2.old.example"), true, null);
    }

    Registrations state(RegistrationState s) {
        return new Registrations(domain, s, status, created, expires, releases, registrar, nameservers, dnssec, handle);
    }

    Registrations withStatus(String... s) {
        return new Registrations(domain, state, List.of(s), created, expires, releases, registrar, nameservers, dnssec, handle);
    }

    Registrations created(String at) {
        return new Registrations(domain, state, status, Instant.parse(at), expires, releases, registrar, nameservers, dnssec, handle);
    }

    Registrations expires(String at) {
        return new Registrations(domain, state, status, created, at == null ? null : Instant.parse(at), releases, registrar, nameservers, dnssec, handle);
    }

    Registrations releases(String at) {
        return new Registrations(domain, state, status, created, expires, Instant.parse(at), registrar, nameservers, dnssec, handle);
    }

    Registrations registrar(String r) {
        return new Registrations(domain, state, status, created, expires, releases, r, nameservers, dnssec, handle);
    }

    Registrations withNameservers(String... ns) {
        return new Registrations(domain, state, status, created, expires, releases, registrar, List.of(ns), dnssec, handle);
    }

    Registrations dnssec(Boolean d) {
        return new Registrations(domain, state, status, created, expires, releases, registrar, nameservers, d, handle);
    }

    Registrations handle(String h) {
        return new Registrations(domain, state, status, created, expires, releases, registrar, nameservers, dnssec, h);
    }

    Registration build() {
        return new Registration(domain, domain.endsWith(".nl") || domain.endsWith(".be") ? Registration.Source.WHOIS
                : Registration.Source.RDAP, "registry.test", state, status, created, null, expires, releases, registrar,
                nameservers, dnssec, null, handle);
    }

    Observed seen(String at) {
        return Observed.at(build(), Instant.parse(at));
    }

    static Observed unknown(String domain, RegistrationState state, String reason, String at) {
        return Observed.at(Registration.unknown(domain, Registration.Source.RDAP, "registry.test", state, reason), Instant.parse(at));
    }
}
