import { MAINTENANCE_SEVERITY } from "../domain/incident";
import { DAY_MS, dayKey, iso, startOfDay } from "../domain/time";
import { HISTORY_DAYS } from "./rollups";

/**
 * Rolls yesterday's samples up into one row per monitor (checks, failures,
 * covered and down minutes, average and p95 latency), in SQL so the cron's CPU
 * time stays small. Failing or slow checks inside a maintenance window on the
 * monitor's component count as covered but not as down or slow: maintenance
 * time counts as up (docs/model.md). Then it applies retention: rollups older than 90 days, and
 * old deliveries, events, audit entries and resolved alerts. Runs once, at
 * the first run of a day; running it again rewrites the same rows.
 */
export async function finaliseMonitorDays(db: D1Database, now: number, wall: number): Promise<void> {
  const today = startOfDay(now);
  const from = (today - DAY_MS) / 60_000;
  const to = today / 60_000;
  const day = dayKey(today - DAY_MS);
  // Retention counts from the wall clock at the latest: a run for a later time never deletes early.
  const keepFrom = startOfDay(Math.min(now, wall));
  await db.batch([
    db
      .prepare(
        `WITH win AS (
           SELECT im.component_id, i.began_at AS b, i.ended_at AS e
           FROM incidents i JOIN impacts im ON im.incident_id = i.id
           WHERE im.severity = ${MAINTENANCE_SEVERITY} AND i.deleted_at IS NULL AND i.began_at < ?4 AND (i.ended_at IS NULL OR i.ended_at > ?5)),
         s AS (
           SELECT j.key AS monitor_id, json_extract(j.value, '$[0]') AS latency, json_extract(j.value, '$[1]') AS health,
                  EXISTS (SELECT 1 FROM win w JOIN monitors mm ON mm.component_id = w.component_id
                          WHERE mm.id = j.key AND w.b <= strftime('%Y-%m-%dT%H:%M:%fZ', t.minute * 60, 'unixepoch')
                            AND (w.e IS NULL OR w.e > strftime('%Y-%m-%dT%H:%M:%fZ', t.minute * 60, 'unixepoch'))) AS maintenance
           FROM ticks t, json_each(t.samples) j WHERE t.minute >= ?1 AND t.minute < ?2 AND t.samples IS NOT NULL),
         ranked AS (
           SELECT monitor_id, latency, ROW_NUMBER() OVER (PARTITION BY monitor_id ORDER BY latency) AS rn,
                  COUNT(*) OVER (PARTITION BY monitor_id) AS n
           FROM s WHERE latency IS NOT NULL),
         p95 AS (SELECT monitor_id, latency FROM ranked WHERE rn = (n * 95 + 99) / 100),
         agg AS (
           SELECT monitor_id, COUNT(*) AS checks, SUM(health = 2) AS failures, SUM(health = 1) AS slow,
                  SUM(health = 2 AND NOT maintenance) AS down_checks, SUM(health = 1 AND NOT maintenance) AS slow_checks,
                  AVG(latency) AS latency_avg FROM s GROUP BY monitor_id)
         INSERT INTO monitor_days (monitor_id, day, checks, failures, slow, covered_minutes, down_minutes, slow_minutes,
                                   latency_avg_ms, latency_p95_ms)
         SELECT a.monitor_id, ?3, a.checks, a.failures, a.slow,
                MIN(1440, a.checks * m.interval_seconds / 60.0),
                MIN(1440, a.down_checks * m.interval_seconds / 60.0),
                MIN(1440, a.slow_checks * m.interval_seconds / 60.0),
                a.latency_avg, p.latency
         FROM agg a JOIN monitors m ON m.id = a.monitor_id LEFT JOIN p95 p ON p.monitor_id = a.monitor_id
         WHERE true
         ON CONFLICT (monitor_id, day) DO UPDATE SET checks = excluded.checks, failures = excluded.failures,
           slow = excluded.slow, covered_minutes = excluded.covered_minutes, down_minutes = excluded.down_minutes,
           slow_minutes = excluded.slow_minutes, latency_avg_ms = excluded.latency_avg_ms, latency_p95_ms = excluded.latency_p95_ms`,
      )
      .bind(from, to, day, iso(today), iso(today - DAY_MS)),
    db.prepare("DELETE FROM monitor_days WHERE day < ?1").bind(dayKey(keepFrom - HISTORY_DAYS * DAY_MS)),
    db.prepare("DELETE FROM component_days WHERE day < ?1").bind(dayKey(keepFrom - HISTORY_DAYS * DAY_MS)),
    // Retention: finished deliveries after 30 days, delivered events after 7, the audit log after 400.
    db
      .prepare("DELETE FROM deliveries WHERE status <> 'pending' AND created_at < ?1")
      .bind(new Date(keepFrom - 30 * DAY_MS).toISOString()),
    db
      .prepare(
        `DELETE FROM outbox WHERE fanned_out = 1 AND created_at < ?1
           AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = outbox.id)`,
      )
      .bind(new Date(keepFrom - 7 * DAY_MS).toISOString()),
    db.prepare("DELETE FROM audit_log WHERE at < ?1").bind(new Date(keepFrom - 400 * DAY_MS).toISOString()),
    db
      .prepare("DELETE FROM alerts WHERE status = 'resolved' AND updated_at < ?1")
      .bind(new Date(keepFrom - 30 * DAY_MS).toISOString()),
  ]);
}

export async function markFinalised(db: D1Database, day: string): Promise<void> {
  await db.prepare("UPDATE meta SET value = ?1 WHERE key = 'finalised_day' AND value < ?1").bind(day).run();
}
