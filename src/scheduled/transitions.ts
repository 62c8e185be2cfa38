/**
 * What time alone changes: maintenance windows opening and closing (marked on
 * the incident, announced as maintenance.started / .completed) and component
 * statuses that move with them. Each lands in one batch with its events.
 */
import { dueMaintenanceTransitions, getIncident, setMaintenanceState } from "../db/incidents";
import { bumpDataVersion } from "../db/meta";
import { outboxStatement } from "../db/outbox";
import { iso } from "../domain/time";
import { factsContext, incidentFacts } from "../notify/facts";
import { statusChangeStatements } from "../notify/status-changes";

export async function timeTransitions(db: D1Database, nowMs: number): Promise<number> {
  const now = iso(nowMs);
  let changed = 0;
  for (const row of await dueMaintenanceTransitions(db, now)) {
    const incident = await getIncident(db, row.id);
    if (!incident) continue;
    const ended = row.endedAt !== null && row.endedAt <= now;
    const events: ("maintenance.started" | "maintenance.completed")[] = [];
    if (row.state === "scheduled") events.push("maintenance.started");
    if (ended) events.push("maintenance.completed");
    const facts = incidentFacts(incident, await factsContext(db, incident), now);
    const ids = incident.affects.map((a) => a.reference);
    await db.batch([
      setMaintenanceState(db, row.id, row.state, ended ? "completed" : "started"),
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
