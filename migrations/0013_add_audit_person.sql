-- Writes by people signed in with single sign-on record who they are: the
-- provider's subject and their e-mail address (token_id is then 'oidc').
ALTER TABLE audit_log ADD COLUMN subject TEXT;
ALTER TABLE audit_log ADD COLUMN email TEXT;
