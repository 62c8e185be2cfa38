-- E-mail subscribers: only the address, the chosen components (NULL: all),
-- timestamps and the delivery state. Unconfirmed rows are purged after 48 h.
CREATE TABLE subscribers (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  components TEXT,
  created_at TEXT NOT NULL,
  confirmed_at TEXT,
  failures INTEGER NOT NULL DEFAULT 0,
  quarantined_at TEXT,
  last_error TEXT
);

-- One row per message to send: a confirmation, or an event from the outbox.
CREATE TABLE mails (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subscriber_id TEXT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('confirm', 'event')),
  event_id TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  sent_at TEXT,
  error TEXT,
  UNIQUE (subscriber_id, kind, event_id)
);
CREATE INDEX mails_due ON mails (status, next_attempt_at);

-- Events are mailed once: the subscribers' own fan-out mark. Events from
-- before subscribers existed are never mailed. `notify` 0: post quietly.
ALTER TABLE outbox ADD COLUMN mailed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN notify INTEGER NOT NULL DEFAULT 1;
UPDATE outbox SET mailed = 1;
CREATE INDEX outbox_unmailed ON outbox (mailed, seq);

-- Attempts per key and window (subscribing per client and per address).
CREATE TABLE rate_limits (
  key TEXT NOT NULL,
  window TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (key, window)
) WITHOUT ROWID;
