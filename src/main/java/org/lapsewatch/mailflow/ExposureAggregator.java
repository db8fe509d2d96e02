package org.lapsewatch.mailflow;

import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.LapsewatchException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Folds delivery attempts and static references into per-domain exposures. Memory is bounded by
 * the number of recipient domains: distinct recipients are tracked exactly up to a cap per domain,
 * top-N tables keep a bounded number of keys (later keys count as "other"), and the domains a
 * message has been counted for are noted on the message itself ({@link LoggedMessage}), which
 * goes when its log is done with it.
 *
 * <p>A message is counted once per domain as the parser's message (one queue id) and, when the log
 * gave one, by its Message-ID, so a message a content filter re-injects under a second queue id is
 * not counted twice. Message-IDs are remembered as 64-bit fingerprints in a fixed table of
 * {@value #MESSAGE_ID_SLOTS} slots, a newer id taking an older one's slot (re-injection takes
 * seconds); nothing per message outlives it, so the garbage collector never has to promote them.
 */
public final class ExposureAggregator implements DeliverySink {
    static final int RECIPIENTS_TRACKED = 1_000;
    static final int TOP_KEYS_TRACKED = 32;
    static final int TOP_SHOWN = 5;
    static final int REFERENCE_SAMPLES = 10;
    static final int MESSAGE_ID_SLOTS = 1 << 16;
    private static final int DOMAIN_CACHE = 1 << 16;
    private static final int RECENT_HOSTS = 1 << 12;
    static final int SHOWN_SENDERS = 1 << 10;
    private static final Object UNPARSABLE = new Object();

    private final AddressPrivacy privacy;
    private final int sampleAddresses;
    private final ScanCounters counters;
    /** Per host (the part after {@code @}), its registrable domain's tally, or {@link #UNPARSABLE}. */
    private final Map<String, Object> tallyOfHost = new HashMap<>();
    /**
     * Direct-mapped, in front of {@link #tallyOfHost}: recent recipient hosts and their tallies,
     * found without cutting the host out of each address (that string was a fifth of all the bytes
     * a scan allocated).
     */
    private final String[] recentHosts = new String[RECENT_HOSTS];
    private final Object[] recentTallies = new Object[RECENT_HOSTS];
    private final Map<DomainName, Tally> tallies = new HashMap<>();
    /** Direct-mapped: per slot a recent Message-ID's fingerprint and the domain(s) it was counted for. */
    private final long[] messageIdPrints = new long[MESSAGE_ID_SLOTS];
    private final Object[] countedPerMessageId = new Object[MESSAGE_ID_SLOTS];
    private final Set<String> sources = new LinkedHashSet<>();
    /**
     * Direct-mapped: recent senders and how they are shown. With hashed local parts, a SHA-256 per
     * attempt made the whole scan a quarter slower; senders repeat (one per application or person).
     */
    private final String[] senderSeen = new String[SHOWN_SENDERS];
    private final String[] senderShown = new String[SHOWN_SENDERS];

    /** Everything known about one domain while the scan runs. */
    private static final class Tally {
        final DomainName domain;
        long messages;
        final long[] attempts = new long[DeliveryStatus.values().length];
        final LongSet recipientHashes = new LongSet(RECIPIENTS_TRACKED);
        boolean recipientsCapped;
        final TopCounter senders = new TopCounter(TOP_KEYS_TRACKED);
        final TopCounter systems = new TopCounter(TOP_KEYS_TRACKED);
        final TopCounter origins = new TopCounter(TOP_KEYS_TRACKED);
        Instant first;
        Instant last;
        final Set<String> samples = new LinkedHashSet<>();
        long viaAlias;
        final Set<String> aliasSamples = new LinkedHashSet<>();
        long references;
        final List<String> referenceSamples = new ArrayList<>();

        Tally(DomainName domain) {
            this.domain = domain;
        }
    }

    public ExposureAggregator(AddressPrivacy privacy, int sampleAddresses, ScanCounters counters) {
        this.privacy = privacy;
        this.sampleAddresses = sampleAddresses;
        this.counters = counters;
    }

    /** Names what was scanned, e.g. {@code postfix: /var/log/mail.log}; shown with each exposure. */
    public void addSource(String source) {
        sources.add(source);
    }

