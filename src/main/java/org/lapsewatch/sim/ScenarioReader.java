package org.lapsewatch.sim;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.lapsewatch.config.Durations;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns scenario YAML into a {@link Scenario}. Jackson checks the shape (unknown keys, wrong
 * types); everything else is checked here, and every error names the file, the line and the
 * field, found by the field's path in the YAML.
 */
final class ScenarioReader {
    private static final Pattern OFFSET = Pattern.compile("\\+(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    // The file's shape. Dates, durations and enumerations stay text here and are parsed below,
    // where the error can name the field.
    record ScenarioFile(String name, String description, String start, Map<String, RegistrySpec> registries,
                        Map<String, DomainSpec> domains, Map<String, List<String>> nameservers, List<EventSpec> events) {
    }

    record RegistrySpec(Boolean rdap, String whois, String lifecycle, String quarantine, String autoRenewGrace,
                        String redemption, String pendingDelete) {
    }

    record RegistrationSpec(String registrar, Integer ianaId, String handle, String created, String updated,
                            String expires, List<String> status, List<String> nameservers, Boolean dnssec) {
    }

    record DomainSpec(RegistrationSpec registration, List<String> zone) {
    }

    record EventSpec(String at, String domain, String action, RegistrationSpec registration, List<String> zone,
                     String service, FaultSpec fault, String until) {
    }

    record FaultSpec(String kind, String latency, Integer retryAfter, Integer status, Integer bytes, Integer times) {
    }

    /** Scenarios for load tests list a hundred thousand domains: far above SnakeYAML's 3 MB default. */
    private static org.yaml.snakeyaml.LoaderOptions largeDocuments() {
        org.yaml.snakeyaml.LoaderOptions options = new org.yaml.snakeyaml.LoaderOptions();
        options.setCodePointLimit(MAX_SCENARIO_CODE_POINTS);
        return options;
    }

    private static final int MAX_SCENARIO_CODE_POINTS = 256 * 1024 * 1024;

    private static final ObjectMapper MAPPER = JsonMapper.builder(YAMLFactory.builder().loaderOptions(largeDocuments()).build())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private final String origin;
    private final Map<String, Integer> lines;
    private Instant start;

    private ScenarioReader(String origin, Map<String, Integer> lines) {
        this.origin = origin;
        this.lines = lines;
    }

    static Scenario read(String text, String origin, String defaultName) {
        ScenarioFile file;
        try {
            file = MAPPER.readValue(text.isBlank() ? "{}" : text, ScenarioFile.class);
        } catch (JsonProcessingException e) {
            throw new ScenarioException(describe(e, origin), e);
        }
        if (file == null) {
            file = new ScenarioFile(null, null, null, null, null, null, null);
        }
        return new ScenarioReader(origin, lineIndex(text)).compile(file, defaultName);
    }

    private Scenario compile(ScenarioFile file, String defaultName) {
        start = file.start() == null ? fail("/start", "is required (the instant the clock starts at, e.g. 2026-01-05T09:00:00Z)")
                : absoluteInstant(file.start(), "/start");
        Map<String, Registry> registries = new LinkedHashMap<>();
        if (file.registries() == null || file.registries().isEmpty()) {
            fail("/registries", "is required: at least one TLD with its registry");
        }
        file.registries().forEach((tld, spec) -> registries.put(tldKey(tld), registry(tldKey(tld), spec, "/registries/" + tld)));

        Map<String, DomainState> initial = new LinkedHashMap<>();
        Set<String> hosts = new TreeSet<>();
        Map<String, DomainSpec> domains = file.domains() == null ? Map.of() : file.domains();
        domains.forEach((key, spec) -> {
            String at = "/domains/" + key;
            String domain = domain(key, at, registries);
            if (spec == null) {
                fail(at, "needs a registration and/or a zone");
            }
            RegistryEntry entry = spec.registration() == null ? null
                    : entry(domain, spec.registration(), at + "/registration", null);
            Zone zone = zone(domain, spec.zone(), at + "/zone");
            if (entry != null) {
                hosts.addAll(entry.nameservers());
            }
            hosts.addAll(apexNameservers(zone));
            initial.put(domain, new DomainState(domain, entry, null, false, zone));
        });

        Map<String, Set<String>> served = new HashMap<>();
        if (file.nameservers() != null) {
            file.nameservers().forEach((host, zones) -> {
                String at = "/nameservers/" + host;
                String h = hostName(host, at);
                Set<String> set = new TreeSet<>();
                for (int i = 0; zones != null && i < zones.size(); i++) {
                    String z = domain(zones.get(i), at + "/" + i, registries);
                    set.add(z);
                }
                served.put(h, set);
                hosts.add(h);
            });
        }

        List<Event> events = new ArrayList<>();
        List<ScheduledFault> faults = new ArrayList<>();
        List<EventSpec> specs = file.events() == null ? List.of() : file.events();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            order.add(i);
        }
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            EventSpec spec = specs.get(i);
            if (spec.at() == null) {
                fail("/events/" + i + "/at", "is required (an instant, or an offset from start such as +30d or +70d1h)");
            }
            times.add(eventTime(spec.at(), "/events/" + i + "/at"));
        }
        order.sort((a, b) -> times.get(a).compareTo(times.get(b)));
        Set<String> registered = new HashSet<>();
        initial.forEach((d, s) -> {
            if (s.registration() != null) {
                registered.add(d);
            }
        });
        for (int i : order) {
            EventSpec spec = specs.get(i);
            String at = "/events/" + i;
            Instant when = times.get(i);
            if (spec.action() == null) {
                fail(at + "/action", "is required (cancel, quarantine, expire, release, re-register, update or fault)");
            }
            if (spec.action().strip().equalsIgnoreCase("fault")) {
                faults.add(scheduledFault(spec, at, when, registries));
                continue;
            }
            Event.Action action;
            try {
                action = Event.Action.parse(spec.action());
            } catch (IllegalArgumentException e) {
                throw error(at + "/action", "'" + spec.action()
                        + "' is not an action (cancel, quarantine, expire, release, re-register, update, fault)");
            }
            if (spec.domain() == null) {
                fail(at + "/domain", "is required for " + action.word());
            }
            String domain = domain(spec.domain(), at + "/domain", registries);
            Registry registry = registries.get(domain.substring(domain.lastIndexOf('.') + 1));
            if (action != Event.Action.RE_REGISTER && !registered.contains(domain)) {
                fail(at + "/domain", domain + " is not registered at that time, so it cannot " + action.word());
            }
            if (action == Event.Action.EXPIRE && registry.lapse().quarantineStyle()) {
                fail(at + "/action", "expire applies to gTLD-style registries; ." + registry.tld()
                        + " names do not expire at the registry (use cancel)");
            }
            if (action == Event.Action.QUARANTINE && !registry.lapse().quarantineStyle()) {
                fail(at + "/action", "." + registry.tld() + " has no quarantine (use cancel or expire)");
            }
            RegistryEntry entry = null;
            Event.Patch patch = null;
            Zone zone = spec.zone() == null ? null : zone(domain, spec.zone(), at + "/zone");
            switch (action) {
                case RE_REGISTER -> {
                    if (spec.registration() == null) {
                        fail(at + "/registration", "is required for re-register (the new holder's registrar, nameservers …)");
                    }
                    entry = entry(domain, spec.registration(), at + "/registration", when);
                    if (zone == null) {
                        zone = Zone.empty(Names.absolute(domain));
                    }
                    registered.add(domain);
                }
                case UPDATE -> {
                    if (spec.registration() == null && spec.zone() == null) {
                        fail(at, "an update needs a registration and/or a zone");
                    }
                    patch = patch(spec.registration(), at + "/registration");
                }
                case RELEASE -> registered.remove(domain);
                default -> {
                    if (spec.registration() != null || spec.zone() != null) {
                        fail(at, action.word() + " takes no registration or zone");
                    }
                }
            }
            if (entry != null) {
                hosts.addAll(entry.nameservers());
            }
            if (patch != null && patch.nameservers() != null) {
                hosts.addAll(patch.nameservers());
            }
            if (zone != null) {
                hosts.addAll(apexNameservers(zone));
            }
            initial.putIfAbsent(domain, new DomainState(domain, null, null, false, Zone.empty(Names.absolute(domain))));
            events.add(new Event(when, domain, action, entry, patch, zone));
        }
        String name = file.name() == null || file.name().isBlank() ? defaultName : file.name().strip();
        String description = file.description() == null ? "" : file.description().strip();
        return new Scenario(name, description, start, registries, initial, served, events, faults, hosts);
    }

    private Registry registry(String tld, RegistrySpec spec, String at) {
        if (spec == null) {
            spec = new RegistrySpec(null, null, null, null, null, null, null);
        }
        Registry.WhoisStyle style = spec.whois() == null ? Registry.WhoisStyle.GTLD
                : choice(Registry.WhoisStyle.class, spec.whois(), at + "/whois");
        boolean quarantineStyle = spec.lifecycle() == null
                ? style == Registry.WhoisStyle.NL || style == Registry.WhoisStyle.BE
                : switch (spec.lifecycle().strip().toLowerCase(Locale.ROOT)) {
                    case "quarantine" -> true;
                    case "gtld" -> false;
                    default -> fail(at + "/lifecycle", "'" + spec.lifecycle() + "' is not a lifecycle (quarantine or gtld)");
                };
        boolean rdap = spec.rdap() == null ? style != Registry.WhoisStyle.BE : spec.rdap();
        return new Registry(tld, rdap, style, new Registry.LapseRules(quarantineStyle,
                duration(spec.quarantine(), Duration.ofDays(40), at + "/quarantine"),
                duration(spec.autoRenewGrace(), Duration.ofDays(45), at + "/autoRenewGrace"),
                duration(spec.redemption(), Duration.ofDays(30), at + "/redemption"),
                duration(spec.pendingDelete(), Duration.ofDays(5), at + "/pendingDelete")));
    }

    private RegistryEntry entry(String domain, RegistrationSpec spec, String at, Instant eventTime) {
        if (spec.registrar() == null || spec.registrar().isBlank()) {
            fail(at + "/registrar", "is required");
        }
        Instant created = spec.created() != null ? absoluteInstant(spec.created(), at + "/created") : eventTime;
        if (created == null) {
            fail(at + "/created", "is required");
        }
        Instant updated = spec.updated() != null ? absoluteInstant(spec.updated(), at + "/updated") : eventTime;
        Instant expires = spec.expires() == null ? null : absoluteInstant(spec.expires(), at + "/expires");
        String handle = spec.handle() != null ? spec.handle().strip()
                : domain.substring(0, domain.indexOf('.')).toUpperCase(Locale.ROOT) + "-"
                + created.atOffset(ZoneOffset.UTC).toLocalDate().toString().replace("-", "");
        return new RegistryEntry(handle, spec.registrar().strip(), spec.ianaId(), created, updated, expires,
                statuses(spec.status(), at + "/status"), hostNames(spec.nameservers(), at + "/nameservers"),
                Boolean.TRUE.equals(spec.dnssec()));
    }

    private Event.Patch patch(RegistrationSpec spec, String at) {
        if (spec == null) {
            return new Event.Patch(null, null, null, null, null, null, null);
        }
        if (spec.created() != null) {
            fail(at + "/created", "an update cannot change the creation date (use re-register)");
        }
        return new Event.Patch(spec.registrar(), spec.ianaId(), spec.handle(),
                spec.expires() == null ? null : absoluteInstant(spec.expires(), at + "/expires"),
                spec.status() == null ? null : statuses(spec.status(), at + "/status"),
                spec.nameservers() == null ? null : hostNames(spec.nameservers(), at + "/nameservers"),
                spec.dnssec());
    }

    private List<String> statuses(List<String> list, String at) {
        List<String> out = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            String s = list.get(i).strip().toLowerCase(Locale.ROOT);
            if (!s.matches("[a-z][a-z ]*")) {
                fail(at + "/" + i, "'" + list.get(i) + "' is not an RDAP status (RFC 8056 words, e.g. client transfer prohibited)");
            }
            out.add(s);
        }
        return out;
    }

    private List<String> hostNames(List<String> list, String at) {
        List<String> out = new ArrayList<>();
        for (int i = 0; list != null && i < list.size(); i++) {
            out.add(hostName(list.get(i), at + "/" + i));
        }
        return out;
    }

    private String hostName(String text, String at) {
        try {
            return DomainName.toAscii(text);
        } catch (InvalidDomainException e) {
            throw error(at, e.getMessage());
        }
    }

    private String domain(String text, String at, Map<String, Registry> registries) {
        String ascii;
        try {
            ascii = DomainName.toAscii(text);
        } catch (InvalidDomainException e) {
            throw error(at, e.getMessage());
        }
        int dot = ascii.indexOf('.');
        if (dot < 0 || dot != ascii.lastIndexOf('.')) {
            fail(at, "'" + text + "' must be one label under a TLD, e.g. example.nl");
        }
        String tld = ascii.substring(dot + 1);
        if (!registries.containsKey(tld)) {
            fail(at, "'" + text + "' is under ." + tld + ", which has no entry under registries");
        }
        return ascii;
    }

    private String tldKey(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith(".")) {
            t = t.substring(1);
        }
        if (!t.matches("[a-z0-9-]+")) {
            fail("/registries/" + text, "'" + text + "' is not a single-label TLD");
        }
        return t;
    }

    /** Parses zone lines: {@code OWNER [TTL] [IN] TYPE RDATA}, owner {@code @}, relative or absolute. */
    private Zone zone(String domain, List<String> lines, String at) {
        Name origin = Names.absolute(domain);
        List<Record> records = new ArrayList<>();
        for (int i = 0; lines != null && i < lines.size(); i++) {
            records.add(zoneRecord(origin, lines.get(i), at + "/" + i));
        }
        return new Zone(origin, records);
    }

    private Record zoneRecord(Name origin, String line, String at) {
        String[] parts = line.strip().split("\\s+", 2);
        if (parts.length < 2) {
            fail(at, "'" + line + "' is not a record (write OWNER [TTL] TYPE DATA, e.g. '@ MX 10 mail')");
        }
        String rest = parts[1];
        long ttl = Zone.TTL;
        String[] next = rest.split("\\s+", 2);
        if (next[0].matches("\\d+") && next.length == 2) {
            ttl = Long.parseLong(next[0]);
            rest = next[1];
            next = rest.split("\\s+", 2);
        }
        if (next[0].equalsIgnoreCase("IN") && next.length == 2) {
            rest = next[1];
            next = rest.split("\\s+", 2);
        }
        int type = Type.value(next[0].toUpperCase(Locale.ROOT));
        if (type < 0 || next.length < 2) {
            fail(at, "'" + line + "': '" + next[0] + "' is not a record type followed by data");
        }
        if (type == Type.SOA) {
            fail(at, "the SOA record is made by the simulation; leave it out");
        }
        try {
            Name owner = parts[0].equals("@") ? origin : Name.fromString(parts[0].toLowerCase(Locale.ROOT), origin);
            if (!owner.subdomain(origin)) {
                fail(at, "owner '" + parts[0] + "' is outside the zone " + Names.host(origin));
            }
            return Record.fromString(owner, type, DClass.IN, ttl, next[1], origin);
        } catch (IOException | RuntimeException e) {
            if (e instanceof ScenarioException se) {
                throw se;
            }
            throw error(at, "'" + line + "' is not a valid " + Type.string(type) + " record: " + e.getMessage());
        }
    }

    private static List<String> apexNameservers(Zone zone) {
        List<String> out = new ArrayList<>();
        for (Record r : zone.records()) {
            if (r.getType() == Type.NS && r.getName().equals(zone.origin())) {
                out.add(Names.host(r.getAdditionalName()));
            }
        }
        return out;
    }

    private ScheduledFault scheduledFault(EventSpec spec, String at, Instant from, Map<String, Registry> registries) {
        if (spec.service() == null) {
            fail(at + "/service", "is required for a fault (rdap, whois or dns)");
        }
        Service service = choice(Service.class, spec.service(), at + "/service");
        FaultSpec f = spec.fault();
        if (f == null || f.kind() == null) {
            fail(at + "/fault/kind", "is required (latency, 429, 5xx, timeout, truncated, garbage, oversized)");
        }
        String kind = f.kind().strip().toLowerCase(Locale.ROOT);
        Fault.Effect effect = switch (kind) {
            case "latency" -> {
                if (f.latency() == null) {
                    fail(at + "/fault/latency", "is required for a latency fault, e.g. 2s");
                }
                yield new Fault.Latency(duration(f.latency(), null, at + "/fault/latency"));
            }
            case "429", "too-many-requests" -> new Fault.TooManyRequests(f.retryAfter() == null ? 60 : f.retryAfter());
            case "5xx", "server-error" -> {
                int status = f.status() == null ? 503 : f.status();
                if (status < 500 || status > 599) {
                    fail(at + "/fault/status", "must be 500-599, got " + status);
                }
                yield new Fault.ServerError(status);
            }
            case "timeout" -> new Fault.Timeout();
            case "truncated" -> new Fault.Truncated();
            case "garbage" -> new Fault.Garbage();
            case "oversized" -> new Fault.Oversized(f.bytes() == null ? 3_000_000 : Math.max(1, f.bytes()));
            default -> fail(at + "/fault/kind", "'" + f.kind()
                    + "' is not a fault (latency, 429, 5xx, timeout, truncated, garbage, oversized)");
        };
        String scope = spec.domain() == null ? null : domain(spec.domain(), at + "/domain", registries);
        int times = f.times() == null ? 0 : f.times();
        if (times < 0) {
            fail(at + "/fault/times", "must not be negative");
        }
        Instant until = spec.until() == null ? null : eventTime(spec.until(), at + "/until");
        if (until != null && !until.isAfter(from)) {
            fail(at + "/until", "must be after at");
        }
        return new ScheduledFault(service, new Fault(effect, scope, times), from, until);
    }

    private <E extends Enum<E>> E choice(Class<E> type, String text, String at) {
        try {
            return Enum.valueOf(type, text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) {
                names.add(c.name().toLowerCase(Locale.ROOT));
            }
            throw error(at, "'" + text + "' is not one of " + String.join(", ", names));
        }
    }

    private Duration duration(String text, Duration fallback, String at) {
        if (text == null) {
            return fallback;
        }
        try {
            Duration d = Durations.parse(text);
            if (d.isNegative()) {
                fail(at, "must not be negative");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw error(at, e.getMessage());
        }
    }

    private Instant eventTime(String text, String at) {
        String t = text.strip();
        if (t.startsWith("+")) {
            if (t.startsWith("+P")) {
                try {
                    return start.plus(Duration.parse(t.substring(1)));
                } catch (DateTimeParseException e) {
                    throw error(at, "'" + text + "' is not an ISO-8601 duration");
                }
            }
            Matcher m = OFFSET.matcher(t);
            if (!m.matches() || t.length() == 1) {
                fail(at, "'" + text + "' is not an offset (write e.g. +30d, +70d1h, +90m)");
            }
            Duration d = Duration.ZERO;
            long[] unitSeconds = {86_400, 3_600, 60, 1};
            for (int g = 1; g <= 4; g++) {
                if (m.group(g) != null) {
                    d = d.plusSeconds(Long.parseLong(m.group(g)) * unitSeconds[g - 1]);
                }
            }
            return start.plus(d);
        }
        return absoluteInstant(t, at);
    }

    private Instant absoluteInstant(String text, String at) {
        String t = text.strip();
        try {
            if (t.length() == 10) {
                return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return java.time.OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw error(at, "'" + text + "' is not a date (2026-01-05) or an instant with offset (2026-01-05T09:00:00Z)");
        }
    }

    private <T> T fail(String pointer, String message) {
        throw error(pointer, message);
    }

    private ScenarioException error(String pointer, String message) {
        Integer line = null;
        for (String p = pointer; line == null && !p.isEmpty(); p = p.substring(0, Math.max(0, p.lastIndexOf('/')))) {
            line = lines.get(p);
        }
        return new ScenarioException(origin + (line == null ? "" : " line " + line) + ": " + field(pointer) + ": " + message);
    }

    /** {@code /events/3/domain} → {@code events[3].domain}; keys with dots are quoted. */
    private static String field(String pointer) {
        StringBuilder b = new StringBuilder();
        for (String segment : pointer.substring(1).split("/")) {
            if (segment.matches("\\d+")) {
                b.append('[').append(segment).append(']');
            } else if (segment.contains(".")) {
                b.append("[\"").append(segment).append("\"]");
            } else {
                b.append(b.isEmpty() ? "" : ".").append(segment);
            }
        }
        return b.toString();
    }

    /** The line each field path starts on, from the YAML token stream. */
    private static Map<String, Integer> lineIndex(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = MAPPER.getFactory().createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    if (p.getParsingContext().getParent() != null) {
                        lines.putIfAbsent(p.getParsingContext().getParent().pathAsPointer().toString(),
                                p.currentTokenLocation().getLineNr());
                    }
                    continue;
                }
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    continue;
                }
                lines.putIfAbsent(p.getParsingContext().pathAsPointer().toString(), p.currentTokenLocation().getLineNr());
            }
        } catch (IOException e) {
            // The mapper already accepted this text; an index that stops early only loses line numbers.
        }
        return lines;
    }

    private static String describe(JsonProcessingException e, String origin) {
        JsonLocation where = e.getLocation();
        String at = origin + (where != null && where.getLineNr() > 0 ? " line " + where.getLineNr() : "") + ": ";
        if (e instanceof UnrecognizedPropertyException u) {
            return at + "unknown field '" + path(u) + "' (known here: "
                    + new TreeSet<>(u.getKnownPropertyIds().stream().map(String::valueOf).toList()) + ")";
        }
        if (e instanceof MismatchedInputException m) {
            return at + "wrong type for '" + path(m) + "'"
                    + (m.getTargetType() == null ? "" : ": expected " + typeName(m.getTargetType()));
        }
        return at + "not valid YAML: " + e.getOriginalMessage();
    }

    private static String typeName(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return "a mapping";
    }

    private static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
