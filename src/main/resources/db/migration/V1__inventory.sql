-- The inventory: every domain the organisation has ever used. Names are registrable domains in
-- IDNA A-label form; other tables refer to domains by this name, not by id, because findings
-- and observations also concern domains outside the inventory (e.g. a supplier's).
create table inventory_domain (
    name                 varchar(253) primary key,
    lifecycle            varchar(16)  not null check (lifecycle in ('active', 'retired', 'defensive', 'decommissioned')),
    owner_name           varchar(200),
    owner_email          varchar(320),
    notes                text,
    tags                 varchar(2000) not null default '',
    retired_since        date,
    replacement          varchar(253),
    expected_registrar   varchar(200),
    expected_nameservers varchar(2000) not null default '',
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null
);

create index inventory_domain_lifecycle on inventory_domain (lifecycle);
