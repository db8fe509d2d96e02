package org.lapsewatch.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.Registration;
import org.lapsewatch.rules.Observed;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Registration observations with history (table {@code observation}, kind {@code registration}).
 * An answer is stored only when it differs from the last one for the domain (compared by
 * {@link RegistrationJson#fingerprint}); an identical answer only moves {@code last_confirmed}.
 * The raw response is kept gzip-compressed as evidence.
 */
public final class ObservationRepository {
    private static final String KIND = "registration";
    private static final String COLUMNS = "id, normalized, first_seen, last_confirmed";

    private final Jdbi jdbi;

    public ObservationRepository(Database database) {
        this.jdbi = database.jdbi();
    }

    /**
     * What recording an answer did.
     *
     * @param observed the stored observation (new, or the earlier identical one with last_confirmed moved)
     * @param changed  true when the answer differed from the last one and was stored as a new row
     */
    public record Recorded(Observed observed, boolean changed) {
    }

    /** Records an answer in its own transaction. */
    public Recorded record(DomainName domain, Registration registration, String raw, Instant at) {
        return jdbi.inTransaction(h -> record(h, domain, registration, raw, at));
    }

    /** Records an answer inside the caller's transaction. */
    public Recorded record(Handle h, DomainName domain, Registration registration, String raw, Instant at) {
        String fingerprint = RegistrationJson.fingerprint(registration);
        Optional<Long> lastId = h.createQuery("select id from observation where domain = :domain and kind = :kind"
                        + " and fingerprint = :fingerprint and id = (select max(id) from observation where domain = :domain and kind = :kind)")
                .bind("domain", domain.ascii()).bind("kind", KIND).bind("fingerprint", fingerprint)
                .mapTo(Long.class).findOne();
        if (lastId.isPresent()) {
            h.createUpdate("update observation set last_confirmed = :at where id = :id and last_confirmed < :at")
                    .bind("at", utc(at)).bind("id", lastId.get()).execute();
            return new Recorded(find(h, lastId.get()).orElseThrow(), false);
        }
        long id = h.createUpdate("insert into observation (domain, kind, source, state, normalized, fingerprint, raw_gzip,"
                        + " first_seen, last_confirmed) values (:domain, :kind, :source, :state, :normalized, :fingerprint,"
                        + " :raw, :at, :at)")
                .bind("domain", domain.ascii()).bind("kind", KIND)
                .bind("source", registration.source().wireName())
                .bind("state", registration.state().wireName())
                .bind("normalized", RegistrationJson.write(registration))
                .bind("fingerprint", fingerprint)
                .bind("raw", raw == null ? null : gzip(raw))
                .bind("at", utc(at))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Recorded(new Observed(id, registration, at, at), true);
    }

    /** A domain's registration observations, newest first. */
    public List<Observed> history(DomainName domain, int limit) {
        return jdbi.withHandle(h -> history(h, domain, limit));
    }

    public List<Observed> history(Handle h, DomainName domain, int limit) {
        return h.createQuery("select " + COLUMNS + " from observation where domain = :domain and kind = :kind"
                        + " order by id desc limit :limit")
                .bind("domain", domain.ascii()).bind("kind", KIND).bind("limit", limit)
                .map((rs, ctx) -> read(rs)).list();
    }

    public Optional<Observed> find(long id) {
        return jdbi.withHandle(h -> find(h, id));
    }

    private static Optional<Observed> find(Handle h, long id) {
        return h.createQuery("select " + COLUMNS + " from observation where id = :id").bind("id", id)
                .map((rs, ctx) -> read(rs)).findOne();
    }

    /** The raw response kept with an observation, decompressed; empty when none was kept. */
    public Optional<String> raw(long id) {
        return jdbi.withHandle(h -> h.createQuery("select raw_gzip from observation where id = :id").bind("id", id)
                .map((rs, ctx) -> rs.getBytes(1)).findOne()).map(ObservationRepository::gunzip);
    }

    private static Observed read(ResultSet rs) throws SQLException {
        return new Observed(rs.getLong("id"), RegistrationJson.read(rs.getString("normalized")),
                rs.getObject("first_seen", OffsetDateTime.class).toInstant(),
                rs.getObject("last_confirmed", OffsetDateTime.class).toInstant());
    }

    static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static byte[] gzip(String text) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String gunzip(byte[] gzipped) {
        if (gzipped == null) {
            return null;
        }
        try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("stored raw response is not valid gzip: " + e.getMessage(), e);
        }
    }
}
