package org.lapsewatch.registration;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What registries call things in WHOIS. Keys are in {@link WhoisFields} form (lower case,
 * {@code -}/{@code _} as spaces, {@code section/key} inside a section), in order of
 * preference: the registry's own expiry beats the registrar's, a domain's creation beats a
 * record's.
 */
final class WhoisVocabulary {
    static final List<String> DOMAIN = List.of("domain name", "domain", "domainname", "domain information/domain name",
            "query", "ドメイン名");

    static final List<String> CREATED = List.of("creation date", "created", "created on", "created date",
            "domain registration date", "registration date", "registered on", "date registered", "registered",
            "registration time", "record created", "registered date", "domain created", "created at", "create date",
            "domain create date", "domain name commencement date", "commencement date", "first registration date",
            "registration", "登録年月日", "activated", "domain record activated", "fecha de creacion", "fecha de registro",
            "data de registro", "date de creation", "created on");

    static final List<String> UPDATED = List.of("updated date", "last updated", "last updated on", "last update",
            "last modified", "modified", "last changed", "changed", "updated", "updated on", "record last updated",
            "record last updated on", "domain last updated date", "last updated date", "modification date",
            "domain record last updated", "last modified date", "record last modified", "ultima actualizacion",
            "fecha de actualizacion", "最終更新");

    static final List<String> EXPIRES = List.of("registry expiry date", "expiry date", "expiration date", "expires",
            "expires on", "expire date", "expire", "expiration", "paid till", "renewal date", "valid until",
            "domain expiration date", "expiration time", "domain expires", "record expires on", "expiry",
            "exp date", "valid date", "record expired", "fecha de vencimiento", "fecha de expiracion",
            "data de expiracao", "registrar registration expiration date", "有効期限");

    /**
     * Words in a key that name a date of the domain, for keys no alias list knows
     * ({@code domain_dateregistered}, {@code Data de registo / Creation Date}).
     */
    static final Pattern CREATED_WORDS = Pattern.compile("creat|registered|registration|approved|commencement|activated|registo|registro|enregistrement");
    static final Pattern UPDATED_WORDS = Pattern.compile("updat|modif|changed|actualiz");
    static final Pattern EXPIRES_WORDS = Pattern.compile("expir|renewal|paid|billed|valid until|vencimiento|validity");
    /** Keys about something other than the domain's own dates. */
    static final Pattern NOT_DOMAIN_DATE = Pattern.compile(
            "registrar|registrant|contact|admin|tech|billing|database|whois|query|owner|holder|handle|status|number|\\bby\\b|\\bid\\b|period|price|fee");

    static final List<String> RELEASES = List.of("date out of quarantine", "free date");

    static final List<String> REGISTRAR = List.of("registrar/organization", "registrar/organisation",
            "registrar/name", "registrar name", "registrar organization", "sponsoring registrar",
            "registrar", "registrar/registrar name", "registration service provider", "registrar of record",
            "sponsoring registrar organization", "registrar handle");

    static final List<String> NAMESERVERS = List.of("name server", "name servers", "nameserver", "nameservers",
            "nserver", "domain nameservers", "dns", "dns servers", "hostname", "host name", "ns",
            "name servers information", "name server information", "domain servers in listed order",
            "name servers in the listed order", "name servers in listed order", "nameservers/name", "primary server", "ns name",
            "nameserver information", "nameservers/hostname",
            "secondary server", "dns name", "domain servers", "servidores de nombre", "servidores dns", "ネームサーバ");

    /** Words in a key that name the domain's name servers, for keys no alias list knows. */
    static final Pattern NAMESERVER_WORDS = Pattern.compile(
            "name ?servers?|nserver|\\bns\\d* (?:host ?name|name)\\b|dns servers?|domain servers?|domain name servers"
                    + "|(?:primary|secondary) (?:name )?server");
    static final Pattern NOT_NAMESERVER = Pattern.compile("address|\\bip\\b|ipv|whois|registrar|status|handle|\\bid\\b");

    static final List<String> STATUS = List.of("domain status", "status", "registration status", "state", "query status",
            "domain state", "eppstatus", "epp status", "estatus del dominio", "estado", "状態");

    /** The registry's id of the registration (ROID); a new id means a new registration. */
    static final List<String> HANDLE = List.of("registry domain id", "domain id", "roid");

    static final List<String> DNSSEC = List.of("dnssec", "dnssec status", "signed", "signing key");

    /** Values registries print where a field is empty. */
    private static final Set<String> PLACEHOLDERS = Set.of("not.defined", "not defined", "none", "n/a", "na",
            "-", "not available", "no name servers", "not applicable", "redacted for privacy", "not disclosed",
            "not.disclosed");

    /** "No registrar listed. This domain is registered directly with Nominet.", "No name servers listed". */
    private static final Pattern NOT_LISTED = Pattern.compile("no (?:registrar|name ?servers?|information|data)\\b|not (?:listed|shown|disclosed)\\b");

    /** What an answer as a whole says, besides its fields. */
    enum Reply {
        THROTTLED, UNAVAILABLE, FREE, RESERVED, INVALID, NONE
    }

