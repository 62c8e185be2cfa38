-- What an audited write granted or changed beyond its resource id, such as
-- the scopes of a new token.
ALTER TABLE audit_log ADD COLUMN detail TEXT;
