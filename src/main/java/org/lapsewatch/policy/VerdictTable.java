package org.lapsewatch.policy;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InvalidDomainException;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;
import org.lapsewatch.rules.Finding;
import org.lapsewatch.rules.RuleIds;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot: registrable domain → non-allow {@link Verdict}, with the policy and
 * socketmap replies for each verdict encoded once at build time.
 *
 * <p>Lookups take the recipient as bytes (as read off the wire) and walk its domain's suffixes
 * ({@code staff@mail.bjzutrecht.nl} tries {@code mail.bjzutrecht.nl}, {@code bjzutrecht.nl},
 * {@code nl}) through an open-addressing table of A-label byte keys, hashing and comparing
 * case-insensitively in place. An ASCII lookup allocates nothing. What allocates: a recipient
 * with non-ASCII bytes (SMTPUTF8; decoded and IDNA-converted), and sender exceptions (the sender
 * is decoded to a String, only after a non-allow verdict was found).
 */
public final class VerdictTable {
    private static final VerdictTable EMPTY = build(List.of(), List.of(), VerdictPolicy.defaults());

    private final VerdictPolicy policy;
    private final List<Verdict> verdicts;
    private final byte[][] keys;
    private final int[] slots;
    private final byte[][] policyReplies;
    private final byte[][] transportReplies;
    private final int mask;

    private VerdictTable(VerdictPolicy policy, List<Verdict> verdicts) {
        this.policy = policy;
        this.verdicts = List.copyOf(verdicts);
        int capacity = Integer.highestOneBit(Math.max(4, verdicts.size() * 2 + 1) - 1) << 1;
        this.mask = capacity - 1;
        this.keys = new byte[capacity][];
        this.slots = new int[capacity];
        this.policyReplies = new byte[verdicts.size()][];
        this.transportReplies = new byte[verdicts.size()][];
        for (int i = 0; i < verdicts.size(); i++) {
            Verdict v = verdicts.get(i);
            byte[] key = v.domain().ascii().getBytes(StandardCharsets.US_ASCII);
            int slot = hash(key, 0, key.length) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            slots[slot] = i;
            String text = replyText(policy.replyText(), v);
            policyReplies[i] = PolicyReplies.forVerdict(v.action(), text);
            transportReplies[i] = SocketmapReplies.forVerdict(v.action(), text);
        }
    }

    /** A table that allows everything (before the first load). */
    public static VerdictTable empty() {
        return EMPTY;
    }

    /**
     * Builds the verdicts: each inventory domain gets its lifecycle's action; each finding whose
     * rule the policy maps adds that action to its subject (the map for active domains when the
     * subject is active in the inventory, the other map otherwise); the strongest action per
     * domain wins, with the reason of the first source that reached it; allowlisted domains and
     * {@code allow} results are left out.
     */
    public static VerdictTable build(List<InventoryEntry> inventory, List<Finding> findings, VerdictPolicy policy) {
        Map<DomainName, InventoryEntry> byName = new HashMap<>();
        Map<DomainName, Verdict> strongest = new LinkedHashMap<>();
        for (InventoryEntry entry : inventory) {
            byName.put(entry.name(), entry);
            raise(strongest, new Verdict(entry.name(), policy.forLifecycle(entry.lifecycle()), lifecycleReason(entry)));
        }
        for (Finding f : findings) {
            InventoryEntry entry = byName.get(f.subject());
            boolean active = entry != null && entry.lifecycle() == Lifecycle.ACTIVE;
            Action action = (active ? policy.activeFindingActions() : policy.findingActions()).get(f.rule());
            if (action != null) {
                raise(strongest, new Verdict(f.subject(), action, findingReason(f.rule())));
            }
        }
        List<Verdict> kept = new ArrayList<>();
        for (Verdict v : strongest.values()) {
            if (v.action() != Action.ALLOW && !policy.allowlist().contains(v.domain().ascii())) {
                kept.add(v);
            }
        }
        Collections.sort(kept, (a, b) -> a.domain().compareTo(b.domain()));
        return new VerdictTable(policy, kept);
    }

    private static void raise(Map<DomainName, Verdict> strongest, Verdict candidate) {
        strongest.merge(candidate.domain(), candidate,
                (old, now) -> now.action().ordinal() > old.action().ordinal() ? now : old);
    }

    /** The non-allow verdicts, sorted by domain. */
    public List<Verdict> verdicts() {
        return verdicts;
    }

