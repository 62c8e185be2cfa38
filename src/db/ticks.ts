/** Cron runs: the per-minute lease and the record of completed runs. */

const RING_MINUTES = 2880;

export type TickRecord = { minute: number; startedAt: string; finishedAt: string | null };

/**
 * Claims the cron minute. Returns false when another invocation already holds
 * it (or a later minute has taken the same ring slot).
 */
export async function claimTick(db: D1Database, minute: number, startedAt: string): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO ticks (slot, minute, started_at) VALUES (?1, ?2, ?3)
       ON CONFLICT(slot) DO UPDATE SET minute = excluded.minute, started_at = excluded.started_at, finished_at = NULL
       WHERE ticks.minute < excluded.minute`,
    )
    .bind(minute % RING_MINUTES, minute, startedAt)
    .run();
  return result.meta.changes === 1;
}

export function finishTickStatement(db: D1Database, minute: number, finishedAt: string): D1PreparedStatement {
  return db
    .prepare("UPDATE ticks SET finished_at = ?1 WHERE slot = ?2 AND minute = ?3")
    .bind(finishedAt, minute % RING_MINUTES, minute);
}

export async function lastFinishedTick(db: D1Database): Promise<TickRecord | null> {
  const row = await db
    .prepare(
      "SELECT minute, started_at, finished_at FROM ticks WHERE finished_at IS NOT NULL ORDER BY minute DESC LIMIT 1",
    )
    .first<{ minute: number; started_at: string; finished_at: string | null }>();
  return row ? { minute: row.minute, startedAt: row.started_at, finishedAt: row.finished_at } : null;
}
