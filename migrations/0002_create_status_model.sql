-- The SCS status model (components, impact types, severities, phases,
-- incidents, impacts, updates) with Beacon's extensions.
-- Timestamps are ISO 8601 UTC strings with milliseconds, so they sort as text.

CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
-- Bumped in the same batch as every visible change; the page snapshot is rebuilt when it moves.
INSERT INTO meta (key, value) VALUES ('data_version', '1');

-- A component belongs to at most one group, which is itself a top-level component.
-- Deleting is soft (deleted_at) so that past incidents keep their references.
CREATE TABLE components (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  description TEXT,
  labels TEXT NOT NULL DEFAULT '{}',
  group_id TEXT REFERENCES components (id),
  position INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX components_group ON components (group_id);

CREATE TABLE impact_types (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  description TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);

-- A severity covers (previous value, own value]; 0 is reserved for maintenance.
CREATE TABLE severities (
  name TEXT PRIMARY KEY,
  value INTEGER NOT NULL CHECK (value BETWEEN 0 AND 100)
) WITHOUT ROWID;
CREATE UNIQUE INDEX severities_nonzero_value ON severities (value) WHERE value <> 0;

-- Phase lists are append-only: a new list is a new generation.
CREATE TABLE phases (
  generation INTEGER NOT NULL CHECK (generation >= 1),
  position INTEGER NOT NULL CHECK (position >= 0),
  name TEXT NOT NULL,
  PRIMARY KEY (generation, position)
) WITHOUT ROWID;

CREATE TABLE incidents (
  id TEXT PRIMARY KEY,
  display_name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  began_at TEXT NOT NULL,
  ended_at TEXT,
  phase_generation INTEGER NOT NULL,
  phase_order INTEGER NOT NULL,
  -- First time the phase was one named "monitoring" (Statuspage's monitoring_at).
  monitoring_at TEXT,
  -- Bumped on every edit: the iCalendar SEQUENCE.
  revision INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT,
  FOREIGN KEY (phase_generation, phase_order) REFERENCES phases (generation, position)
);
CREATE INDEX incidents_began_at ON incidents (began_at);
CREATE INDEX incidents_open ON incidents (ended_at) WHERE deleted_at IS NULL;

CREATE TABLE impacts (
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  position INTEGER NOT NULL,
  component_id TEXT NOT NULL REFERENCES components (id),
  impact_type_id TEXT NOT NULL REFERENCES impact_types (id),
  severity INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 100),
  PRIMARY KEY (incident_id, position)
) WITHOUT ROWID;
CREATE INDEX impacts_component ON impacts (component_id);

-- "order" is the SCS identifier of an update within its incident; id is stable
-- for feeds even when an order is reused after a delete.
CREATE TABLE incident_updates (
  incident_id TEXT NOT NULL REFERENCES incidents (id),
  "order" INTEGER NOT NULL CHECK ("order" >= 0),
  id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  PRIMARY KEY (incident_id, "order")
) WITHOUT ROWID;
CREATE INDEX incident_updates_created_at ON incident_updates (created_at);

INSERT INTO severities (name, value) VALUES ('operational', 33), ('limited', 66), ('broken', 100);

INSERT INTO impact_types (id, display_name, description, created_at, updated_at) VALUES
  ('7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a01', 'Performance Degradation', 'The component works, but slower or less reliably than usual.', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a02', 'Connectivity Problems', 'The component cannot be reached, or only from some networks.', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a03', 'Maintenance', 'Planned work on the component.', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z'),
  ('7e1b6c2a-8f0e-4a55-9a5e-0c3b1f7d2a04', 'Unknown', 'The kind of impact is not known yet.', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z');

INSERT INTO phases (generation, position, name) VALUES
  (1, 0, 'Scheduled'),
  (1, 1, 'Investigation ongoing'),
  (1, 2, 'Working on it'),
  (1, 3, 'Potential fix deployed'),
  (1, 4, 'Done');
