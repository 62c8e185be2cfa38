/**
 * component.status_changed: component statuses now, compared with the ones
 * last announced (kept in meta). Called with the pending change inside a
 * write, and without one by the cron, which catches changes that come with
 * time (maintenance windows, incidents that begin in the future).
 */
import type { Impact } from "../domain/incident";
import { bandBounds, type ComponentStatus } from "../domain/severity";
import { componentStatuses, type TimedIncident } from "../domain/status";
import { outboxStatement } from "./events";

export type PendingChange = {
  incidentId: string;
  /** The incident after the write, or null when it is deleted. */
  after: { beganAt: string; endedAt: string | null; affects: readonly Impact[] } | null;
};

export async function statusChangeStatements(
  db: D1Database,
  now: string,
  change?: PendingChange,
): Promise<D1PreparedStatement[]> {
  const [stored, components, severities, impacts] = await db.batch([
    db.prepare("SELECT value FROM meta WHERE key = 'component_statuses'"),
    db.prepare("SELECT id, display_name, group_id FROM components WHERE deleted_at IS NULL"),
    db.prepare("SELECT name AS displayName, value FROM severities"),
    db
      .prepare(
        `SELECT m.incident_id, m.component_id, m.severity FROM impacts m JOIN incidents i ON i.id = m.incident_id
         WHERE i.deleted_at IS NULL AND i.began_at <= ?1 AND (i.ended_at IS NULL OR i.ended_at > ?1)
           AND (m.ended_at IS NULL OR m.ended_at > ?1)`,
      )
      .bind(now),
  ]);
  const previous = JSON.parse(
    ((stored?.results?.[0] as { value: string } | undefined)?.value ?? "{}") as string,
  ) as Record<string, ComponentStatus>;
  const list = (components?.results ?? []) as { id: string; display_name: string; group_id: string | null }[];
  const bounds = bandBounds((severities?.results ?? []) as { displayName: string; value: number }[]);
  const byIncident = new Map<string, TimedIncident>();
  for (const r of (impacts?.results ?? []) as {
    incident_id: string;
    component_id: string;
    severity: number;
  }[]) {
    if (r.incident_id === change?.incidentId) continue;
    const incident = byIncident.get(r.incident_id) ?? {
      beganAt: now,
      endedAt: null,
      phaseName: "",
      maintenance: false,
      impacts: [],
    };
    (incident.impacts as { componentId: string; severity: number }[]).push({
      componentId: r.component_id,
      severity: r.severity,
    });
    byIncident.set(r.incident_id, incident);
  }
  const after = change?.after;
  if (after && after.beganAt <= now && (after.endedAt === null || after.endedAt > now)) {
    byIncident.set(change.incidentId, {
      beganAt: after.beganAt,
      endedAt: after.endedAt,
      phaseName: "",
      maintenance: false,
      impacts: after.affects.map((a) => ({
        componentId: a.reference,
        severity: a.severity,
        endedAt: a.endedAt,
      })),
    });
  }
  const statuses = componentStatuses(
    list.map((c) => ({ id: c.id, group: c.group_id })),
    [...byIncident.values()],
    bounds,
    now,
  );
  const statements: D1PreparedStatement[] = [];
  const next: Record<string, ComponentStatus> = {};
  for (const c of list) {
    const status = statuses.get(c.id) ?? "operational";
    next[c.id] = status;
    const old = previous[c.id] ?? "operational";
    if (old !== status) {
      statements.push(
        outboxStatement(
          db,
          {
            event: "component.status_changed",
            at: now,
            component: { id: c.id, name: c.display_name, oldStatus: old, newStatus: status },
          },
          [c.id],
        ),
      );
    }
  }
  if (statements.length === 0) return [];
  statements.push(
    db.prepare("UPDATE meta SET value = ?1 WHERE key = 'component_statuses'").bind(JSON.stringify(next)),
  );
  return statements;
}
