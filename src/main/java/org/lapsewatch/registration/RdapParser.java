package org.lapsewatch.registration;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.lapsewatch.model.Registration;
import org.lapsewatch.model.Registration.Source;
import org.lapsewatch.model.RegistrationState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns an RDAP domain object (RFC 9083) into the normalized Registration. Pure: no I/O.
 *
 * <p>Events: {@code registration} (a later {@code reregistration} replaces it: the name was
 * registered anew), {@code expiration}, {@code last changed} (or the non-standard
 * {@code last update}; {@code last update of RDAP database} is about the server, not the
 * domain). Status words map onto the lifecycle state (see {@link StatusVocabulary}). Fields
 * named in an RFC 9537 {@code redacted} array are null. An RDAP error object with
 * {@code errorCode} 404 yields {@code available}: whether that proves anything depends on
 * whether the server is the registry's own or a redirector, which only the caller knows.
 */
public final class RdapParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RdapParser() {
    }

    /**
     * @param json   the response body
     * @param server the host that answered (kept in the result)
     * @return the normalized registration; state unknown with a reason when the text is not a
     *         readable domain object. Never throws.
     */
    public static Registration parse(String json, String server) {
        if (json == null || json.isBlank()) {
            return Registration.unknown(null, Source.RDAP, server, RegistrationState.UNKNOWN, "empty RDAP response");
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            return Registration.unknown(null, Source.RDAP, server, RegistrationState.UNKNOWN,
                    "RDAP response is not JSON: " + firstLine(e.getOriginalMessage()));
        }
        try {
            return fromTree(root, server);
        } catch (RuntimeException e) {
            // A shape no registry should send (e.g. an event that is a number): unreadable, not a fact.
            return Registration.unknown(null, Source.RDAP, server, RegistrationState.UNKNOWN,
                    "unreadable RDAP domain object: " + e);
        }
    }

    private static Registration fromTree(JsonNode root, String server) {
        if (root == null || !root.isObject()) {
            return Registration.unknown(null, Source.RDAP, server, RegistrationState.UNKNOWN, "RDAP response is not a JSON object");
        }
        String domain = hostName(firstText(root, "ldhName", "unicodeName"));
        if (root.has("errorCode")) {
            int code = root.path("errorCode").asInt(-1);
            String title = root.path("title").asText("");
            return switch (code) {
                case 404 -> new Registration(domain, Source.RDAP, server, RegistrationState.AVAILABLE, List.of(), null,
                        null, null, null, null, List.of(), null, null);
                case 429 -> Registration.unknown(domain, Source.RDAP, server, RegistrationState.THROTTLED,
                        "RDAP error 429 " + title);
                default -> Registration.unknown(domain, Source.RDAP, server, RegistrationState.UNKNOWN,
                        "RDAP error " + root.path("errorCode").asText() + " " + title);
            };
        }
        String objectClass = root.path("objectClassName").asText("");
        if (!objectClass.equalsIgnoreCase("domain")) {
            return Registration.unknown(domain, Source.RDAP, server, RegistrationState.UNKNOWN,
                    "not an RDAP domain object (objectClassName '" + objectClass + "')");
        }
        Set<String> redacted = redactedNames(root);
        Events events = events(root.path("events"));
        List<String> status = new ArrayList<>();
        for (JsonNode s : root.path("status")) {
            if (s.isTextual() && !s.asText().isBlank()) {
                status.add(StatusVocabulary.normalize(s.asText()));
            }
        }
        RegistrationState implied = StatusVocabulary.stateOf(status);
        // A domain object exists, so status words cannot make it available.
        RegistrationState state = implied == null || implied == RegistrationState.AVAILABLE
                ? RegistrationState.REGISTERED : implied;
        List<String> nameservers = new ArrayList<>();
        for (JsonNode ns : root.path("nameservers")) {
            String name = hostName(firstText(ns, "ldhName", "unicodeName"));
            if (name != null && !nameservers.contains(name)) {
                nameservers.add(name);
            }
        }
        JsonNode signed = root.path("secureDNS").path("delegationSigned");
        Boolean dnssec = signed.isBoolean() ? signed.booleanValue() : null;
        String registrar = isRedacted(redacted, "registrar") ? null : registrar(root.path("entities"));
        return new Registration(domain, Source.RDAP, server, state, status,
                isRedacted(redacted, "registration", "creat") ? null : events.created,
                isRedacted(redacted, "last changed", "updat") ? null : events.updated,
                isRedacted(redacted, "expir") ? null : events.expires,
                null, registrar, nameservers, dnssec, null, handle(root.path("handle")));
    }

    private static final class Events {
        Instant created;
        Instant reregistered;
        Instant updated;
        Instant lastUpdate;
        Instant expires;
    }

    private static Events events(JsonNode array) {
        Events e = new Events();
        for (JsonNode event : array) {
            String action = event.path("eventAction").asText("").strip().toLowerCase(Locale.ROOT);
            Instant date = RegistryDates.parse(event.path("eventDate").asText(null));
            if (date == null) {
                continue;
            }
            switch (action) {
                case "registration" -> e.created = e.created == null ? date : e.created;
                case "reregistration" -> e.reregistered = later(e.reregistered, date);
                case "expiration" -> e.expires = e.expires == null ? date : e.expires;
                case "last changed" -> e.updated = e.updated == null ? date : e.updated;
                case "last update" -> e.lastUpdate = e.lastUpdate == null ? date : e.lastUpdate;
                default -> {
                    // "last update of RDAP database", "transfer", "locked"...: not the §7 fields.
                }
            }
        }
        e.created = later(e.created, e.reregistered);
        e.updated = e.updated == null ? e.lastUpdate : e.updated;
        return e;
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    /** The registrar's name: vCard fn, else org, else its IANA id as "IANA #id", else its handle. */
    private static String registrar(JsonNode entities) {
        for (JsonNode entity : entities) {
            boolean isRegistrar = false;
            for (JsonNode role : entity.path("roles")) {
                isRegistrar |= role.asText("").equalsIgnoreCase("registrar");
            }
            if (!isRegistrar) {
                continue;
            }
            String fn = vcardText(entity.path("vcardArray"), "fn");
            if (fn == null) {
                fn = vcardText(entity.path("vcardArray"), "org");
            }
            if (fn != null) {
                return fn;
            }
            for (JsonNode id : entity.path("publicIds")) {
                if (id.path("type").asText("").toLowerCase(Locale.ROOT).contains("iana")
                        && !id.path("identifier").asText("").isBlank()) {
                    return "IANA #" + id.path("identifier").asText().strip();
                }
            }
            String handle = entity.path("handle").asText("").strip();
            return handle.isEmpty() ? null : handle;
        }
        return null;
    }

    private static String vcardText(JsonNode vcardArray, String property) {
        for (JsonNode prop : vcardArray.path(1)) {
            if (prop.path(0).asText("").equalsIgnoreCase(property)) {
                JsonNode value = prop.path(3);
                String text = value.isArray() ? value.path(0).asText("") : value.asText("");
                if (!text.isBlank()) {
                    return text.strip();
                }
            }
        }
        return null;
    }

    /** RFC 9537: the lower-case names (and paths) of redacted fields. */
    private static Set<String> redactedNames(JsonNode root) {
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode r : root.path("redacted")) {
            String description = r.path("name").path("type").asText(r.path("name").path("description").asText(""));
            String path = r.path("prePath").asText(r.path("postPath").asText(""));
            names.add((description + " " + path).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** True when a redaction names a field of the domain itself (not one of its contacts). */
    private static boolean isRedacted(Set<String> redacted, String... words) {
        for (String name : redacted) {
            if (name.contains("registrant") || name.contains("tech") || name.contains("admin") || name.contains("billing")) {
                continue;
            }
            for (String word : words) {
                if (name.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String firstText(JsonNode node, String... fields) {
        for (String f : fields) {
            JsonNode v = node.path(f);
            if (v.isTextual() && !v.asText().isBlank()) {
                return v.asText();
            }
        }
        return null;
    }

    /** A host name as §7 wants it: lower case, no trailing dot; null when blank. */
    static String hostName(String name) {
        if (name == null) {
            return null;
        }
        String s = name.strip().toLowerCase(Locale.ROOT);
        while (s.endsWith(".")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.isEmpty() ? null : s;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The domain object's registry handle, when it gives one that can identify a registration. */
    private static String handle(JsonNode node) {
        String handle = node.isTextual() ? node.asText().strip() : "";
        return handle.isEmpty() || handle.contains(" ") ? null : handle;
    }
}
