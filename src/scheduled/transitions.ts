/**
 * What time alone changes: maintenance windows opening and closing (marked on
 * the incident, announced as maintenance.started / .completed) and component
 * statuses that move with them. Each lands in one batch with its events.
 */
import { getIncident } from "../db/incidents";
import { bumpDataVersion } from "../db/meta";
import { iso } from "../domain/time";
import { outboxStatement } from "../notify/events";
import { factsContext, incidentFacts } from "../notify/facts";
import { statusChangeStatements } from "../notify/status-changes";

export async function timeTransitions(db: D1Database, nowMs: number): Promise<number> {
  const now = iso(nowMs);
  const { results } = await db
    .prepare(
      `SELECT id, maintenance_state, began_at, ended_at FROM incidents i
       WHERE deleted_at IS NULL AND EXISTS (SELECT 1 FROM impacts m WHERE m.incident_id = i.id AND m.severity = 0)
         AND ((COALESCE(maintenance_state, 'scheduled') = 'scheduled' AND began_at <= ?1)
           OR (COALESCE(maintenance_state, 'scheduled') <> 'completed' AND ended_at IS NOT NULL AND ended_at <= ?1))
       LIMIT 50`,
    )
    .bind(now)
    .all<{ id: string; maintenance_state: string | null; began_at: string; ended_at: string | null }>();
  let changed = 0;
  for (const row of results) {
    const incident = await getIncident(db, row.id);
    if (!incident) continue;
    const ended = row.ended_at !== null && row.ended_at <= now;
    const from = row.maintenance_state ?? "scheduled";
    const events: ("maintenance.started" | "maintenance.completed")[] = [];
    if (from === "scheduled") events.push("maintenance.started");
    if (ended) events.push("maintenance.completed");
    const facts = incidentFacts(incident, await factsContext(db, incident), now);
    const ids = incident.affects.map((a) => a.reference);
    await db.batch([
      db
        .prepare(
          "UPDATE incidents SET maintenance_state = ?2 WHERE id = ?1 AND COALESCE(maintenance_state, 'scheduled') = ?3",
        )
        .bind(row.id, ended ? "completed" : "started", from),
      ...events.map((event) =>
        outboxStatement(
          db,
          {
            event,
            at: now,
            incident: { ...facts, status: event === "maintenance.started" ? "in_progress" : "completed" },
          },
          ids,
        ),
      ),
    ]);
    changed += 1;
  }
  const statuses = await statusChangeStatements(db, now);
  if (statuses.length) {
    await db.batch([...statuses, bumpDataVersion(db)]);
    changed += 1;
  }
  return changed;
}