    /** The verdict for a recipient address or host name; empty means allow. Allocates (tests, tools). */
    public Optional<Verdict> find(String recipientOrHost) {
        byte[] bytes = recipientOrHost.getBytes(StandardCharsets.UTF_8);
        int i = indexOf(bytes, 0, bytes.length);
        return i < 0 ? Optional.empty() : Optional.of(verdicts.get(i));
    }

    /**
     * The index of the verdict for the recipient in {@code buf[from, to)} (an address, a host
     * name, or a socketmap key such as {@code .example.nl}), or -1 for allow.
     */
    int indexOf(byte[] buf, int from, int to) {
        if (verdicts.isEmpty()) {
            return -1;
        }
        int start = from;
        for (int i = to - 1; i >= from; i--) {
            if (buf[i] == '@') {
                start = i + 1;
                break;
            }
        }
        int end = to;
        while (end > start && buf[end - 1] == '.') {
            end--;
        }
        while (start < end && buf[start] == '.') {
            start++;
        }
        for (int i = start; i < end; i++) {
            if (buf[i] < 0) {
                return indexOfInternationalized(new String(buf, start, end - start, StandardCharsets.UTF_8));
            }
        }
        return walk(buf, start, end);
    }

    private int walk(byte[] buf, int start, int end) {
        int label = start;
        while (label < end) {
            int found = probe(buf, label, end);
            if (found >= 0) {
                return found;
            }
            while (label < end && buf[label] != '.') {
                label++;
            }
            label++;
        }
        return -1;
    }

    private int indexOfInternationalized(String host) {
        byte[] ascii;
        try {
            ascii = DomainName.toAscii(host).getBytes(StandardCharsets.US_ASCII);
        } catch (InvalidDomainException e) {
            return -1;
        }
        return walk(ascii, 0, ascii.length);
    }

    private int probe(byte[] buf, int from, int to) {
        int slot = hash(buf, from, to) & mask;
        byte[] key;
        while ((key = keys[slot]) != null) {
            if (equalsIgnoreCase(key, buf, from, to)) {
                return slots[slot];
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    Verdict verdictAt(int index) {
        return verdicts.get(index);
    }

    byte[] policyReplyAt(int index) {
        return policyReplies[index];
    }

    byte[] transportReplyAt(int index) {
        return transportReplies[index];
    }

    /** Whether a sender exception lets {@code sender} mail the domain of verdict {@code index}. */
    boolean exempts(String sender, int index) {
        return policy.exempts(sender, verdicts.get(index).domain().ascii());
    }

    private static int hash(byte[] b, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ lower(b[i])) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }

    private static boolean equalsIgnoreCase(byte[] key, byte[] b, int from, int to) {
        if (key.length != to - from) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != lower(b[from + i])) {
                return false;
            }
        }
        return true;
    }

    private static byte lower(byte c) {
        return c >= 'A' && c <= 'Z' ? (byte) (c + 32) : c;
    }

    private static String replyText(String template, Verdict v) {
        String text = template.replace("{domain}", v.domain().ascii()).replace("{reason}", v.reason());
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            safe.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return safe.toString();
    }

    private static String lifecycleReason(InventoryEntry entry) {
        return switch (entry.lifecycle()) {
            case ACTIVE -> "active";
            case DEFENSIVE -> "defensive registration";
            case RETIRED -> entry.retiredSince() == null ? "retired" : "retired since " + entry.retiredSince();
            case DECOMMISSIONED -> "decommissioned, no longer ours";
        };
    }

    private static String findingReason(String rule) {
        return switch (rule) {
            case RuleIds.RE_REGISTERED -> "registered by someone else";
            case RuleIds.AVAILABLE -> "registration lapsed, available to anyone";
            case RuleIds.QUARANTINE -> "registration in quarantine";
            case RuleIds.REDEMPTION -> "registration in redemption";
            case RuleIds.PENDING_DELETE -> "registration pending delete";
            case RuleIds.HOLD -> "registration on hold";
            case RuleIds.AUTO_RENEW_GRACE -> "registration in auto-renew grace";
            case RuleIds.UNKNOWN_TOO_LONG -> "registration status unknown too long";
            case RuleIds.EARLY_DELETE -> "registration deleted early";
            case RuleIds.CONTROL_DRIFT -> "registration control changed";
            case RuleIds.LEGACY_REFERENCED -> "retired domain at risk";
            default -> rule;
        };
    }
}