    /** Rate-limit replies: the answer is about the asker, never about the domain. */
    private static final Pattern THROTTLE = Pattern.compile(
            "limit exceeded|limit reached|quota (?:\\S+ ){0,4}?(?:has been )?exceeded|too many (?:requests|connections|queries)"
                    + "|maximum (?:number of )?queries (?:per|reached)|excessive querying(?! of)|requests? per (?:second|minute|hour) allowed"
                    + "|go away for \\d+|wait \\d+ seconds|request denied|address blocked|access control limit|slow down"
                    + "|whois limit|exceeded (?:the )?(?:maximum|allowed|query|lookup)|has been exceeded"
                    + "|before starting another enquiry|temporarily (?:denied|blocked)|(?:requests?|queries|lookups|connections)\\b.{0,40}\\bexceeded",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern UNAVAILABLE = Pattern.compile(
            "server too busy|service (?:is )?(?:temporarily )?unavailable|temporarily unavailable|temporarily not be answered"
                    + "|internal (?:server )?error",
            Pattern.CASE_INSENSITIVE);

    /**
     * Free markers. A line that reads like a disclaimer ("whether", "if") never counts, so that
     * terms of use mentioning "not found" cannot make a registered domain look free.
     */
    private static final Pattern FREE = Pattern.compile(
            "no match|not found|domain name not known|\\bno found\\b|not registe?red|has not been registered|no se encuentra registrad|does not exist|no existe"
                    + "|[\\p{L}\\p{N}-]+\\.[\\p{L}\\p{N}.-]+\\W? is (?:still )?(?:free|available)(?: for (?:registration|purchase))?\\s*[.!]?$"
                    + "|\\bno (?:information|data|entries|entry|object|objects|records?|results|domain records?|matching \\S+)\\b(?: \\S+){0,4}? ?(?:were |was )?(?:found|available (?:about|on|for))"
                    + "|no records matching|do not have an entry|could not find the requested|not available in our whois|nothing found"
                    + "|no such domain|returned 0 objects|does not have any data|등록되어 있지 않습니다|no objects found"
                    + "|^(?:domain )?(?:status|query status|state):?\\s*(?:\\d+\\s+)?(?:free|available|avail|no object found)\\s*$",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern DISCLAIMER = Pattern.compile("whether|\\bif\\b|\\bmay\\b|purpose|accuracy|guarantee",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern RESERVED = Pattern.compile(
            "^(?:\\S+ )?(?:is |has been )?(?:a )?reserved\\b|reserved (?:by|name|domain)|^status:\\s*reserved|is reserved\\b|^\\S+ is prohibited",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern INVALID = Pattern.compile(
            "^(?:invalid (?:domain|query|input|request|name)|\\S+ is not a valid|not a valid domain|domain name (?:is )?invalid|malformed|wrong top level domain|bad request)"
                    + "|cannot be registered because|contravenes .*naming rules|non bijective|error: \\d+ invalid",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern BARE_FREE = Pattern.compile("(?:available|free)\\s*[.!]?", Pattern.CASE_INSENSITIVE);
    private static final Pattern LEADING_COMMENT = Pattern.compile("^\\s*(?:%|#)");
    private static final Pattern LEADING_MARKS = Pattern.compile("^[\\s%#>*\\-:;.]+");

    private WhoisVocabulary() {
    }

    /** The strongest thing the lines say about the answer as a whole: throttle first, then unavailable, free, reserved, invalid. */
    static Reply replyOf(List<String> lines) {
        Reply best = Reply.NONE;
        boolean first = true;
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            boolean comment = LEADING_COMMENT.matcher(line).lookingAt();
            // A bare "Available" (ZACR, CoCCA) counts only as the answer's first line: deeper
            // down, a lone word is more likely the tail of a wrapped or truncated sentence.
            Reply r = first && !comment && BARE_FREE.matcher(line.strip()).matches() ? Reply.FREE : replyOfLine(line);
            first &= comment;
            if (r.ordinal() < best.ordinal()) {
                best = r;
            }
        }
        return best;
    }

    /** The first line that says {@code reply}, for the reason text. */
    static String replyLine(List<String> lines, Reply reply) {
        for (String line : lines) {
            if (replyOfLine(line) == reply) {
                return line.strip();
            }
        }
        return "";
    }

    private static Reply replyOfLine(String line) {
        String content = LEADING_MARKS.matcher(line).replaceAll("");
        if (content.isEmpty() || content.length() > 300) {
            return Reply.NONE;
        }
        if (THROTTLE.matcher(content).find()) {
            return Reply.THROTTLED;
        }
        if (UNAVAILABLE.matcher(content).find() && content.length() < 120) {
            return Reply.UNAVAILABLE;
        }
        if (content.length() < 160 && FREE.matcher(content).find() && !DISCLAIMER.matcher(content).find()) {
            return Reply.FREE;
        }
        if (content.length() < 160 && RESERVED.matcher(content).find()) {
            return Reply.RESERVED;
        }
        if (content.length() < 160 && INVALID.matcher(content).find()) {
            return Reply.INVALID;
        }
        return Reply.NONE;
    }

    static boolean isPlaceholder(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.contains(v) || NOT_LISTED.matcher(v).lookingAt();
    }
}
