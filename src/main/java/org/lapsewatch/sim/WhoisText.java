package org.lapsewatch.sim;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

/**
 * WHOIS answers in the registries' own words: the current .nl format (SIDN), the ICANN gTLD
 * format (2017 Registry Registration Data Directory Services profile) and the .be format
 * (DNS Belgium). Only the fields Lapsewatch reads, with short made-up legal notices.
 */
final class WhoisText {
    private static final DateTimeFormatter BE_DATE = DateTimeFormatter.ofPattern("EEE MMM d yyyy", Locale.ENGLISH);

    private WhoisText() {
    }

    /**
     * The registry's answer to a query line; gTLD answers refer to {@code registrarWhois}.
     */
    static String registryAnswer(String query, World world, String registrarWhois) {
        return lookUp(query, world, (registry, domain) -> {
            if (registry.whois() == Registry.WhoisStyle.NONE) {
                return "% This server has no WHOIS data for ." + registry.tld() + "\n";
            }
            return answer(registry, domain, world, registrarWhois);
        });
    }

    /** The registrar's fuller answer for gTLD names, where registry answers refer to. */
    static String registrarAnswer(String query, World world, String registrarWhois) {
        return lookUp(query, world, (registry, domain) -> {
            DomainState.Standing standing = world.standing(domain);
            if (registry.whois() != Registry.WhoisStyle.GTLD || standing.phase() == DomainState.Phase.FREE) {
                return "No match for \"" + domain.toUpperCase(Locale.ROOT) + "\".\n";
            }
            RegistryEntry reg = world.state(domain).orElseThrow().registration();
            return gtld(domain, reg, standing, world.now(), registrarWhois)
                    .replace("   Registry Expiry Date: ", "   Registrar Registration Expiration Date: ")
                    .replace("   DNSSEC: ", "   Registrant Organization: REDACTED FOR PRIVACY\n   DNSSEC: ");
        });
    }

    private static String lookUp(String query, World world, BiFunction<Registry, String, String> answer) {
        String ascii;
        try {
            ascii = DomainName.toAscii(query);
        } catch (InvalidDomainException e) {
            return "% Invalid query: " + e.getMessage() + "\n";
        }
        String tld = ascii.substring(ascii.lastIndexOf('.') + 1);
        Registry registry = world.scenario().registries().get(tld);
        if (registry == null) {
            return "% This server has no WHOIS data for ." + tld + "\n";
        }
        String domain = Names.domainUnderTld(Names.absolute(ascii));
        if (domain == null) {
            return "% Query a domain name, e.g. example." + tld + "\n";
        }
        return answer.apply(registry, domain);
    }

    private static String answer(Registry registry, String domain, World world, String registrarWhois) {
        DomainState.Standing standing = world.standing(domain);
        RegistryEntry reg = world.state(domain).map(DomainState::registration).orElse(null);
        boolean free = standing.phase() == DomainState.Phase.FREE;
        return switch (registry.whois()) {
            case NL -> free ? domain + " is free\n" : nl(domain, reg, standing);
            case GTLD -> free ? gtldFree(domain, world.now()) : gtld(domain, reg, standing, world.now(), registrarWhois);
            case BE -> be(domain, reg, standing);
            case NONE -> throw new IllegalArgumentException("." + registry.tld() + " has no WHOIS service");
        };
    }

    /** What each registry says when a client asks too often. */
    static String throttled(Registry.WhoisStyle style, int retryAfterSeconds) {
        return switch (style) {
            case NL -> "whois.domain-registry.nl: only 1 request per second allowed, try again later\n";
            case BE -> "-3: Excessive querying, grace period of " + retryAfterSeconds + " seconds\n";
            case GTLD, NONE -> "WHOIS LIMIT EXCEEDED - SEE WWW.PIR.ORG/WHOIS FOR DETAILS\n";
        };
    }

    private static String nl(String domain, RegistryEntry reg, DomainState.Standing standing) {
        boolean quarantine = standing.phase() == DomainState.Phase.QUARANTINE;
        StringBuilder b = new StringBuilder();
        b.append("Domain name: ").append(domain).append('\n');
        String status = quarantine ? "in quarantine" : standing.status().contains("inactive") ? "inactive" : "active";
        b.append("Status:      ").append(status).append("\n\n");
        b.append("Registrar:\n   ").append(reg.registrar()).append("\n   Registrarstraat 1\n   1234AB AMSTERDAM\n   Netherlands\n\n");
        b.append("Abuse Contact:\n\n");
        b.append("DNSSEC:      ").append(reg.dnssec() ? "yes" : "no").append("\n\n");
        if (!quarantine && !reg.nameservers().isEmpty()) {
            b.append("Domain nameservers:\n");
            reg.nameservers().forEach(ns -> b.append("   ").append(ns).append('\n'));
            b.append('\n');
        }
        b.append("Creation Date: ").append(date(reg.created())).append("\n\n");
        if (reg.updated() != null) {
            b.append("Updated Date: ").append(date(reg.updated())).append("\n\n");
        }
        if (quarantine) {
            b.append("Date out of quarantine: ").append(standing.releases()).append("\n\n");
        }
        b.append("Record maintained by: NL Domain Registry (simulated)\n\n");
        b.append("Copyright notice\nSimulated registry data for rehearsals and tests; not a real registration.\n");
        return b.toString();
    }

