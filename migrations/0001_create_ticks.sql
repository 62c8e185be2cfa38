-- One row per cron minute, kept as a 48-hour ring (slot = epoch minute mod 2880)
-- so that recording runs never needs deletes: an upsert is one row written,
-- which keeps D1 Free's 100,000 rows/day budget intact.
-- Claiming a slot is the lease that stops two overlapping invocations of the
-- same minute from doing the same work twice.
CREATE TABLE ticks (
  slot INTEGER PRIMARY KEY,
  minute INTEGER NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT
);
