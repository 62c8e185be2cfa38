-- Daily rollups per component, maintained when incidents change and at day
-- rollover, so that page views never scan history. Minutes are per band, worst
-- band winning where incidents overlap; a missing row is a fully up day.
CREATE TABLE component_days (
  component_id TEXT NOT NULL,
  day TEXT NOT NULL,
  major_minutes REAL NOT NULL DEFAULT 0,
  partial_minutes REAL NOT NULL DEFAULT 0,
  minor_minutes REAL NOT NULL DEFAULT 0,
  maintenance_minutes REAL NOT NULL DEFAULT 0,
  incident_ids TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (component_id, day)
) WITHOUT ROWID;
CREATE INDEX component_days_day ON component_days (day);

-- The page snapshot as last built: one row. Page views compare its version with
-- what they hold in memory and read the body only when it moved. KV holds a
-- copy, written at most once a minute, for when D1 does not answer.
CREATE TABLE snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL,
  built_at TEXT NOT NULL,
  body TEXT NOT NULL
);
INSERT INTO meta (key, value) VALUES ('kv_published_version', '0'), ('kv_published_at', '1970-01-01T00:00:00.000Z');
