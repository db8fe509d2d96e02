package org.lapsewatch.store;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;
import org.lapsewatch.model.DomainName;
import org.lapsewatch.model.InventoryEntry;
import org.lapsewatch.model.Lifecycle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The inventory in table {@code inventory_domain}: one row per registrable domain, keyed by its
 * A-label. Tags and expected nameservers are stored as one space-separated text each (neither
 * may contain spaces), which keeps the schema portable between H2 and PostgreSQL.
 */
public final class InventoryRepository {
    private static final String COLUMNS = "name, lifecycle, owner_name, owner_email, notes, tags, retired_since, "
            + "replacement, expected_registrar, expected_nameservers";

    private final Jdbi jdbi;
    private final Clock clock;

    public InventoryRepository(Database database, Clock clock) {
        this.jdbi = database.jdbi();
        this.clock = clock;
    }

    /**
     * Adds a domain that is not yet in the inventory.
     *
     * @throws StoreException when the domain is already there
     */
    public void add(InventoryEntry entry) {
        jdbi.useTransaction(h -> {
            if (exists(h, entry.name())) {
                throw new StoreException(entry.name().display() + " is already in the inventory");
            }
            insert(h, entry);
        });
    }

    /**
     * Replaces the stored fields of a domain that is in the inventory.
     *
     * @throws StoreException when the domain is not there
     */
    public void update(InventoryEntry entry) {
        jdbi.useHandle(h -> {
            if (update(h, entry) == 0) {
                throw notFound(entry.name());
            }
        });
    }

    /**
     * Marks a domain retired (kept registered and watched), keeping an earlier retirement date
     * and replacement when the new ones are null.
     *
     * @return the updated entry
     * @throws StoreException when the domain is not in the inventory
     */
    public InventoryEntry retire(DomainName name, LocalDate since, DomainName replacement) {
        return jdbi.inTransaction(h -> {
            InventoryEntry old = find(h, name).orElseThrow(() -> notFound(name));
            InventoryEntry retired = new InventoryEntry(old.name(), Lifecycle.RETIRED, old.ownerName(),
                    old.ownerEmail(), old.notes(), old.tags(),
                    since != null ? since : old.retiredSince() != null ? old.retiredSince() : LocalDate.now(clock),
                    replacement != null ? replacement : old.replacement(),
                    old.expectedRegistrar(), old.expectedNameservers());
            update(h, retired);
            return retired;
        });
    }

    public Optional<InventoryEntry> find(DomainName name) {
        return jdbi.withHandle(h -> find(h, name));
    }

    /** Every entry, ordered by name. */
    public List<InventoryEntry> list() {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS + " from inventory_domain order by name")
                .map((rs, ctx) -> read(rs)).list());
    }

    /** The entries with one lifecycle, ordered by name. */
    public List<InventoryEntry> list(Lifecycle lifecycle) {
        return jdbi.withHandle(h -> h.createQuery("select " + COLUMNS
                        + " from inventory_domain where lifecycle = :lifecycle order by name")
                .bind("lifecycle", lifecycle.wireName())
                .map((rs, ctx) -> read(rs)).list());
    }

    /**
     * Adds new entries and updates existing ones, in one transaction: all of them or none.
     *
     * @return how many of the entries were new
     */
    public int importAll(Collection<InventoryEntry> entries) {
        return jdbi.inTransaction(h -> {
            int added = 0;
            for (InventoryEntry e : entries) {
                if (exists(h, e.name())) {
                    update(h, e);
                } else {
                    insert(h, e);
                    added++;
                }
            }
            return added;
        });
    }

    /** Makes the inventory exactly {@code entries}, in one transaction: all of them or none. */
    public void replaceAll(Collection<InventoryEntry> entries) {
        jdbi.useTransaction(h -> {
            h.createUpdate("delete from inventory_domain").execute();
            for (InventoryEntry e : entries) {
                insert(h, e);
            }
        });
    }

    private static boolean exists(Handle h, DomainName name) {
        return h.createQuery("select count(*) from inventory_domain where name = :name")
                .bind("name", name.ascii()).mapTo(Integer.class).one() > 0;
    }

    private static Optional<InventoryEntry> find(Handle h, DomainName name) {
        return h.createQuery("select " + COLUMNS + " from inventory_domain where name = :name")
                .bind("name", name.ascii())
                .map((rs, ctx) -> read(rs)).findOne();
    }

    private void insert(Handle h, InventoryEntry entry) {
        bindAll(h.createUpdate("insert into inventory_domain (" + COLUMNS + ", created_at, updated_at) values "
                + "(:name, :lifecycle, :owner_name, :owner_email, :notes, :tags, :retired_since, :replacement, "
                + ":expected_registrar, :expected_nameservers, :now, :now)"), entry).execute();
    }

    private int update(Handle h, InventoryEntry entry) {
        return bindAll(h.createUpdate("update inventory_domain set lifecycle = :lifecycle, owner_name = :owner_name, "
                + "owner_email = :owner_email, notes = :notes, tags = :tags, retired_since = :retired_since, "
                + "replacement = :replacement, expected_registrar = :expected_registrar, "
                + "expected_nameservers = :expected_nameservers, updated_at = :now where name = :name"), entry)
                .execute();
    }

    private Update bindAll(Update update, InventoryEntry e) {
        return update
                .bind("name", e.name().ascii())
                .bind("lifecycle", e.lifecycle().wireName())
                .bind("owner_name", e.ownerName())
                .bind("owner_email", e.ownerEmail())
                .bind("notes", e.notes())
                .bind("tags", String.join(" ", e.tags()))
                .bind("retired_since", e.retiredSince())
                .bind("replacement", e.replacement() == null ? null : e.replacement().ascii())
                .bind("expected_registrar", e.expectedRegistrar())
                .bind("expected_nameservers", String.join(" ", e.expectedNameservers()))
                .bind("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
    }

    private static InventoryEntry read(ResultSet rs) throws SQLException {
        String replacement = rs.getString("replacement");
        return new InventoryEntry(
                new DomainName(rs.getString("name")),
                Lifecycle.parse(rs.getString("lifecycle")),
                rs.getString("owner_name"),
                rs.getString("owner_email"),
                rs.getString("notes"),
                words(rs.getString("tags")),
                rs.getObject("retired_since", LocalDate.class),
                replacement == null ? null : new DomainName(replacement),
                rs.getString("expected_registrar"),
                words(rs.getString("expected_nameservers")));
    }

    private static List<String> words(String text) {
        return text == null || text.isBlank() ? List.of() : Arrays.asList(text.split(" "));
    }

    private static StoreException notFound(DomainName name) {
        return new StoreException(name.display() + " is not in the inventory");
    }
}
