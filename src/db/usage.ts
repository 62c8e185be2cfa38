import type { DailyUsage } from "../domain/plan";
import { emptyUsage } from "../domain/plan";

type Row = DailyUsage;

/** What one invocation adds to its day. */
export type UsageDelta = {
  day: string;
  d1RowsWritten: number;
  kvWrites: number;
  /** A cron run's external subrequests, or null for a request. */
  subrequests: number | null;
  cpuMs: number | null;
};

/** Adds to the day's counts and answers the day's totals after the change. */
export function addUsage(db: D1Database, d: UsageDelta): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO usage_days (day, d1_rows_written, kv_writes, subrequests_max, cron_runs, cron_cpu_ms_max)
       VALUES (?1, ?2, ?3, COALESCE(?4, 0), CASE WHEN ?4 IS NULL THEN 0 ELSE 1 END, ?5)
       ON CONFLICT (day) DO UPDATE SET
         d1_rows_written = d1_rows_written + excluded.d1_rows_written,
         kv_writes = kv_writes + excluded.kv_writes,
         subrequests_max = max(subrequests_max, excluded.subrequests_max),
         cron_runs = cron_runs + excluded.cron_runs,
         cron_cpu_ms_max = CASE WHEN excluded.cron_cpu_ms_max IS NULL THEN cron_cpu_ms_max
           ELSE max(COALESCE(cron_cpu_ms_max, 0), excluded.cron_cpu_ms_max) END
       RETURNING day, d1_rows_written, kv_writes, subrequests_max, cron_runs, cron_cpu_ms_max`,
    )
    .bind(d.day, d.d1RowsWritten, d.kvWrites, d.subrequests, d.cpuMs);
}

export async function readUsage(db: D1Database, day: string): Promise<DailyUsage> {
  const row = await db
    .prepare(
      "SELECT day, d1_rows_written, kv_writes, subrequests_max, cron_runs, cron_cpu_ms_max FROM usage_days WHERE day = ?1",
    )
    .bind(day)
    .first<Row>();
  return row ?? emptyUsage(day);
}

/** The last days, newest first. */
export async function listUsage(db: D1Database, days: number): Promise<DailyUsage[]> {
  const { results } = await db
    .prepare(
      "SELECT day, d1_rows_written, kv_writes, subrequests_max, cron_runs, cron_cpu_ms_max FROM usage_days ORDER BY day DESC LIMIT ?1",
    )
    .bind(days)
    .all<Row>();
  return results;
}

/** Counts older than `day` are dropped (hourly housekeeping keeps 35 days). */
export function purgeUsage(db: D1Database, day: string): D1PreparedStatement {
  return db.prepare("DELETE FROM usage_days WHERE day < ?1").bind(day);
}
