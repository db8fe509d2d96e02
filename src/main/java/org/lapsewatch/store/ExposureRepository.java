package org.lapsewatch.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.lapsewatch.mailflow.Count;
import org.lapsewatch.mailflow.DeliveryStatus;
import org.lapsewatch.mailflow.DomainExposure;
import org.lapsewatch.model.DomainName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Mail exposures in table {@code mail_exposure}: one row per recipient domain and source. Saving a
 * source's exposures replaces that source's rows, so a follower can write its running totals again
 * and again. Addresses are stored as the exposure carries them: the aggregator has already capped
 * and, when configured, hashed every sample.
 */
public final class ExposureRepository {
    private static final String COLUMNS = "domain, source, messages, recipients, recipients_capped, sent, deferred, bounced, "
            + "rejected, references_found, top_senders, top_systems, top_origins, sample_recipients, via_alias, alias_samples, "
            + "reference_samples, first_seen, last_seen";

    private final Jdbi jdbi;

    public ExposureRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Makes {@code exposures} the stored state of {@code source}, in one transaction. */
    public void replaceSource(String source, Collection<DomainExposure> exposures, Instant now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("delete from mail_exposure where source = :source").bind("source", source).execute();
            for (DomainExposure e : exposures) {
                insert(h, source, e, now);
            }
        });
    }

    /** Every stored exposure, most messages first. */
    public List<DomainExposure> list() {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from mail_exposure order by messages desc, domain, source")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** The stored exposures of one domain, one per source, most messages first. */
    public List<DomainExposure> find(DomainName domain) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS
                        + " from mail_exposure where domain = :domain order by messages desc, source")
                .bind("domain", domain.ascii()).map((rs, ctx) -> read(rs)).list());
    }

    private static void insert(Handle h, String source, DomainExposure e, Instant now) {
        h.createUpdate("insert into mail_exposure (" + COLUMNS + ", updated_at) values (:domain, :source, :messages, "
                        + ":recipients, :capped, :sent, :deferred, :bounced, :rejected, :references, :senders, :systems, "
                        + ":origins, :samples, :viaAlias, :aliasSamples, :referenceSamples, :firstSeen, :lastSeen, :now)")
                .bind("domain", e.domain().ascii())
                .bind("source", source)
                .bind("messages", e.messages())
                .bind("recipients", e.recipients())
                .bind("capped", e.recipientsCapped())
                .bind("sent", e.attempts(DeliveryStatus.SENT))
                .bind("deferred", e.attempts(DeliveryStatus.DEFERRED))
                .bind("bounced", e.attempts(DeliveryStatus.BOUNCED))
                .bind("rejected", e.attempts(DeliveryStatus.REJECTED))
                .bind("references", e.references())
                .bind("senders", counts(e.topSenders()))
                .bind("systems", counts(e.topSystems()))
                .bind("origins", counts(e.topOrigins()))
                .bind("samples", String.join("\n", e.sampleRecipients()))
                .bind("viaAlias", e.viaAlias())
                .bind("aliasSamples", String.join("\n", e.aliasSamples()))
                .bind("referenceSamples", String.join("\n", e.referenceSamples()))
                .bind("firstSeen", utc(e.firstSeen()))
                .bind("lastSeen", utc(e.lastSeen()))
                .bind("now", utc(now))
                .execute();
    }

    private static DomainExposure read(ResultSet rs) throws SQLException {
        EnumMap<DeliveryStatus, Long> attempts = new EnumMap<>(DeliveryStatus.class);
        attempts.put(DeliveryStatus.SENT, rs.getLong("sent"));
        attempts.put(DeliveryStatus.DEFERRED, rs.getLong("deferred"));
        attempts.put(DeliveryStatus.BOUNCED, rs.getLong("bounced"));
        attempts.put(DeliveryStatus.REJECTED, rs.getLong("rejected"));
        return new DomainExposure(DomainName.parse(rs.getString("domain")), rs.getLong("messages"), rs.getLong("recipients"),
                rs.getBoolean("recipients_capped"), attempts, counts(rs.getString("top_senders")),
                counts(rs.getString("top_systems")), counts(rs.getString("top_origins")), instant(rs.getTimestamp("first_seen")),
                instant(rs.getTimestamp("last_seen")), lines(rs.getString("sample_recipients")), rs.getLong("via_alias"), lines(rs.getString("alias_samples")),
                rs.getLong("references_found"),
                lines(rs.getString("reference_samples")), rs.getString("source"));
    }

    private static String counts(List<Count> counts) {
        return counts.stream().map(c -> c.count() + "\t" + c.value().replace('\n', ' ')).collect(Collectors.joining("\n"));
    }

    private static List<Count> counts(String text) {
        List<Count> result = new ArrayList<>();
        for (String line : lines(text)) {
            int tab = line.indexOf('\t');
            result.add(new Count(line.substring(tab + 1), Long.parseLong(line.substring(0, tab))));
        }
        return result;
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
