package org.lapsewatch.registration;

import org.lapsewatch.model.RegistrationState;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The status words of RDAP (RFC 8056), EPP and the registries' own WHOIS vocabularies, and
 * the lifecycle state each one implies. EPP codes ({@code clientTransferProhibited}) become
 * RFC 8056 words ({@code client transfer prohibited}); registry words are kept, lower case.
 */
final class StatusVocabulary {
    private static final Pattern URL = Pattern.compile("\\s*\\(?https?://\\S*\\)?");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z])(?=[A-Z])");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Registry words that differ from their RFC 8056 equivalent. */
    private static final Map<String, String> SYNONYMS = Map.ofEntries(
            Map.entry("ok", "active"),
            Map.entry("renewperiod", "renew period"),
            Map.entry("autorenewperiod", "auto renew period"),
            Map.entry("redemptionperiod", "redemption period"),
            Map.entry("pendingdelete", "pending delete"),
            Map.entry("in quarantine", "quarantine"));

    /**
     * Lifecycle state implied by a status word, checked in order: the first entry whose phrase
     * occurs in the normalized word wins. Strength among several words is decided by
     * {@link #stateOf(Collection)}.
     */
    private static final List<Map.Entry<String, RegistrationState>> STATES = List.of(
            Map.entry("pending delete", RegistrationState.PENDING_DELETE),
            Map.entry("pending purge", RegistrationState.PENDING_DELETE),
            Map.entry("to be deleted", RegistrationState.PENDING_DELETE),
            Map.entry("redemption", RegistrationState.REDEMPTION),
            Map.entry("pending restore", RegistrationState.REDEMPTION),
            Map.entry("quarantine", RegistrationState.QUARANTINE),
            Map.entry("auto renew period", RegistrationState.GRACE),
            Map.entry("expired", RegistrationState.GRACE),
            Map.entry("client hold", RegistrationState.HOLD),
            Map.entry("server hold", RegistrationState.HOLD),
            Map.entry("out of service", RegistrationState.HOLD),
            Map.entry("suspended", RegistrationState.HOLD),
            Map.entry("inactive", RegistrationState.HOLD),
            Map.entry("not available", RegistrationState.REGISTERED),
            Map.entry("no longer required", RegistrationState.REGISTERED),
            Map.entry("not allowed", RegistrationState.INVALID),
            Map.entry("not open", RegistrationState.RESERVED),
            Map.entry("notallowed", RegistrationState.INVALID),
            Map.entry("invalid", RegistrationState.INVALID),
            Map.entry("reserved", RegistrationState.RESERVED),
            Map.entry("free", RegistrationState.AVAILABLE),
            Map.entry("available", RegistrationState.AVAILABLE),
            Map.entry("not registered", RegistrationState.AVAILABLE),
            Map.entry("unregistered", RegistrationState.AVAILABLE));

    /**
     * Stronger states first: the one nearest to losing the domain wins, except that gTLD
     * registries set "pending delete" throughout the redemption period, so redemption beats it.
     */
    private static final List<RegistrationState> STRENGTH = List.of(
            RegistrationState.AVAILABLE, RegistrationState.INVALID, RegistrationState.RESERVED,
            RegistrationState.REDEMPTION, RegistrationState.PENDING_DELETE, RegistrationState.QUARANTINE,
            RegistrationState.GRACE, RegistrationState.HOLD);

    private StatusVocabulary() {
    }

    /** The RFC 8056 form of one status value: lower case words, no link, no EPP camel case. */
    static String normalize(String raw) {
        String s = URL.matcher(raw).replaceAll(" ").strip();
        s = CAMEL.matcher(s).replaceAll(" ");
        s = NOT_WORD.matcher(s.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
        return SYNONYMS.getOrDefault(s, s);
    }

    /** The state one normalized status word implies, or null when it implies only "registered". */
    static RegistrationState stateOf(String normalized) {
        String padded = " " + normalized + " ";
        for (Map.Entry<String, RegistrationState> e : STATES) {
            if (padded.contains(" " + e.getKey() + " ")) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The strongest state among normalized status words; null when none implies more than
     * "registered" (the caller then decides from the other data).
     */
    static RegistrationState stateOf(Collection<String> normalized) {
        RegistrationState best = null;
        for (String word : normalized) {
            RegistrationState s = stateOf(word);
            if (s != null && (best == null || rank(s) < rank(best))) {
                best = s;
            }
        }
        return best;
    }

    private static int rank(RegistrationState state) {
        int i = STRENGTH.indexOf(state);
        return i < 0 ? STRENGTH.size() : i;
    }
}
