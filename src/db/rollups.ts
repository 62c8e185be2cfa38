import { DAY_MS, dayKey, startOfDay } from "../domain/time";
import { type BandMinutes, bandMinutes, type Interval } from "../domain/uptime";
import { type Read, read } from "./read";

export const HISTORY_DAYS = 90;

export type DayRollup = BandMinutes & { componentId: string; day: string; incidentIds: string[] };

type ImpactSpan = {
  component_id: string;
  incident_id: string;
  severity: number;
  began_at: string;
  ended_at: string | null;
  impact_ended_at: string | null;
};

/** Impacts on `componentIds` (null: all) of live incidents overlapping [from, to). */
async function impactSpans(
  db: D1Database,
  componentIds: readonly string[] | null,
  from: number,
  to: number,
): Promise<ImpactSpan[]> {
  const { results } = await db
    .prepare(
      `SELECT m.component_id, m.incident_id, m.severity, i.began_at, i.ended_at, m.ended_at AS impact_ended_at
       FROM impacts m JOIN incidents i ON i.id = m.incident_id
       WHERE i.deleted_at IS NULL AND i.began_at < ?2 AND (i.ended_at IS NULL OR i.ended_at > ?1)
         AND (?3 IS NULL OR m.component_id IN (SELECT value FROM json_each(?3)))`,
    )
    .bind(
      new Date(from).toISOString(),
      new Date(to).toISOString(),
      componentIds ? JSON.stringify(componentIds) : null,
    )
    .all<ImpactSpan>();
  return results;
}

/**
 * Recomputes the daily rollups of the given components (null: every component
 * with impacts) for the UTC days touching [from, to], within the last
 * HISTORY_DAYS and never past `now`. Returns the statements to run.
 */
export async function rollupStatements(
  db: D1Database,
  componentIds: readonly string[] | null,
  from: number,
  to: number,
  now: number,
  bounds: readonly number[],
): Promise<D1PreparedStatement[]> {
  const first = Math.max(startOfDay(from), startOfDay(now) - (HISTORY_DAYS - 1) * DAY_MS);
  const last = startOfDay(Math.min(to, now));
  if (last < first) return [];
  const spans = await impactSpans(db, componentIds, first, last + DAY_MS);
  const byComponent = new Map<string, ImpactSpan[]>();
  for (const id of componentIds ?? []) byComponent.set(id, []);
  for (const s of spans) byComponent.set(s.component_id, [...(byComponent.get(s.component_id) ?? []), s]);

  const statements: D1PreparedStatement[] = [];
  if (componentIds === null) {
    // Every component: clear the range first so rows of since-removed impacts go too.
    statements.push(
      db.prepare("DELETE FROM component_days WHERE day BETWEEN ?1 AND ?2").bind(dayKey(first), dayKey(last)),
    );
  }
  for (const [componentId, list] of byComponent) {
    const intervals: (Interval & { incidentId: string })[] = list.map((s) => ({
      start: Date.parse(s.began_at),
      end: firstEnd(s.ended_at, s.impact_ended_at),
      severity: s.severity,
      incidentId: s.incident_id,
    }));
    for (let day = first; day <= last; day += DAY_MS) {
      const dayEnd = Math.min(day + DAY_MS, now);
      const touching = intervals.filter((i) => i.start < dayEnd && (i.end === null || i.end > day));
      const key = dayKey(day);
      if (touching.length === 0) {
        if (componentIds === null) continue;
        statements.push(
          db
            .prepare("DELETE FROM component_days WHERE component_id = ?1 AND day = ?2")
            .bind(componentId, key),
        );
        continue;
      }
      const m = bandMinutes(touching, bounds, day, dayEnd);
      const ids = [...new Set(touching.map((i) => i.incidentId))].sort();
      statements.push(
        db
          .prepare(
            `INSERT INTO component_days (component_id, day, major_minutes, partial_minutes, minor_minutes, maintenance_minutes, incident_ids)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (component_id, day) DO UPDATE SET major_minutes = excluded.major_minutes,
               partial_minutes = excluded.partial_minutes, minor_minutes = excluded.minor_minutes,
               maintenance_minutes = excluded.maintenance_minutes, incident_ids = excluded.incident_ids`,
          )
          .bind(componentId, key, m.major, m.partial, m.minor, m.maintenance, JSON.stringify(ids)),
      );
    }
  }
  return statements;
}

/** The earlier of the incident's end and the impact's own end (null: still open). */
function firstEnd(incidentEnd: string | null, impactEnd: string | null): number | null {
  const ends = [incidentEnd, impactEnd].filter((t): t is string => t !== null).map(Date.parse);
  return ends.length ? Math.min(...ends) : null;
}

/** Rollups of every component from `fromDay` (inclusive), for the snapshot. */
type RollupRow = {
  component_id: string;
  day: string;
  major_minutes: number;
  partial_minutes: number;
  minor_minutes: number;
  maintenance_minutes: number;
  incident_ids: string;
};

export function rollupsRead(db: D1Database, fromDay: string): Read<DayRollup[]> {
  return read(db.prepare("SELECT * FROM component_days WHERE day >= ?1").bind(fromDay), (rows: RollupRow[]) =>
    rows.map((r) => ({
      componentId: r.component_id,
      day: r.day,
      major: r.major_minutes,
      partial: r.partial_minutes,
      minor: r.minor_minutes,
      maintenance: r.maintenance_minutes,
      incidentIds: JSON.parse(r.incident_ids) as string[],
    })),
  );
}

export function pruneRollups(db: D1Database, beforeDay: string): D1PreparedStatement {
  return db.prepare("DELETE FROM component_days WHERE day < ?1").bind(beforeDay);
}