    private static String gtld(String domain, RegistryEntry reg, DomainState.Standing standing, Instant now,
                               String registrarWhois) {
        StringBuilder b = new StringBuilder();
        b.append("   Domain Name: ").append(domain.toUpperCase(Locale.ROOT)).append('\n');
        b.append("   Registry Domain ID: ").append(reg.handle()).append('\n');
        b.append("   Registrar WHOIS Server: ").append(registrarWhois).append('\n');
        if (reg.updated() != null) {
            b.append("   Updated Date: ").append(reg.updated()).append('\n');
        }
        b.append("   Creation Date: ").append(reg.created()).append('\n');
        if (standing.expires() != null) {
            b.append("   Registry Expiry Date: ").append(standing.expires()).append('\n');
        }
        b.append("   Registrar: ").append(reg.registrar()).append('\n');
        if (reg.ianaId() != null) {
            b.append("   Registrar IANA ID: ").append(reg.ianaId()).append('\n');
        }
        for (String status : standing.status()) {
            String code = eppCode(status);
            b.append("   Domain Status: ").append(code).append(" https://icann.org/epp#").append(code).append('\n');
        }
        for (String ns : reg.nameservers()) {
            b.append("   Name Server: ").append(ns.toUpperCase(Locale.ROOT)).append('\n');
        }
        b.append("   DNSSEC: ").append(reg.dnssec() ? "signedDelegation" : "unsigned").append('\n');
        b.append("   URL of the ICANN Whois Inaccuracy Complaint Form: https://www.icann.org/wicf/\n");
        b.append(">>> Last update of whois database: ").append(now).append(" <<<\n\n");
        b.append("NOTICE: simulated registry data for rehearsals and tests; not a real registration.\n");
        return b.toString();
    }

    private static String gtldFree(String domain, Instant now) {
        return "No match for \"" + domain.toUpperCase(Locale.ROOT) + "\".\n"
                + ">>> Last update of whois database: " + now + " <<<\n\n"
                + "NOTICE: simulated registry data for rehearsals and tests.\n";
    }

    private static String be(String domain, RegistryEntry reg, DomainState.Standing standing) {
        StringBuilder b = new StringBuilder("% .be Whois Server 6.1 (simulated)\n%\n% Simulated registry data for rehearsals and tests.\n%\n\n");
        b.append("Domain:\t").append(domain).append('\n');
        String status = switch (standing.phase()) {
            case FREE -> "AVAILABLE";
            case QUARANTINE -> "QUARANTINE";
            default -> "NOT AVAILABLE";
        };
        b.append("Status:\t").append(status).append('\n');
        if (standing.phase() == DomainState.Phase.FREE) {
            return b.toString();
        }
        b.append("Registered:\t").append(BE_DATE.format(reg.created().atZone(ZoneOffset.UTC))).append("\n\n");
        b.append("Registrant:\n\tNot shown, please visit www.dnsbelgium.be for webbased whois.\n\n");
        b.append("Registrar Technical Contacts:\n\n");
        b.append("Registrar:\n\tName:\t").append(reg.registrar()).append("\n\tWebsite:\thttps://registrar.example\n\n");
        b.append("Nameservers:\n");
        if (standing.phase().delegated()) {
            reg.nameservers().forEach(ns -> b.append('\t').append(ns).append('\n'));
        }
        b.append("\nKeys:\n\nFlags:\n");
        standing.status().stream().filter(s -> !s.equals("active")).map(WhoisText::eppCode)
                .forEach(code -> b.append('\t').append(code).append('\n'));
        b.append('\n');
        return b.toString();
    }

    /** RFC 8056 words back to EPP codes: {@code client transfer prohibited → clientTransferProhibited}, {@code active → ok}. */
    static String eppCode(String rdapStatus) {
        if (rdapStatus.equals("active")) {
            return "ok";
        }
        List<String> words = List.of(rdapStatus.split(" "));
        StringBuilder b = new StringBuilder(words.getFirst());
        for (String w : words.subList(1, words.size())) {
            b.append(Character.toUpperCase(w.charAt(0))).append(w.substring(1));
        }
        return b.toString();
    }

    private static LocalDate date(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
