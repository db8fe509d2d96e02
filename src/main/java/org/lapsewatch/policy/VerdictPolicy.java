package org.lapsewatch.policy;

import org.lapsewatch.config.PolicySettings;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;
import org.lapsewatch.model.Lifecycle;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the inventory and the open findings become verdicts (see {@link PolicySettings} for the
 * meaning and defaults of each part).
 *
 * @param lifecycleActions     action per lifecycle of an inventory domain
 * @param findingActions       action per finding rule id, for subjects that are not active domains
 * @param activeFindingActions action per finding rule id, for active domains
 * @param allowlist            registrable domains (A-labels) that always get {@link Action#ALLOW}
 * @param senderExceptions     lower-case sender address, or {@code @domain} for a whole sender domain →
 *                             recipient registrable domains (A-labels) it may still send to, {@code *} for all
 * @param replyText            the SMTP reply text with {@code {domain}} and {@code {reason}} placeholders
 */
public record VerdictPolicy(Map<Lifecycle, Action> lifecycleActions, Map<String, Action> findingActions,
                            Map<String, Action> activeFindingActions, Set<String> allowlist,
                            Map<String, Set<String>> senderExceptions, String replyText) {

    public static final String ANY_RECIPIENT = "*";

    public VerdictPolicy {
        lifecycleActions = Map.copyOf(lifecycleActions);
        findingActions = Map.copyOf(findingActions);
        activeFindingActions = Map.copyOf(activeFindingActions);
        allowlist = Set.copyOf(allowlist);
        senderExceptions = Map.copyOf(senderExceptions);
        Objects.requireNonNull(replyText, "replyText");
    }

    public static VerdictPolicy defaults() {
        return from(PolicySettings.defaults());
    }

    /**
     * Reads the policy from the settings.
     *
     * @throws IllegalArgumentException naming the key when a domain in the allowlist or the
     *                                  sender exceptions is not a valid domain
     */
    public static VerdictPolicy from(PolicySettings settings) {
        Map<Lifecycle, Action> lifecycles = new EnumMap<>(Lifecycle.class);
        settings.lifecycleActions().forEach((k, v) -> lifecycles.put(Lifecycle.parse(k), Action.parse(v)));
        Set<String> allow = new HashSet<>();
        for (String d : settings.allowlist()) {
            allow.add(domain("allowlist", d));
        }
        Map<String, Set<String>> exceptions = new HashMap<>();
        settings.senderExceptions().forEach((sender, recipients) -> {
            Set<String> domains = new HashSet<>();
            for (String r : recipients) {
                domains.add(r.strip().equals(ANY_RECIPIENT) ? ANY_RECIPIENT : domain("senderExceptions." + sender, r));
            }
            exceptions.put(senderKey(sender), Set.copyOf(domains));
        });
        return new VerdictPolicy(lifecycles, actions(settings.findingActions()), actions(settings.activeFindingActions()),
                allow, exceptions, settings.rejectText());
    }

    /** Action for an inventory lifecycle; a lifecycle not configured is allowed. */
    Action forLifecycle(Lifecycle lifecycle) {
        return lifecycleActions.getOrDefault(lifecycle, Action.ALLOW);
    }

    /** Whether {@code sender} (any case) may send to {@code recipientDomain} despite its verdict. */
    boolean exempts(String sender, String recipientDomain) {
        if (senderExceptions.isEmpty() || sender == null || sender.isEmpty()) {
            return false;
        }
        String lower = sender.toLowerCase(Locale.ROOT);
        int at = lower.lastIndexOf('@');
        return allows(senderExceptions.get(lower), recipientDomain)
                || at >= 0 && allows(senderExceptions.get(lower.substring(at)), recipientDomain);
    }

    private static boolean allows(Set<String> recipients, String recipientDomain) {
        return recipients != null && (recipients.contains(ANY_RECIPIENT) || recipients.contains(recipientDomain));
    }

    private static String senderKey(String sender) {
        String s = sender.strip().toLowerCase(Locale.ROOT);
        if (s.startsWith("@")) {
            return "@" + domainOrThrow("senderExceptions", s.substring(1));
        }
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return "@" + domainOrThrow("senderExceptions", s);
        }
        return s.substring(0, at + 1) + domainOrThrow("senderExceptions", s.substring(at + 1));
    }

    private static String domainOrThrow(String key, String host) {
        try {
            return DomainName.toAscii(host);
        } catch (InvalidDomainException e) {
            throw new IllegalArgumentException(key + ": '" + host + "' is not a domain: " + e.getMessage());
        }
    }

    private static String domain(String key, String text) {
        try {
            return DomainName.registrableOf(text).ascii();
        } catch (InvalidDomainException e) {
            throw new IllegalArgumentException(key + ": '" + text + "' is not a domain: " + e.getMessage());
        }
    }

    private static Map<String, Action> actions(Map<String, String> byRule) {
        Map<String, Action> out = new HashMap<>();
        byRule.forEach((rule, action) -> out.put(rule, Action.parse(action)));
        return out;
    }
}
