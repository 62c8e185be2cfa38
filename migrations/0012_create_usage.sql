-- What Beacon spends per UTC day against the Cloudflare plan's limits (the
-- budget meter): D1 rows written, KV writes, the most external subrequests
-- and CPU (where measurable) of one cron run. WITHOUT ROWID: one write is one
-- row written, with no separate index to update.
CREATE TABLE usage_days (
  day TEXT PRIMARY KEY,
  d1_rows_written INTEGER NOT NULL DEFAULT 0,
  kv_writes INTEGER NOT NULL DEFAULT 0,
  subrequests_max INTEGER NOT NULL DEFAULT 0,
  cron_runs INTEGER NOT NULL DEFAULT 0,
  cron_cpu_ms_max REAL
) WITHOUT ROWID;
