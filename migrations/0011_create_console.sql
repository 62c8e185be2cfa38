-- Console sessions: only the SHA-256 of the session id (the cookie) is stored.
-- token_id names the API token the session was exchanged for ('bootstrap' for
-- ADMIN_TOKEN, whose digest is then kept in credential_hash so that changing
-- the secret ends those sessions). subject and email are for single sign-on.
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  token_id TEXT NOT NULL,
  name TEXT NOT NULL,
  scopes TEXT NOT NULL,
  credential_hash TEXT,
  subject TEXT,
  email TEXT,
  csrf TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_token ON sessions (token_id);

-- Failed sign-ins per client and 15-minute window, for the rate limit.
CREATE TABLE sign_in_failures (
  client TEXT NOT NULL,
  window_start TEXT NOT NULL,
  count INTEGER NOT NULL,
  PRIMARY KEY (client, window_start)
);

-- Incident templates: the common incidents in two clicks.
-- affects is a JSON array of {reference, type, severity}.
CREATE TABLE templates (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  phase_order INTEGER,
  affects TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
