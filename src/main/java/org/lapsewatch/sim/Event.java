package org.lapsewatch.sim;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** A timed change to one domain's registration or zone. */
record Event(Instant at, String domain, Action action, RegistryEntry registration, Patch patch, Zone zone) {

    enum Action {
        /** Quarantine registries: into quarantine. gTLD registries: deleted, into redemption. */
        CANCEL,
        /** Quarantine registries only: the same as cancel. */
        QUARANTINE,
        /** gTLD registries only: the expiry date passed unpaid; auto-renew grace starts. */
        EXPIRE,
        /** The name becomes free at once. */
        RELEASE,
        /** Someone (usually a stranger) registers the name anew. */
        RE_REGISTER,
        /** The holder changes registrar, nameservers, status or zone. */
        UPDATE;

        static Action parse(String text) {
            return valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        }

        String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The registration fields an update changes; null leaves a field as it was. */
    record Patch(String registrar, Integer ianaId, String handle, Instant expires, List<String> status,
                 List<String> nameservers, Boolean dnssec) {
        RegistryEntry applyTo(RegistryEntry old, Instant when) {
            return new RegistryEntry(
                    handle == null ? old.handle() : handle,
                    registrar == null ? old.registrar() : registrar,
                    registrar == null && ianaId == null ? old.ianaId() : ianaId,
                    old.created(), when,
                    expires == null ? old.expires() : expires,
                    status == null ? old.status() : status,
                    nameservers == null ? old.nameservers() : nameservers,
                    dnssec == null ? old.dnssec() : dnssec);
        }
    }

    DomainState apply(DomainState state, Registry registry) {
        boolean quarantineRegistry = registry.lapse().quarantineStyle();
        return switch (action) {
            case CANCEL, QUARANTINE -> new DomainState(domain, state.registration().withUpdated(at),
                    new DomainState.Lapse(quarantineRegistry ? DomainState.Lapse.Kind.QUARANTINE : DomainState.Lapse.Kind.DELETED, at),
                    false, state.zone());
            case EXPIRE -> new DomainState(domain, state.registration(), new DomainState.Lapse(DomainState.Lapse.Kind.EXPIRED, at),
                    false, state.zone());
            case RELEASE -> new DomainState(domain, state.registration(), state.lapse(), true, state.zone());
            case RE_REGISTER -> new DomainState(domain, registration, null, false, zone);
            case UPDATE -> new DomainState(domain, patch.applyTo(state.registration(), at), state.lapse(), state.released(),
                    zone == null ? state.zone() : zone);
        };
    }
}
