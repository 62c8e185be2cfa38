/**
 * component.status_changed: component statuses now, compared with the ones
 * last announced (kept in meta). Called with the pending change inside a
 * write, and without one by the cron, which catches changes that come with
 * time (maintenance windows, incidents that begin in the future).
 */
import { componentsRead } from "../db/components";
import { type ActiveImpact, activeImpactsRead } from "../db/incidents";
import { announcedStatusesRead, saveAnnouncedStatuses } from "../db/meta";
import { outboxStatement } from "../db/outbox";
import { readAll } from "../db/read";
import { severitiesRead } from "../db/severities";
import type { Impact } from "../domain/incident";
import { bandBounds, type ComponentStatus } from "../domain/severity";
import { componentStatuses, isActive, type TimedIncident } from "../domain/status";

export type PendingChange = {
  incidentId: string;
  /** The incident after the write, or null when it is deleted. */
  after: { beganAt: string; endedAt: string | null; affects: readonly Impact[] } | null;
};

/** Active incidents as stored, with the pending change in place of its stored version. */
function activeIncidents(
  active: readonly ActiveImpact[],
  now: string,
  change?: PendingChange,
): TimedIncident[] {
  const byIncident = new Map<string, { componentId: string; severity: number }[]>();
  for (const impact of active) {
    if (impact.incidentId === change?.incidentId) continue;
    const list = byIncident.get(impact.incidentId) ?? [];
    list.push({ componentId: impact.componentId, severity: impact.severity });
    byIncident.set(impact.incidentId, list);
  }
  const timed = (impacts: TimedIncident["impacts"]): TimedIncident => ({
    beganAt: now,
    endedAt: null,
    phaseStatus: null,
    maintenance: false,
    impacts,
  });
  const incidents = [...byIncident.values()].map(timed);
  const after = change?.after;
  if (after && isActive(after, now)) {
    incidents.push({
      ...timed(
        after.affects.map((a) => ({ componentId: a.reference, severity: a.severity, endedAt: a.endedAt })),
      ),
      beganAt: after.beganAt,
      endedAt: after.endedAt,
    });
  }
  return incidents;
}

export async function statusChangeStatements(
  db: D1Database,
  now: string,
  change?: PendingChange,
): Promise<D1PreparedStatement[]> {
  const [previous, components, severities, active] = await readAll(db, [
    announcedStatusesRead(db),
    componentsRead(db),
    severitiesRead(db),
    activeImpactsRead(db, now),
  ] as const);
  const incidents = activeIncidents(active, now, change);
  const statuses = componentStatuses(components, incidents, bandBounds(severities), now);
  const statements: D1PreparedStatement[] = [];
  const next: Record<string, ComponentStatus> = {};
  for (const c of components) {
    const status = statuses.get(c.id) ?? "operational";
    next[c.id] = status;
    const old = (previous[c.id] ?? "operational") as ComponentStatus;
    if (old === status) continue;
    statements.push(
      outboxStatement(
        db,
        {
          event: "component.status_changed",
          at: now,
          component: {
            id: c.id,
            name: c.displayName,
            createdAt: c.createdAt,
            oldStatus: old,
            newStatus: status,
          },
        },
        [c.id],
      ),
    );
  }
  if (statements.length === 0) return [];
  statements.push(saveAnnouncedStatuses(db, next));
  return statements;
}
