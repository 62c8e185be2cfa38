-- Monitors and their state. State columns change only on transitions, so a
-- healthy fleet writes nothing per check (D1 Free: 100,000 rows/day).
CREATE TABLE monitors (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('http', 'tcp', 'heartbeat')),
  -- Kind-specific settings as JSON (url, method, headers, …; host, port; graceSeconds).
  config TEXT NOT NULL,
  interval_seconds INTEGER NOT NULL CHECK (interval_seconds >= 60 AND interval_seconds % 60 = 0),
  failure_threshold INTEGER NOT NULL,
  recovery_threshold INTEGER NOT NULL,
  component_id TEXT REFERENCES components (id),
  impact_type_id TEXT REFERENCES impact_types (id),
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 100),
  degraded_severity INTEGER CHECK (degraded_severity BETWEEN 1 AND 100),
  enabled INTEGER NOT NULL DEFAULT 1,
  heartbeat_hash TEXT UNIQUE,
  last_heartbeat_at TEXT,
  -- The confirmed state, and the streak of results that disagree with it.
  status TEXT NOT NULL DEFAULT 'up' CHECK (status IN ('up', 'degraded', 'down')),
  streak_status TEXT,
  streak_count INTEGER NOT NULL DEFAULT 0,
  streak_started_at TEXT,
  last_reason TEXT,
  incident_id TEXT REFERENCES incidents (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

-- Auto-incidents point back at their monitor; at most one is open per monitor,
-- even when two runs race.
ALTER TABLE incidents ADD COLUMN monitor_id TEXT REFERENCES monitors (id);
CREATE UNIQUE INDEX incidents_one_open_per_monitor ON incidents (monitor_id)
  WHERE monitor_id IS NOT NULL AND ended_at IS NULL AND deleted_at IS NULL;

-- A run leases the monitors it probes; it records every result (the compact
-- 48-hour samples) and when each monitor was last probed, in its own row.
ALTER TABLE ticks ADD COLUMN leased TEXT NOT NULL DEFAULT '[]';
ALTER TABLE ticks ADD COLUMN lease_until TEXT;
ALTER TABLE ticks ADD COLUMN samples TEXT;
ALTER TABLE ticks ADD COLUMN schedule TEXT;

-- Daily rollups per monitor, kept 90 days.
CREATE TABLE monitor_days (
  monitor_id TEXT NOT NULL,
  day TEXT NOT NULL,
  checks INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  slow INTEGER NOT NULL,
  covered_minutes REAL NOT NULL,
  down_minutes REAL NOT NULL,
  slow_minutes REAL NOT NULL,
  latency_avg_ms REAL,
  latency_p95_ms REAL,
  PRIMARY KEY (monitor_id, day)
) WITHOUT ROWID;