    @Override
    public void delivery(Delivery delivery) {
        String address = delivery.recipient();
        int atSign = address.lastIndexOf('@');
        Tally tally = atSign < 0 || atSign == address.length() - 1 ? null : tallyOfRecipientHost(address, atSign + 1);
        if (tally == null) {
            counters.unparsableAddress();
            return;
        }
        DomainName name = tally.domain;
        // the Message-ID table is consulted (and records the pair) only when a queue id first reaches
        // the domain: retries and further recipients of the same queue id never touch it
        if (firstForMessage(delivery.message(), name)
                && (delivery.messageId() == null || firstForMessageId(delivery.messageId(), name))) {
            tally.messages++;
        }
        tally.attempts[delivery.status().ordinal()]++;
        String recipient = address.toLowerCase(Locale.ROOT);
        // once capped the count can no longer change: the busiest domains skip the lookup
        if (!tally.recipientsCapped && !tally.recipientHashes.tryAdd(fingerprint(recipient))) {
            tally.recipientsCapped = true;
        }
        if (tally.samples.size() < sampleAddresses) {
            tally.samples.add(privacy.present(recipient));
        }
        String original = delivery.originalRecipient();
        if (original != null && !original.equalsIgnoreCase(recipient)) {
            tally.viaAlias++;
            if (tally.aliasSamples.size() < sampleAddresses) {
                tally.aliasSamples.add(privacy.present(original.toLowerCase(Locale.ROOT)));
            }
        }
        tally.senders.add(shownSender(delivery.sender()));
        tally.systems.add(delivery.system());
        tally.origins.add(delivery.origin() == null ? "(unknown)" : delivery.origin());
        Instant at = delivery.time();
        if (at != null && at != tally.last) {
            if (tally.first == null || at.isBefore(tally.first)) {
                tally.first = at;
            }
            if (tally.last == null || at.isAfter(tally.last)) {
                tally.last = at;
            }
        }
    }

    /** How a sender is shown: hashing its local part once per sender, not once per attempt. */
    private String shownSender(String sender) {
        if (sender == null) {
            return "(unknown)";
        }
        if (sender.isEmpty()) {
            return "<>";
        }
        if (!privacy.hashes()) {
            return sender;
        }
        int slot = sender.hashCode() & (SHOWN_SENDERS - 1);
        if (!sender.equals(senderSeen[slot])) {
            senderSeen[slot] = sender;
            senderShown[slot] = privacy.present(sender);
        }
        return senderShown[slot];
    }

    /** Records that a message (one queue id) reached a domain; true the first time for that pair. */
    private static boolean firstForMessage(LoggedMessage message, DomainName domain) {
        Object counted = message.countedFor;
        if (counted == null) {
            message.countedFor = domain;
            return true;
        }
        Object updated = adding(counted, domain);
        if (updated != null) {
            message.countedFor = updated;
        }
        return updated != null;
    }

    /** Records that a Message-ID reached a domain; true the first time for that pair while remembered. */
    private boolean firstForMessageId(String messageId, DomainName domain) {
        long print = fingerprint(messageId) | 1; // 0 marks an empty slot
        int slot = (int) (print ^ (print >>> 32)) & (MESSAGE_ID_SLOTS - 1);
        if (messageIdPrints[slot] != print) {
            messageIdPrints[slot] = print;
            countedPerMessageId[slot] = domain;
            return true;
        }
        Object updated = adding(countedPerMessageId[slot], domain);
        if (updated != null) {
            countedPerMessageId[slot] = updated;
        }
        return updated != null;
    }

    /** The domains a message has been counted for, with {@code domain} added; null when it was there. */
    @SuppressWarnings("unchecked")
    private static Object adding(Object counted, DomainName domain) {
        if (counted instanceof DomainName single) {
            if (single.equals(domain)) {
                return null;
            }
            List<DomainName> several = new ArrayList<>(4);
            several.add(single);
            several.add(domain);
            return several;
        }
        List<DomainName> several = (List<DomainName>) counted;
        if (several.contains(domain)) {
            return null;
        }
        several.add(domain);
        return several;
    }

