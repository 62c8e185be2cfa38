import { type Read, read, run } from "./read";

/** Cron runs: the per-minute claim, the monitor leases, and the record of each run. */

const RING_MINUTES = 2880;

export type TickRecord = { minute: number; startedAt: string; finishedAt: string | null };

export type ClaimResult = "claimed" | "replay" | "lease-conflict";

/**
 * Claims the cron minute and leases `monitorIds` for it, atomically: the row
 * is written only if no other live run holds a lease on any of them. A minute
 * that already ran (or whose ring slot a later minute took) is a replay.
 */
export async function claimTick(
  db: D1Database,
  minute: number,
  startedAt: string,
  monitorIds: readonly string[] = [],
  leaseUntil: string = startedAt,
): Promise<ClaimResult> {
  const slot = minute % RING_MINUTES;
  const leased = JSON.stringify(monitorIds);
  const result = await db
    .prepare(
      `INSERT INTO ticks (slot, minute, started_at, leased, lease_until)
       SELECT ?1, ?2, ?3, ?4, ?5
       WHERE NOT EXISTS (
         SELECT 1 FROM ticks t, json_each(t.leased) l
         WHERE t.slot <> ?1 AND t.lease_until > ?3 AND l.value IN (SELECT value FROM json_each(?4)))
       ON CONFLICT (slot) DO UPDATE SET minute = excluded.minute, started_at = excluded.started_at,
         finished_at = NULL, leased = excluded.leased, lease_until = excluded.lease_until, samples = NULL, schedule = NULL
       WHERE ticks.minute < excluded.minute`,
    )
    .bind(slot, minute, startedAt, leased, leaseUntil)
    .run();
  if (result.meta.changes === 1) return "claimed";
  const row = await db
    .prepare("SELECT minute FROM ticks WHERE slot = ?1")
    .bind(slot)
    .first<{ minute: number }>();
  return row && row.minute >= minute ? "replay" : "lease-conflict";
}

/**
 * Finishes a run: its results, and the schedule (last probed minute per
 * monitor) merged into the latest finished run's, so overlapping runs lose
 * nothing. The lease is released unless `keepLease` (queued probes still run).
 */
export function finishTickStatement(
  db: D1Database,
  minute: number,
  finishedAt: string,
  samples: Record<string, unknown> = {},
  probed: Record<string, number> = {},
  keepLease = false,
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE ticks SET finished_at = ?1,
         samples = json_patch(COALESCE(samples, '{}'), ?4),
         schedule = json_patch(
           COALESCE((SELECT schedule FROM ticks WHERE finished_at IS NOT NULL AND schedule IS NOT NULL ORDER BY minute DESC LIMIT 1), '{}'),
           ?5),
         lease_until = CASE WHEN ?6 THEN lease_until ELSE ?1 END
       WHERE slot = ?2 AND minute = ?3`,
    )
    .bind(
      finishedAt,
      minute % RING_MINUTES,
      minute,
      JSON.stringify(samples),
      JSON.stringify(probed),
      keepLease ? 1 : 0,
    );
}

/** Adds results of queued probes to their run's row. */
export function addSamplesStatement(
  db: D1Database,
  minute: number,
  samples: Record<string, unknown>,
): D1PreparedStatement {
  return db
    .prepare(
      "UPDATE ticks SET samples = json_patch(COALESCE(samples, '{}'), ?3) WHERE slot = ?1 AND minute = ?2",
    )
    .bind(minute % RING_MINUTES, minute, JSON.stringify(samples));
}

/** What planning needs: when each monitor was last probed, and which are leased by live runs. */
/** The last finished run's schedule (last probed minute per monitor). */
export function lastScheduleRead(db: D1Database): Read<Record<string, number>> {
  return read(
    db.prepare(
      "SELECT schedule FROM ticks WHERE finished_at IS NOT NULL AND schedule IS NOT NULL ORDER BY minute DESC LIMIT 1",
    ),
    (rows: { schedule: string }[]) =>
      rows[0] ? (JSON.parse(rows[0].schedule) as Record<string, number>) : {},
  );
}

/** Monitors other runs hold leases on at `now`. */
export function leasedRead(db: D1Database, now: string): Read<Set<string>> {
  return read(
    db.prepare("SELECT leased FROM ticks WHERE lease_until > ?1").bind(now),
    (rows: { leased: string }[]) => {
      const leased = new Set<string>();
      for (const r of rows) for (const id of JSON.parse(r.leased) as string[]) leased.add(id);
      return leased;
    },
  );
}

/** Monitor ids that already have a result in a run (a redelivered queue message skips them). */
export async function sampledIds(db: D1Database, minute: number): Promise<Set<string>> {
  const row = await db
    .prepare("SELECT samples FROM ticks WHERE slot = ?1 AND minute = ?2")
    .bind(minute % RING_MINUTES, minute)
    .first<{ samples: string | null }>();
  return new Set(Object.keys(row?.samples ? (JSON.parse(row.samples) as object) : {}));
}

export function lastFinishedTickRead(db: D1Database): Read<TickRecord | null> {
  return read(
    db.prepare(
      "SELECT minute, started_at, finished_at FROM ticks WHERE finished_at IS NOT NULL ORDER BY minute DESC LIMIT 1",
    ),
    (rows: { minute: number; started_at: string; finished_at: string | null }[]) => {
      const row = rows[0];
      return row ? { minute: row.minute, startedAt: row.started_at, finishedAt: row.finished_at } : null;
    },
  );
}

export function lastFinishedTick(db: D1Database): Promise<TickRecord | null> {
  return run(lastFinishedTickRead(db));
}

/** One monitor's samples over a range of minutes, for its latency chart. */
export async function monitorSamples(
  db: D1Database,
  monitorId: string,
  fromMinute: number,
): Promise<{ minute: number; sample: [number | null, number, number | null, string | null] }[]> {
  const { results } = await db
    .prepare(
      `SELECT minute, json_extract(samples, '$."' || ?1 || '"') AS s FROM ticks
       WHERE minute >= ?2 AND samples IS NOT NULL AND json_extract(samples, '$."' || ?1 || '"') IS NOT NULL
       ORDER BY minute`,
    )
    .bind(monitorId, fromMinute)
    .all<{ minute: number; s: string }>();
  return results.map((r) => ({ minute: r.minute, sample: JSON.parse(r.s) }));
}

/** The newest sample of each monitor among the last `runs` finished runs. */
export async function latestSamples(
  db: D1Database,
  runs = 30,
): Promise<Map<string, [number | null, number, number | null, string | null]>> {
  const { results } = await db
    .prepare(
      "SELECT samples FROM ticks WHERE finished_at IS NOT NULL AND samples IS NOT NULL ORDER BY minute DESC LIMIT ?1",
    )
    .bind(runs)
    .all<{ samples: string }>();
  const latest = new Map<string, [number | null, number, number | null, string | null]>();
  for (const row of results) {
    for (const [id, sample] of Object.entries(
      JSON.parse(row.samples) as Record<string, [number | null, number, number | null, string | null]>,
    )) {
      if (!latest.has(id)) latest.set(id, sample);
    }
  }
  return latest;
}

/** Ends a failed run's leases at its start, so the next run may probe its monitors. */
export async function releaseLeases(db: D1Database, minute: number, startedAt: string): Promise<void> {
  await db
    .prepare("UPDATE ticks SET lease_until = ?3 WHERE slot = ?1 AND minute = ?2 AND finished_at IS NULL")
    .bind(minute % RING_MINUTES, minute, startedAt)
    .run();
}
