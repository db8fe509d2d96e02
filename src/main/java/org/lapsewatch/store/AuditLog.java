package org.lapsewatch.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** Every change anyone makes: who, what, when. Written in the transaction of the change itself. */
public final class AuditLog {
    /** One audit entry. */
    public record Entry(long id, Instant at, String actor, String action, String subject, String detail) {
    }

    private final Jdbi jdbi;

    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(Handle h, Instant at, String actor, String action, String subject, String detail) {
        h.createUpdate("insert into audit_log (at, actor, action, subject, detail) values (:at, :actor, :action, :subject, :detail)")
                .bind("at", at.atOffset(ZoneOffset.UTC)).bind("actor", actor).bind("action", action).bind("subject", subject)
                .bind("detail", detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000))
                .execute();
    }

    public void record(Instant at, String actor, String action, String subject, String detail) {
        jdbi.useTransaction(h -> record(h, at, actor, action, subject, detail));
    }

    public List<Entry> latest(int limit) {
        return jdbi.withHandle(h -> h.createQuery("select id, at, actor, action, subject, detail from audit_log order by id desc limit :n")
                .bind("n", limit)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)))
                .list());
    }
}
