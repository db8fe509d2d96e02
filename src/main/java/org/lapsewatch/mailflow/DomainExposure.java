package org.lapsewatch.mailflow;

import org.lapsewatch.model.DomainName;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the scanned logs and static sources say still uses one recipient registrable domain.
 *
 * @param domain           the registrable domain of the recipients
 * @param messages         distinct messages with at least one attempt to the domain: one queue id
 *                         counts once however often it is retried and to however many recipients
 *                         there, and queue ids sharing a Message-ID (re-injection by a content
 *                         filter) count once
 * @param recipients       distinct recipient addresses (a lower bound when {@code recipientsCapped})
 * @param recipientsCapped true when more recipients were seen than are tracked exactly
 * @param attempts         delivery attempts by status (every status present, zero when none)
 * @param topSenders       most frequent envelope senders, by attempts ({@code <>} is the null sender)
 * @param topSystems       most frequent sending systems (host and instance/daemon, Exim transport,
 *                         Exchange server and connector)
 * @param topOrigins       most frequent origins (SMTP client host, local uid, Exim user)
 * @param firstSeen        first attempt (null when only static references exist)
 * @param lastSeen         last attempt (null when only static references exist)
 * @param sampleRecipients at most {@code mailflow.sampleAddresses} recipients, local parts hashed
 *                         when configured
 * @param viaAlias         attempts whose original recipient ({@code orig_to=}) differs from the
 *                         recipient: mail that reached the domain through an alias, forward or map
 * @param aliasSamples     at most {@code mailflow.sampleAddresses} of those original recipients,
 *                         local parts hashed when configured
 * @param references       static references found (count)
 * @param referenceSamples the first static references, as {@code file:line kind value}
 * @param source           what was scanned, e.g. {@code postfix: /var/log/mail.log}
 */
public record DomainExposure(DomainName domain, long messages, long recipients, boolean recipientsCapped,
                             Map<DeliveryStatus, Long> attempts, List<Count> topSenders, List<Count> topSystems,
                             List<Count> topOrigins, Instant firstSeen, Instant lastSeen, List<String> sampleRecipients,
                             long viaAlias, List<String> aliasSamples, long references, List<String> referenceSamples, String source) {
    public DomainExposure {
        Objects.requireNonNull(domain, "domain");
        EnumMap<DeliveryStatus, Long> all = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            all.put(status, attempts == null ? 0L : attempts.getOrDefault(status, 0L));
        }
        attempts = java.util.Collections.unmodifiableMap(all);
        topSenders = topSenders == null ? List.of() : List.copyOf(topSenders);
        topSystems = topSystems == null ? List.of() : List.copyOf(topSystems);
        topOrigins = topOrigins == null ? List.of() : List.copyOf(topOrigins);
        sampleRecipients = sampleRecipients == null ? List.of() : List.copyOf(sampleRecipients);
        aliasSamples = aliasSamples == null ? List.of() : List.copyOf(aliasSamples);
        referenceSamples = referenceSamples == null ? List.of() : List.copyOf(referenceSamples);
        source = source == null ? "" : source;
    }

    public long attempts(DeliveryStatus status) {
        return attempts.get(status);
    }

    public long totalAttempts() {
        return attempts.values().stream().mapToLong(Long::longValue).sum();
    }
}