    /** Adds a static reference to the domain its host belongs to; unparsable hosts are counted. */
    public void reference(StaticReference reference) {
        Tally tally = tallyOfHost(reference.host());
        if (tally == null) {
            counters.unparsableAddress();
            return;
        }
        tally.references++;
        if (tally.referenceSamples.size() < REFERENCE_SAMPLES) {
            String shown = reference.value().contains("@") && !reference.value().contains("/")
                    ? privacy.present(reference.value()) : reference.value();
            tally.referenceSamples.add(reference.file() + ":" + reference.line() + " " + reference.kind().wireName() + " " + shown);
        }
    }

    /** The exposures so far, most messages first. */
    public List<DomainExposure> exposures() {
        String source = String.join(", ", sources);
        List<DomainExposure> result = new ArrayList<>();
        tallies.forEach((domain, t) -> {
            EnumMap<DeliveryStatus, Long> attempts = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : DeliveryStatus.values()) {
                attempts.put(status, t.attempts[status.ordinal()]);
            }
            result.add(new DomainExposure(domain, t.messages, t.recipientHashes.size(), t.recipientsCapped, attempts,
                    t.senders.top(TOP_SHOWN), t.systems.top(TOP_SHOWN), t.origins.top(TOP_SHOWN), t.first, t.last,
                    List.copyOf(t.samples), t.viaAlias, List.copyOf(t.aliasSamples), t.references, t.referenceSamples, source));
        });
        result.sort(Comparator.comparingLong(DomainExposure::messages).reversed()
                .thenComparing(Comparator.comparingLong(DomainExposure::references).reversed())
                .thenComparing(DomainExposure::domain));
        return result;
    }

    /** {@link #tallyOfHost(String)} for the host that starts at {@code hostFrom} in an address. */
    private Tally tallyOfRecipientHost(String address, int hostFrom) {
        int length = address.length() - hostFrom;
        int hash = 0; // String.hashCode() of the host
        for (int i = hostFrom; i < address.length(); i++) {
            hash = 31 * hash + address.charAt(i);
        }
        int slot = (hash ^ (hash >>> 16)) & (RECENT_HOSTS - 1);
        String host = recentHosts[slot];
        if (host == null || host.length() != length || !address.regionMatches(hostFrom, host, 0, length)) {
            host = address.substring(hostFrom);
            recentHosts[slot] = host;
            recentTallies[slot] = tallyOfHost(host);
        }
        return (Tally) recentTallies[slot];
    }

    /** The tally of the registrable domain a host belongs to, or null when it has none (IP literal, bare TLD). */
    private Tally tallyOfHost(String host) {
        Object known = tallyOfHost.get(host);
        if (known == null) {
            try {
                known = host.startsWith("[") ? UNPARSABLE : tallies.computeIfAbsent(DomainName.registrableOf(host), Tally::new);
            } catch (LapsewatchException | IllegalArgumentException e) {
                known = UNPARSABLE;
            }
            if (tallyOfHost.size() >= DOMAIN_CACHE) {
                tallyOfHost.clear();
            }
            tallyOfHost.put(host, known);
        }
        return known == UNPARSABLE ? null : (Tally) known;
    }

    /**
     * A 64-bit fingerprint of a recipient or Message-ID; collisions among ≤10,000 addresses are
     * negligible. Four characters at a time in four independent multiply chains (one chain waited
     * for each multiply: JFR had the fingerprints at a sixth of the aggregation), mixed at the end.
     */
    static long fingerprint(String text) {
        int length = text.length();
        long h0 = length;
        long h1 = 0x243F6A8885A308D3L;
        long h2 = 0x13198A2E03707344L;
        long h3 = 0xA4093822299F31D0L;
        int i = 0;
        for (; i + 4 <= length; i += 4) {
            h0 = (h0 ^ text.charAt(i)) * AsciiBytes.MIX;
            h1 = (h1 ^ text.charAt(i + 1)) * AsciiBytes.MIX;
            h2 = (h2 ^ text.charAt(i + 2)) * AsciiBytes.MIX;
            h3 = (h3 ^ text.charAt(i + 3)) * AsciiBytes.MIX;
        }
        for (; i < length; i++) {
            h0 = (h0 ^ text.charAt(i)) * AsciiBytes.MIX;
        }
        long h = (h0 ^ Long.rotateLeft(h1, 17)) * AsciiBytes.MIX;
        h = (h ^ Long.rotateLeft(h2, 31)) * AsciiBytes.MIX;
        return AsciiBytes.avalanche((h ^ Long.rotateLeft(h3, 47)) * AsciiBytes.MIX);
    }
}
