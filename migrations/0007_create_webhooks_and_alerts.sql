-- Outgoing webhooks. The secret signs deliveries (Standard Webhooks), so it is
-- kept as given; it is shown once and never returned again.
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  components TEXT,
  format TEXT NOT NULL CHECK (format IN ('statuspage', 'slack', 'discord')),
  secret TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  disabled_reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

-- Every event, written in the same batch as the change that caused it.
-- Its id is the Standard Webhooks message id, the same on every retry.
CREATE TABLE outbox (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL,
  event TEXT NOT NULL,
  component_ids TEXT NOT NULL DEFAULT '[]',
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  fanned_out INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX outbox_pending ON outbox (fanned_out, seq);

-- One row per (webhook, event): the delivery log.
CREATE TABLE deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  webhook_id TEXT NOT NULL REFERENCES webhooks (id),
  event_id TEXT NOT NULL REFERENCES outbox (id),
  seq INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'gave_up')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  first_attempt_at TEXT,
  last_attempt_at TEXT,
  last_status INTEGER,
  last_error TEXT,
  delivered_at TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX deliveries_due ON deliveries (status, next_attempt_at);
CREATE INDEX deliveries_by_webhook ON deliveries (webhook_id, seq);

-- Maintenance moves scheduled → started → completed on the cron, which emits the events.
ALTER TABLE incidents ADD COLUMN maintenance_state TEXT;

-- Component statuses as last announced, so a change is announced once.
INSERT INTO meta (key, value) VALUES ('component_statuses', '{}'), ('outbox_seq', '0');

-- Alertmanager: one incident per alert group; each alert's last status.
CREATE TABLE alert_groups (
  group_key TEXT PRIMARY KEY,
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  created_at TEXT NOT NULL
);
CREATE TABLE alerts (
  group_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  status TEXT NOT NULL,
  component_id TEXT NOT NULL,
  severity INTEGER NOT NULL,
  name TEXT NOT NULL,
  starts_at TEXT,
  ends_at TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (group_key, fingerprint)
) WITHOUT ROWID;
INSERT INTO meta (key, value) VALUES ('alertmanager', '{"components":{},"severities":{"critical":100,"warning":66,"info":33}}');
