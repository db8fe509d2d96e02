-- Mail exposure via aliases: attempts whose original recipient (Postfix orig_to=, Exim's
-- <original>) differs from the recipient, and at most mailflow.sampleAddresses of those original
-- addresses, one per line, hashed like the other samples when mailflow.hashLocalParts is on.
-- Rows stored before this migration had no such count: they read 0 and no samples until their
-- source is saved again.
alter table mail_exposure add column via_alias bigint not null default 0;
alter table mail_exposure add column alias_samples text not null default '';
